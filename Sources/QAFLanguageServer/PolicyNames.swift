import Foundation
import QAFCore
import QAFLoad
import QAFTesting
import QAFValidate

/// The names a policy declares, with where each is declared: read from the policy's syntax, so that they are
/// known even while the policy has errors elsewhere.
struct PolicyNames {
    var syntax: PolicySyntax

    /// The policy a document is about: itself (a policy), or the policy its suite names.
    static func of(_ document: TextDocument, library: PolicyLibrary) -> PolicyNames? {
        switch document.kind {
        case .policy:
            return PolicyReader.read(file: document.path, text: document.text).0.map(PolicyNames.init)
        case .suite:
            guard let id = suitePolicyID(document) else { return nil }
            for (file, _) in library.policies(in: SuiteDiscovery.policyFolders(for: document.path)) {
                guard case .success(let text) = FileText.read(file),
                    let syntax = PolicyReader.read(file: file, text: text).0, syntax.id.value == id
                else { continue }
                return PolicyNames(syntax: syntax)
            }
            return nil
        default:
            return nil
        }
    }

    static func suitePolicyID(_ document: TextDocument) -> String? {
        for line in document.lines where line.hasPrefix("policy:") {
            return YAMLContext.value(of: line).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
        }
        return nil
    }

    var criterionIDs: [String] { syntax.criteria.map(\.id.value) }
    var levelIDs: [String] { syntax.levels.map(\.id.value.description) }
    var triggerIDs: [String] { syntax.triggers.map(\.id.value) }
    var parameterNames: [String] { syntax.parameters.map(\.name.value) }
    var severities: [String] { syntax.severities.map(\.value) }
    var domainIDs: [String] { syntax.domains.map(\.id.value) }
    var interventionIDs: [String] { syntax.interventions.map(\.id.value) }
    var routeIDs: [String] { syntax.routes.map(\.id.value) }

    private func declared(_ location: SourceLocation) -> String {
        "Declared at `\((location.file as NSString).lastPathComponent):\(location.line)` (policy `\(syntax.id.value)`)."
    }

    /// Hover text for a name the policy declares, or nil: paragraphs of Markdown.
    func describe(_ name: String) -> String? {
        paragraphs(name).map { $0.joined(separator: "\n\n") }
    }

    private func paragraphs(_ name: String) -> [String]? {
        if let p = syntax.parameters.first(where: { $0.name.value == name }) {
            let type = p.value.value.isBoolean ? "true or false" : "number"
            return [
                "**\(name)** — parameter: \(p.means)", "Value: `\(p.value.value)` (\(type))", "Source: \(p.source)",
                declared(p.name.location),
            ]
        }
        if let c = syntax.criteria.first(where: { $0.id.value == name }) {
            return [
                "**\(name)** — criterion: \(c.title)",
                "Indicates: `\(c.indicates?.value ?? "?")`, domain `\(c.domain?.value ?? "?")`. In a level or trigger, "
                    + "true when it fired, unknown when it could not be assessed.",
                "When: `\(c.when?.text ?? "")`", "Source: \(c.source)", declared(c.id.location),
            ]
        }
        if let l = syntax.levels.first(where: { $0.id.value.description == name }) {
            return [
                "**\(name)** — level: \(l.name), \(l.label)",
                l.otherwise ? "Otherwise (when no level above holds)" : "When: `\(l.when?.text ?? "")`",
                "Source: \(l.source)", declared(l.id.location),
            ]
        }
        if let t = syntax.triggers.first(where: { $0.id.value == name }) {
            return [
                "**\(name)** — trigger: \(t.title)", "Route: `\(t.route?.value ?? "?")`, urgency \(t.urgency.rawValue)",
                "Source: \(t.source)", declared(t.id.location),
            ]
        }
        if let index = severities.firstIndex(of: name) {
            return [
                "**\(name)** — severity \(index + 1) of \(severities.count) (mildest first: "
                    + "\(severities.joined(separator: ", "))). `count(\(name))` counts the criteria of this severity that fired.",
                declared(syntax.severities[index].location),
            ]
        }
        if let d = syntax.domains.first(where: { $0.id.value == name }) {
            return ["**\(name)** — domain: \(d.name)", declared(d.id.location)]
        }
        if let i = syntax.interventions.first(where: { $0.id.value == name }) {
            return ["**\(name)** — intervention: \(i.text)", "Source: \(i.source)", declared(i.id.location)]
        }
        if let r = syntax.routes.first(where: { $0.id.value == name }) {
            return ["**\(name)** — route: \(r.name)", "Source: \(r.source)", declared(r.id.location)]
        }
        return nil
    }
}

extension ParameterValue {
    var isBoolean: Bool {
        if case .boolean = self { return true }
        return false
    }
}
