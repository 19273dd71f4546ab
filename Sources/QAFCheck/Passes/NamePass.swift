import QAFCore
import QAFLoad

/// What a policy declares, each id once: the tables later passes resolve names against.
package struct DeclaredNames: Sendable {
    /// Each declared id to its position among its kind, as written.
    package var severities: [String: Int]
    package var domains: [String: Int]
    package var interventions: [String: Int]
    package var routes: [String: Int]
    package var criteria: [String: Int]
    /// The parameters: the only names besides evidence fields a criterion's condition may use.
    package var parameterScope: Scope
}

/// Pass 1, names: every id of a kind is declared once, there is at least one severity, and no parameter is named
/// like an evidence field (a condition could not tell the two apart).
package struct NamePass {
    package static let name = "names"
    package let schema: EvidenceSchema

    package init(schema: EvidenceSchema) { self.schema = schema }

    package func run(_ policy: PolicySyntax, into diagnostics: inout Diagnostics) -> DeclaredNames {
        let severities = unique(policy.severities, "severity", &diagnostics)
        let domains = unique(policy.domains.map(\.id), "domain", &diagnostics)
        let interventions = unique(policy.interventions.map(\.id), "intervention", &diagnostics)
        let routes = unique(policy.routes.map(\.id), "route", &diagnostics)
        let criteria = unique(policy.criteria.map(\.id), "criterion", &diagnostics)
        _ = unique(policy.triggers.map(\.id), "trigger", &diagnostics)
        _ = unique(policy.parameters.map(\.name), "parameter", &diagnostics)
        _ = unique(policy.levels.map(\.id), "level", &diagnostics)
        if policy.severities.isEmpty {
            diagnostics.append(Diagnostic("'severities' must name at least one severity", at: policy.id.location))
        }

        var scope = Scope()
        for parameter in policy.parameters {
            let name = parameter.name.value
            if schema.scalars[name] != nil || schema.lists[name] != nil
                || schema.allPaths.contains(where: { $0.hasPrefix(name + ".") })
            {
                diagnostics.append(
                    Diagnostic(
                        "parameter '\(name)' has the name of an evidence field; choose another name",
                        at: parameter.name.location))
            }
            scope.parameters[name] = parameter.value.value
        }
        return DeclaredNames(
            severities: severities, domains: domains, interventions: interventions, routes: routes,
            criteria: criteria, parameterScope: scope)
    }

    /// The ids to their first positions; a repeat is reported where it is written.
    private func unique<ID: Hashable & CustomStringConvertible & Sendable>(
        _ ids: [Located<ID>], _ what: String, _ diagnostics: inout Diagnostics
    ) -> [ID: Int] {
        var index: [ID: Int] = [:]
        for (position, id) in ids.enumerated() {
            if index[id.value] != nil {
                diagnostics.append(Diagnostic("\(what) '\(id.value)' is defined twice", at: id.location))
            } else {
                index[id.value] = position
            }
        }
        return index
    }
}
