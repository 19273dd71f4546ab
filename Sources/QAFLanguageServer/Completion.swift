import QAFCore
import QAFTesting
import QAFValidate

/// Completion: keys of the YAML structure, values of closed sets, and names inside `when:` expressions and the
/// `{…}` placeholders of `because:`.
struct Completion {
    let server: LanguageServer
    let document: TextDocument

    static let functions = [
        ("count", "count(list) or count(list, condition); count(severity) in a level or trigger"),
        ("any", "any(list, condition): some entry meets the condition"),
        ("all", "all(list, condition): every entry meets the condition"),
        ("exists", "exists(field): true when the field is present, false when absent"),
        ("days_since", "days_since(date): whole days from the date to as_of"),
        ("months_since", "months_since(date): whole calendar months from the date to as_of"),
        ("days", "days(n): a duration of n days"), ("months", "months(n): a duration of n months"),
    ]

    /// LSP CompletionItemKind numbers.
    enum Kind: Int {
        case function = 3, field = 5, variable = 6, property = 10, value = 12, enumMember = 20, constant = 21
    }

    func items(_ params: [String: Any]) -> [String: Any] {
        guard let position = params["position"] as? [String: Any], let line = position["line"] as? Int,
            let character = position["character"] as? Int
        else { return ["isIncomplete": false, "items": []] }
        let before = document.textBefore(line: line, character: character)
        let context = YAMLContext(lines: document.lines, line: line, before: before)
        // The partial name before the cursor is what every item replaces.
        var prefixScalars = 0
        for s in before.unicodeScalars.reversed() {
            guard TextDocument.isNameScalar(s) else { break }
            prefixScalars += 1
        }
        let prefix = String(String.UnicodeScalarView(before.unicodeScalars.suffix(prefixScalars)))
        let start = character - prefix.utf16.count
        var candidates: [(String, Kind, String?)]
        let kind = document.kind
        if kind == .policy, let key = context.valueKey, ["when", "because"].contains(key) {
            if key == "because", !Self.insidePlaceholder(before) {
                candidates = []
            } else {
                candidates = expressionNames(before: before, context: context)
            }
        } else if context.atKey && !isListEntry(context, before: before) {
            let walker = schema(for: kind)
            candidates = (walker?.keys(at: context.path) ?? []).filter { !context.siblingKeys.contains($0.name) }.map {
                ($0.name, .property, $0.description)
            }
            if kind == .policy, context.path.first == "parameters" || context.path.first == "domains" {
                candidates = context.path.count == 1 ? [] : candidates
            }
        } else {
            let key = context.valueKey ?? context.path.last
            let path = context.valueKey == nil ? Array(context.path.dropLast()) : context.path
            candidates = values(for: key, path: path, kind: kind)
        }
        let items: [[String: Any]] = candidates.filter { $0.0.hasPrefix(prefix) }.enumerated().map { index, c in
            var item: [String: Any] = [
                "label": c.0, "kind": c.1.rawValue, "sortText": String(format: "%04d", index),
                "textEdit": ["range": LSP.range(line, start, line, character), "newText": c.0],
            ]
            if let detail = c.2 { item["detail"] = detail }
            return item
        }
        return ["isIncomplete": false, "items": items]
    }

    static func insidePlaceholder(_ before: String) -> Bool {
        guard let open = before.lastIndex(of: "{") else { return false }
        return !before[open...].contains("}")
    }

    /// A "- entry" line of a list of plain values (requires, interventions, fired…), not of mappings.
    private func isListEntry(_ context: YAMLContext, before: String) -> Bool {
        guard before.trimmingCharacters(in: .whitespaces).hasPrefix("-"), let owner = context.path.last else {
            return false
        }
        let walker = schema(for: document.kind)
        guard let node = walker?.node(at: context.path) else { return false }
        return owner.isEmpty == false && walker!.intoItems(node)["properties"] == nil
    }

    private func schema(for kind: FileChecker.Kind?) -> SchemaWalker? { server.schemas.walker(for: kind) }

    private func names(_ list: [String], _ kind: Kind, _ detail: String) -> [(String, Kind, String?)] {
        list.map { ($0, kind, detail) }
    }

    /// Names that fit in an expression at the cursor.
    private func expressionNames(before: String, context: YAMLContext) -> [(String, Kind, String?)] {
        let schema = server.evidenceSchema(for: document)
        let evidence = EvidenceWords(schema: schema)
        let policy = server.policyNames(for: document)
        let scope = ExpressionScope(before: before)
        let inLevelOrTrigger = context.path.contains("levels") || context.path.contains("triggers")
        if let field = scope.comparedField {
            if let members = evidence.members(of: field, inList: scope.list) {
                return names(members, .enumMember, "a value of \(field)")
            }
            if field == "level" || field == "previous.level", let policy {
                return names(policy.levelIDs, .enumMember, "a level of this policy")
            }
        }
        if scope.inCount, inLevelOrTrigger, let policy {
            return names(policy.severities, .constant, "a severity: count the criteria of it that fired")
                + names(schema.listOrder, .field, "an evidence list")
        }
        var out: [(String, Kind, String?)] = []
        if let list = scope.list, let spec = schema.lists[list] {
            out += spec.elementFieldOrder.map { ($0, .field, "a field of each \(list) entry") }
        }
        out += schema.allPaths.map { ($0, .field, schema.scalars[$0]?.doc) }
        if let policy {
            out += names(policy.parameterNames, .variable, "a parameter")
            if inLevelOrTrigger {
                out += names(policy.criterionIDs, .constant, "a criterion: true when it fired")
                out += names(policy.severities, .constant, "a severity, for count(…)")
                if context.path.contains("triggers") {
                    out.append(("level", .variable, "the level the decision reached"))
                }
            }
        }
        out += Self.functions.map { ($0.0, .function, $0.1) }
        out += ["and", "or", "not", "in", "true", "false"].map { ($0, .constant, nil) }
        return out
    }

    /// Values that fit a key: ids the policy declares, or a closed set the schema gives.
    private func values(for key: String?, path: [String], kind: FileChecker.Kind?) -> [(String, Kind, String?)] {
        guard let key else { return [] }
        let policy = server.policyNames(for: document)
        switch (kind, key) {
        case (.policy, "indicates"): return names(policy?.severities ?? [], .enumMember, "a severity")
        case (.policy, "domain"): return names(policy?.domainIDs ?? [], .enumMember, "a domain")
        case (.policy, "route"): return names(policy?.routeIDs ?? [], .enumMember, "a route")
        case (.policy, "interventions"), (.suite, "interventions"):
            return names(policy?.interventionIDs ?? [], .enumMember, "an intervention")
        case (.policy, "requires"):
            return names(server.evidenceSchema(for: document).allPaths, .field, "an evidence field")
        case (.suite, "fired"), (.suite, "unassessed"):
            return names(policy?.criterionIDs ?? [], .enumMember, "a criterion")
        case (.suite, "triggers"): return names(policy?.triggerIDs ?? [], .enumMember, "a trigger")
        case (.suite, "level"), (.suite, "could_reach"): return names(policy?.levelIDs ?? [], .enumMember, "a level")
        case (.suite, "policy"):
            let ids = server.library().policies(in: SuiteDiscovery.policyFolders(for: document.path)).compactMap {
                try? $0.result.get().id
            }
            return names(ids, .value, "a policy")
        default:
            let walker = schema(for: kind)
            return names(walker?.allowedValues(at: path + [key]) ?? [], .enumMember, "an allowed value")
        }
    }
}
