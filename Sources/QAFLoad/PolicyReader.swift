import QAFCore
import Yams

/// Reads a policy file into a `PolicySyntax`, reporting every unknown key, wrong type and missing part at once.
public enum PolicyReader {
    static let topKeys = [
        "policy", "id", "authority", "title", "version", "source", "notes", "requires", "severities", "domains",
        "parameters", "interventions", "routes", "criteria", "levels", "triggers", "vocabulary",
    ]

    /// The policy as far as it could be read, and every problem found; the checker still runs on a policy with
    /// problems, so that a file's errors are all reported together.
    public static func read(file: String, text: String) -> (PolicySyntax?, Diagnostics) {
        let source = SourceText(file: file, text: text)
        let root: Node?
        do { root = try source.compose() } catch { return (nil, error) }
        let reader = NodeReader(source: source)
        guard let root else {
            reader.error("the policy file is empty", at: source.location(line: 1, column: 1))
            return (nil, reader.diagnostics)
        }
        let policy = read(root, reader)
        return (policy, reader.diagnostics)
    }

    private static func read(_ root: Node, _ r: NodeReader) -> PolicySyntax? {
        guard
            let top = r.mapping(
                root, "the policy", allowed: topKeys,
                required: [
                    "policy", "id", "authority", "title", "version", "source", "severities", "domains", "criteria",
                ])
        else { return nil }
        if let format = top["policy"], r.number(format, "'policy' (the format version)") != 1 {
            r.error("'policy' must be 1, the only format version this qaf reads", at: format)
        }
        if top["levels"] == nil, top["triggers"] == nil {
            r.error("a policy needs 'levels', 'triggers' or both", at: root)
        }
        let id = top.identifier("id", "the policy id")
        let sourceFile = top.string("source", "'source' (the seed file the policy encodes)")
        if let sourceFile, sourceFile.value.contains("/") {
            r.error(
                "'source' names the seed file only, never a path: write '\(sourceFile.value.split(separator: "/").last ?? "")'",
                at: sourceFile.location)
        }

        var domains: [(Located<String>, String)] = []
        if let node = top["domains"], case .mapping(let map) = node {
            for (key, value) in map {
                if let id = r.identifier(key, "a domain id"),
                    let name = r.string(value, "the name of domain '\(id.value)'")
                {
                    domains.append((id, name.value))
                }
            }
        } else if let node = top["domains"] {
            r.error("'domains' must map each domain id to its name, found \(r.describe(node))", at: node)
        }

        var policy = PolicySyntax(
            file: r.source.file,
            id: id ?? Located("", at: r.location(root)),
            authority: top.string("authority", "'authority'")?.value ?? "",
            title: top.string("title", "'title'")?.value ?? "",
            version: top.string("version", "'version'")?.value ?? "",
            source: sourceFile ?? Located("", at: r.location(root)),
            notes: top.string("notes", "'notes'")?.value,
            requires: top["requires"].map { requiresList($0, r) } ?? [],
            severities: top.identifiers("severities", "'severities'"),
            domains: domains,
            parameters: entries(top["parameters"], "parameters", r, parameter),
            interventions: entries(top["interventions"], "interventions", r, intervention),
            routes: entries(top["routes"], "routes", r, route),
            criteria: items(top["criteria"], "criteria", r, criterion),
            levels: items(top["levels"], "levels", r, level),
            triggers: items(top["triggers"], "triggers", r, trigger))
        if let vocabulary = top["vocabulary"] {
            policy.vocabulary = VocabularyReader.policyVocabulary(vocabulary, r, declaredIn: r.source.file)
        }
        return policy
    }

    private static func requiresList(_ node: Node, _ r: NodeReader) -> [Located<String>] {
        guard let items = r.sequence(node, "'requires'") else { return [] }
        return items.compactMap { r.string($0, "an entry of 'requires'") }
    }

    /// A mapping of id → body, as `parameters`, `interventions` and `routes` are written.
    private static func entries<T>(
        _ node: Node?, _ what: String, _ r: NodeReader, _ body: (Located<String>, Node, NodeReader) -> T?
    ) -> [T] {
        guard let node else { return [] }
        guard case .mapping(let map) = node else {
            r.error("'\(what)' must map each id to its definition, found \(r.describe(node))", at: node)
            return []
        }
        return map.compactMap { key, value in
            r.identifier(key, "an id in '\(what)'").flatMap { body($0, value, r) }
        }
    }

    /// A list of mappings, as `criteria`, `levels` and `triggers` are written.
    private static func items<T>(_ node: Node?, _ what: String, _ r: NodeReader, _ body: (Node, NodeReader) -> T?)
        -> [T]
    {
        guard let node, let list = r.sequence(node, "'\(what)'") else { return [] }
        return list.compactMap { body($0, r) }
    }

    private static func parameter(_ name: Located<String>, _ node: Node, _ r: NodeReader) -> ParameterSyntax? {
        let what = "parameter '\(name.value)'"
        guard
            let m = r.mapping(
                node, what, allowed: ["value", "means", "source"], required: ["value", "means", "source"]),
            let valueNode = m["value"]
        else { return nil }
        let value: ParameterValue?
        if let s = valueNode.scalar, s.style == .plain, s.string == "true" || s.string == "false" {
            value = .boolean(s.string == "true")
        } else {
            value = r.number(valueNode, "the value of \(what)", range: .parameter).map(ParameterValue.number)
        }
        guard let value else { return nil }
        return ParameterSyntax(
            name: name, value: Located(value, at: r.location(valueNode)),
            means: m.string("means", "'means'")?.value ?? "", source: m.string("source", "'source'")?.value ?? "")
    }

