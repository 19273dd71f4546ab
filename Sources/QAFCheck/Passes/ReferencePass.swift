import QAFCore
import QAFLoad

/// What each part of a policy refers to, resolved to positions among the declarations; nil where the name is
/// undefined (reported).
package struct ResolvedReferences: Sendable {
    package struct CriterionReferences: Sendable {
        package var domain: Int?
        package var severity: Int?
    }
    /// One a criterion, in the policy's order.
    package var criteria: [CriterionReferences]
    /// The interventions of each level, in the policy's order.
    package var levelInterventions: [[Int]]
    /// The evidence paths `requires` names that the schema knows.
    package var requires: [String]
}

/// Pass 2, references: every domain, severity and intervention a criterion or level names is declared; every field
/// `requires` names is in the evidence; a citation names a section, not a file's path. (A trigger's route and
/// interventions are `TriggerPass`'s.)
package struct ReferencePass {
    package static let name = "references"
    package let schema: EvidenceSchema

    package init(schema: EvidenceSchema) { self.schema = schema }

    package func run(_ policy: PolicySyntax, _ names: DeclaredNames, into diagnostics: inout Diagnostics)
        -> ResolvedReferences
    {
        func reference(_ id: Located<String>, in table: [String: Int], _ what: String) -> Int? {
            Self.resolve(id, in: table, what, &diagnostics)
        }

        let criteria = policy.criteria.map { c in
            let references = ResolvedReferences.CriterionReferences(
                domain: c.domain.flatMap { reference($0, in: names.domains, "domain") },
                severity: c.indicates.flatMap { reference($0, in: names.severities, "severity") })
            Self.checkCitation(c.source, of: c.id, &diagnostics)
            return references
        }
        let levelInterventions = policy.levels.map { level in
            level.interventions.compactMap { reference($0, in: names.interventions, "intervention") }
        }
        for t in policy.triggers { Self.checkCitation(t.source, of: t.id, &diagnostics) }

        var requires: [String] = []
        for path in policy.requires {
            if schema.scalars[path.value] != nil || schema.lists[path.value] != nil {
                requires.append(path.value)
            } else {
                diagnostics.append(
                    Diagnostic(
                        "'requires' names an unknown evidence field '\(path.value)'"
                            + NearestName.hint(path.value, among: schema.allPaths), at: path.location))
            }
        }
        return ResolvedReferences(criteria: criteria, levelInterventions: levelInterventions, requires: requires)
    }

    /// The position of a declared name; an undefined one is reported with the nearest declared name.
    static func resolve(
        _ id: Located<String>, in table: [String: Int], _ what: String, _ diagnostics: inout Diagnostics
    )
        -> Int?
    {
        if let position = table[id.value] { return position }
        diagnostics.append(
            Diagnostic(
                "undefined \(what) '\(id.value)'" + NearestName.hint(id.value, among: table.keys.sorted()),
                at: id.location))
        return nil
    }

    /// A citation names a section; a path to a file on some machine is never a citation.
    static func checkCitation(_ source: String, of id: Located<String>, _ diagnostics: inout Diagnostics) {
        let tokens = source.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
        if tokens.contains(where: { $0.contains("/") && $0.hasSuffix(".txt") }) {
            diagnostics.append(
                Diagnostic("'\(id.value)' cites a path; cite the seed file by name and section", at: id.location))
        }
    }
}