    private static func intervention(_ id: Located<String>, _ node: Node, _ r: NodeReader) -> InterventionSyntax? {
        guard
            let m = r.mapping(
                node, "intervention '\(id.value)'", allowed: ["text", "source"], required: ["text", "source"])
        else { return nil }
        return InterventionSyntax(
            id: id, text: m.string("text", "'text'")?.value ?? "", source: m.string("source", "'source'")?.value ?? "")
    }

    private static func route(_ id: Located<String>, _ node: Node, _ r: NodeReader) -> RouteSyntax? {
        guard
            let m = r.mapping(node, "route '\(id.value)'", allowed: ["name", "source"], required: ["name", "source"])
        else { return nil }
        return RouteSyntax(
            id: id, name: m.string("name", "'name'")?.value ?? "", source: m.string("source", "'source'")?.value ?? "")
    }

    private static func criterion(_ node: Node, _ r: NodeReader) -> CriterionSyntax? {
        let keys = ["id", "title", "domain", "indicates", "when", "because", "source", "note"]
        let name = (node.mapping?["id"]?.string).map { "criterion '\($0)'" } ?? "a criterion"
        guard let m = r.mapping(node, name, allowed: keys, required: keys.filter { $0 != "note" }),
            let id = m.identifier("id", "the criterion id")
        else { return nil }
        return CriterionSyntax(
            id: id, title: m.string("title", "'title'")?.value ?? "", domain: m.identifier("domain", "the domain"),
            indicates: m.identifier("indicates", "'indicates'"), when: m.expression("when"),
            because: m.expression("because"), source: m.string("source", "'source'")?.value ?? "",
            note: m.string("note", "'note'")?.value)
    }

    private static func level(_ node: Node, _ r: NodeReader) -> LevelSyntax? {
        let keys = ["id", "name", "label", "when", "otherwise", "interventions", "review", "source"]
        let name = (node.mapping?["id"]?.string).map { "level '\($0)'" } ?? "a level"
        guard let m = r.mapping(node, name, allowed: keys, required: ["id", "name", "label", "source"]),
            let idText = m.string("id", "the level id")
        else { return nil }
        let otherwise = m.boolean("otherwise", "'otherwise'") ?? false
        if m["otherwise"] != nil, !otherwise { r.error("write 'otherwise: true' or leave it out", at: m["otherwise"]!) }
        if m["when"] == nil, !otherwise {
            r.error("\(name) needs a 'when' condition, or 'otherwise: true' if it is the last level", at: node)
        }
        if m["when"] != nil, otherwise {
            r.error("\(name) has both 'when' and 'otherwise'; keep one", at: m.keys["otherwise"]!)
        }
        if case .word(let w) = LevelID(idText.value), !NodeReader.isIdentifier(w) {
            r.error("the level id '\(w)' must be a whole number or a lower_snake_case name", at: idText.location)
        }
        var review: (String, String)?
        if let reviewNode = m["review"],
            let rm = r.mapping(reviewNode, "'review'", allowed: ["by", "every"], required: ["by", "every"])
        {
            review = (rm.string("by", "'by'")?.value ?? "", rm.string("every", "'every'")?.value ?? "")
        }
        return LevelSyntax(
            id: Located(LevelID(idText.value), at: idText.location), name: m.string("name", "'name'")?.value ?? "",
            label: m.string("label", "'label'")?.value ?? "", when: m.expression("when"), otherwise: otherwise,
            interventions: m.identifiers("interventions", "'interventions'"), review: review,
            source: m.string("source", "'source'")?.value ?? "", location: r.location(node))
    }

    private static func trigger(_ node: Node, _ r: NodeReader) -> TriggerSyntax? {
        let keys = ["id", "title", "when", "route", "urgency", "interventions", "because", "source"]
        let name = (node.mapping?["id"]?.string).map { "trigger '\($0)'" } ?? "a trigger"
        guard
            let m = r.mapping(
                node, name, allowed: keys, required: ["id", "title", "when", "route", "urgency", "source"]),
            let id = m.identifier("id", "the trigger id")
        else { return nil }
        if m["because"] == nil {
            r.error(
                "\(name) is missing the required key 'because': every trigger says which fact fired it, "
                    + "e.g. because: \"{provider.name} has {count(major)} major concern(s)\"", at: node)
        }
        var urgency = Urgency.routine
        if let urgencyText = m.string("urgency", "'urgency'") {
            if let u = Urgency(rawValue: urgencyText.value) {
                urgency = u
            } else {
                r.error(
                    "urgency must be immediate or routine, found '\(urgencyText.value)'"
                        + NearestName.hint(urgencyText.value, among: Urgency.allCases.map(\.rawValue)),
                    at: urgencyText.location)
            }
        }
        return TriggerSyntax(
            id: id, title: m.string("title", "'title'")?.value ?? "", when: m.expression("when"),
            route: m.identifier("route", "the route"), urgency: urgency,
            interventions: m.identifiers("interventions", "'interventions'"), because: m.expression("because"),
            source: m.string("source", "'source'")?.value ?? "")
    }
}
