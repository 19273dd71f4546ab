import QAFCore
import Yams

/// A field declared in a vocabulary: the standard one (`Vocabulary/standard.yaml`), a policy's `vocabulary:` or a
/// shared vocabulary file. Kept with the place it was written, for errors that compare two declarations.
public struct FieldDeclaration: Sendable {
    public var path: Located<String>
    /// Named by the last part of the path; `declaredIn` is set for local evidence.
    public var member: SchemaMember
    /// Everything the declaration says, written out: two declarations of one field agree when these are equal.
    public var signature: String
    let source: SourceText

    func diagnostic(_ message: String, severity: Diagnostic.Severity = .error) -> Diagnostic {
        var d = source.diagnostic(message, at: path.location)
        d.severity = severity
        return d
    }
}

/// A policy's `vocabulary:` as written: declarations in the policy itself and shared vocabulary files it names.
public struct VocabularySyntax: Sendable {
    public var declarations: [FieldDeclaration] = []
    /// Paths relative to the policy's folder.
    public var files: [Located<String>] = []

    public init() {}
}

/// Reads field declarations, reporting every problem at its line and column with the nearest valid word.
///
/// One grammar serves the standard vocabulary and the evidence a policy adds (`Docs/policy-language.md`):
/// ```yaml
/// workforce.agency_percent: {type: percent, means: Share of care hours worked by agency staff}
/// visits.last_outcome: {values: [good, some_concerns, serious_concerns], ordered: true, means: …}
/// ```
public enum VocabularyReader {
    /// The types a policy may declare, as the policy owner writes them.
    public static let localTypes = ["count", "number", "percent", "boolean", "date", "text", "list"]
    /// Types only the standard vocabulary uses: groups of fields, the format version and a policy's level id.
    static let standardOnlyTypes = ["group", "constant", "level_id"]
    static let fileKeys = ["vocabulary", "fields"]
    /// The deepest a field may sit: the standard vocabulary's deepest is three (`cqc.key_questions.safe`).
    static let mostParts = 6

    /// The mapping of dotted path → declaration, as `fields:` of a vocabulary file and `vocabulary:` of a policy
    /// hold it. `declaredIn` is nil for the standard vocabulary, which may also use its own types and `required`.
    static func declarations(
        _ node: Node, _ r: NodeReader, valueSets: [String: EnumType], declaredIn: String?
    ) -> [FieldDeclaration] {
        guard case .mapping(let map) = node else {
            r.error(
                "the vocabulary must map each field's dotted path to its declaration, found \(r.describe(node))",
                at: node)
            return []
        }
        var found: [FieldDeclaration] = []
        for (key, value) in map {
            guard let path = r.string(key, "a field's path") else { continue }
            let parts = path.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if let bad = parts.first(where: { !NodeReader.isIdentifier($0) }) {
                r.error(
                    "'\(path.value)' is not a field path: write lower_snake_case names joined by dots, such as "
                        + "'workforce.agency_percent'" + (bad.isEmpty ? "" : " ('\(bad)' is not one)"), at: key)
                continue
            }
            if parts.count > mostParts {
                r.error(
                    "'\(path.value)' has \(parts.count) parts; a field's path has at most \(mostParts), such as "
                        + "'workforce.agency_percent'", at: key)
                continue
            }
            let reader = DeclarationReader(r: r, valueSets: valueSets, declaredIn: declaredIn)
            guard let (node, signature) = reader.declaration(value, of: path.value, isEntry: false) else { continue }
            found.append(
                FieldDeclaration(
                    path: path,
                    member: SchemaMember(
                        parts.last!, node.node, node.doc, required: node.required, declaredIn: declaredIn,
                        words: node.words),
                    signature: signature, source: r.source))
        }
        return found
    }

    /// A policy's `vocabulary:`: a mapping of declarations, a list of shared vocabulary files, or a list holding both.
    public static func policyVocabulary(_ node: Node, _ r: NodeReader, declaredIn: String) -> VocabularySyntax {
        var syntax = VocabularySyntax()
        let sets = StandardVocabulary.valueSets
        switch node {
        case .mapping:
            syntax.declarations = declarations(node, r, valueSets: sets, declaredIn: declaredIn)
        case .sequence(let items):
            for item in items {
                if case .mapping = item {
                    syntax.declarations += declarations(item, r, valueSets: sets, declaredIn: declaredIn)
                } else if let file = r.string(item, "an entry of 'vocabulary' (a shared vocabulary file)") {
                    syntax.files.append(file)
                }
            }
        default:
            r.error(
                "'vocabulary' must map each field's dotted path to its declaration, or list shared vocabulary "
                    + "files (vocabulary: [local-evidence.yaml]), found \(r.describe(node))", at: node)
        }
        return syntax
    }

    /// A shared vocabulary file: `vocabulary: 1` and `fields:`, the declarations several policies name.
    public static func sharedFile(file: String, text: String) -> ([FieldDeclaration], Diagnostics) {
        let source = SourceText(file: file, text: text)
        let root: Node?
        do { root = try source.compose() } catch { return ([], error) }
        let r = NodeReader(source: source)
        guard let root else {
            r.error("the vocabulary file is empty", at: source.location(line: 1, column: 1))
            return ([], r.diagnostics)
        }
        guard let top = r.mapping(root, "the vocabulary file", allowed: fileKeys, required: fileKeys) else {
            return ([], r.diagnostics)
        }
        if let format = top["vocabulary"], r.number(format, "'vocabulary' (the format version)") != 1 {
            r.error("'vocabulary' must be 1, the only format version this qaf reads", at: format)
        }
        let found = top["fields"].map {
            declarations($0, r, valueSets: StandardVocabulary.valueSets, declaredIn: file)
        }
        return (found ?? [], r.diagnostics)
    }
}

/// Reads one declaration: `type` or `values`, `means`, and what the type allows (`min`/`max`, `ordered`, `items`).
struct DeclarationReader {
    let r: NodeReader
    let valueSets: [String: EnumType]
    let declaredIn: String?
    var isStandard: Bool { declaredIn == nil }

    struct Declared {
        var node: SchemaNode
        var doc: String
        var required: Bool
        var words: String? = nil
    }

    func declaration(_ node: Node, of path: String, isEntry: Bool) -> (Declared, String)? {
        let what = isEntry ? "entry field '\(path)'" : "'\(path)'"
        var allowed = ["type", "values", "ordered", "unordered", "min", "max", "means", "items"]
        if isStandard { allowed += ["required", "value", "words"] }
        guard let m = r.mapping(node, "the declaration of \(what)", allowed: allowed, required: ["means"]) else {
            return nil
        }
        let means = m.string("means", "'means'")
        if let means, means.value.allSatisfy(\.isWhitespace) {
            r.error(
                "'means' of \(what) is empty: say what the field holds, for documents and messages", at: m["means"]!)
        }
        let required = m.boolean("required", "'required'") ?? false
        let types = VocabularyReader.localTypes + (isStandard ? VocabularyReader.standardOnlyTypes : [])
        var type: String?
        if let typeNode = m["type"], let text = r.string(typeNode, "'type'") {
            if types.contains(text.value) {
                type = text.value
            } else {
                let values =
                    text.value == "enum" || text.value == "enumeration"
                    ? "; for a set of values write 'values: [a, b, c]'" : ""
                r.error(
                    "unknown type '\(text.value)' for \(what); expected one of \(types.joined(separator: ", "))"
                        + (values.isEmpty ? NearestName.hint(text.value, among: types) : values), at: typeNode)
                return nil
            }
        }
        for key in ["ordered", "unordered"] where m[key] != nil && m["values"] == nil {
            r.error("'\(key)' belongs with 'values'; \(what) has none", at: m.keys[key]!)
        }
        for key in ["min", "max"] where m[key] != nil && !["count", "number", "percent"].contains(type ?? "") {
            r.error("'\(key)' is for a count, number or percent; \(what) is not one", at: m.keys[key]!)
        }
        if m["items"] != nil, type != "list" {
            r.error("'items' declares the fields of a list's entries; give \(what) 'type: list'", at: m.keys["items"]!)
        }
        if m["value"] != nil, type != "constant" { r.error("'value' is for 'type: constant'", at: m.keys["value"]!) }

        let kind: FieldKind
        let signature: String
        if let valuesNode = m["values"] {
            if m["type"] != nil {
                r.error(
                    "\(what) has both 'type' and 'values'; a field with values has no other type", at: m.keys["type"]!)
                return nil
            }
            guard let e = enumeration(valuesNode, m, path: path, what: what) else { return nil }
            kind = .enumeration(e)
            signature =
                "values " + zip(e.members, e.memberWords).map { "\($0)=\($1)" }.joined(separator: ",")
                + (e.isOrdered ? " ordered" : "") + " unordered " + e.unorderedMembers.sorted().joined(separator: ",")
        } else if let type {
            switch type {
            case "count", "number", "percent":
                guard let range = range(type, m, what: what) else { return nil }
                kind = type == "count" ? .count(range) : .number(range)
                signature = "\(type) \(range.min)...\(range.max)"
            case "boolean": (kind, signature) = (.boolean, type)
            case "date": (kind, signature) = (.date, type)
            case "text": (kind, signature) = (.text, type)
            case "level_id": (kind, signature) = (.levelID, type)
            case "constant":
                guard let valueNode = m["value"], let v = r.number(valueNode, "'value'"), v == v.rounded() else {
                    r.error("'type: constant' needs a whole number 'value'", at: node)
                    return nil
                }
                (kind, signature) = (.constant(Int(v)), "constant \(Int(v))")
            case "group":
                if isEntry {
                    r.error("an entry of a list holds plain fields, not a group", at: m["type"]!)
                    return nil
                }
                let words = m.string("words", "'words'")?.value
                return (Declared(node: .object([]), doc: means?.value ?? "", required: required, words: words), "group")
            default:  // list
                guard !isEntry else {
                    r.error("an entry of a list holds plain fields, not another list", at: m["type"]!)
                    return nil
                }
                guard let itemsNode = m["items"] else {
                    r.error("\(what) is a list: declare each entry's fields under 'items'", at: m["type"]!)
                    return nil
                }
                guard let (members, itemSignature) = items(itemsNode, path: path) else { return nil }
                (kind, signature) = (.list(members), "list {\(itemSignature)}")
            }
        } else {
            r.error(
                "\(what) needs a 'type' (\(VocabularyReader.localTypes.joined(separator: ", "))) or 'values'",
                at: node)
            return nil
        }
        let doc = means?.value ?? ""
        return (Declared(node: .field(kind), doc: doc, required: required), signature + " means " + doc)
    }

    /// A named set of values of the standard vocabulary (`value_sets:`).
    func valueSet(_ node: Node, named name: String) -> EnumType? {
        guard
            let m = r.mapping(
                node, "the value set '\(name)'", allowed: ["values", "ordered", "unordered"], required: ["values"]),
            let values = m["values"]
        else { return nil }
        return enumeration(values, m, path: name, what: "'\(name)'")
    }

    /// `values:` as a list of names (`[good, some_concerns]`), names with their words (`- good: Good`), a mapping
    /// of name → words, or the name of a standard set of values (`values: cqc_rating`).
    private func enumeration(_ node: Node, _ m: NodeReader.Mapping, path: String, what: String) -> EnumType? {
        let ordered = m.boolean("ordered", "'ordered'") ?? false
        if case .scalar(let s) = node {
            guard let set = valueSets[s.string] else {
                r.error(
                    "'\(s.string)' is not a standard set of values; list the values ([a, b, c]) or name one of "
                        + valueSets.keys.sorted().joined(separator: ", ")
                        + NearestName.hint(s.string, among: valueSets.keys), at: node)
                return nil
            }
            if m["ordered"] != nil || m["unordered"] != nil {
                r.error("a standard set of values keeps its own order; leave out 'ordered' and 'unordered'", at: node)
            }
            return set
        }
        guard let (names, words) = valueList(node, "'values' of \(what)") else { return nil }
        var unordered: [String] = []
        var unorderedWords: [String: String] = [:]
        if let unorderedNode = m["unordered"] {
            if !ordered { r.error("'unordered' lists values outside an order; add 'ordered: true'", at: unorderedNode) }
            guard let (u, w) = valueList(unorderedNode, "'unordered' of \(what)") else { return nil }
            (unordered, unorderedWords) = (u, w)
        }
        var seen = Set<String>()
        for name in names + unordered where !seen.insert(name).inserted {
            r.error("the value '\(name)' of \(what) is listed twice", at: m["values"]!)
            return nil
        }
        let all = words.merging(unorderedWords) { a, _ in a }
        return ordered
            ? EnumType(path, ordered: names, unordered: unordered, words: all)
            : EnumType(path, unordered: names, words: all)
    }

    /// Value names in order, with the words declared for them.
    private func valueList(_ node: Node, _ what: String) -> ([String], [String: String])? {
        var names: [String] = []
        var words: [String: String] = [:]
        func add(_ key: Node, _ value: Node?) -> Bool {
            guard let name = r.identifier(key, "a value of \(what)"), NodeReader.isIdentifier(name.value) else {
                return false
            }
            names.append(name.value)
            if let value, let text = r.string(value, "the words for '\(name.value)'") { words[name.value] = text.value }
            return true
        }
        switch node {
        case .mapping(let map):
            for (key, value) in map where !add(key, value) { return nil }
        case .sequence(let items):
            for item in items {
                if case .mapping(let pair) = item, pair.count == 1, let (key, value) = pair.first {
                    guard add(key, value) else { return nil }
                } else {
                    guard add(item, nil) else { return nil }
                }
            }
        default:
            r.error("\(what) must list the values, such as [good, some_concerns, serious_concerns]", at: node)
            return nil
        }
        if names.isEmpty {
            r.error("\(what) lists no values", at: node)
            return nil
        }
        return (names, words)
    }

    /// The declared range of a count, number or percent, which lies within what qaf reads for the kind
    /// (`NumberRange`, the one place those limits are set).
    private func range(_ type: String, _ m: NodeReader.Mapping, what: String) -> ValueRange? {
        let kind: NumberRange = type == "count" ? .count : type == "percent" ? .percent : .number
        let natural = type == "percent" ? ValueRange.percent : .nonNegative
        var low = natural.min
        var high = natural.max
        var ok = true
        for key in ["min", "max"] {
            guard let node = m[key] else { continue }
            guard let v = r.number(node, "'\(key)' of \(what)") else {
                ok = false
                continue
            }
            if !kind.contains(v) {
                r.error("'\(key)' of a \(type) must be \(kind.words), found \(NumberText.format(v))", at: node)
                ok = false
            }
            if key == "min" { low = v } else { high = v }
        }
        if ok, low > high {
            r.error("'min' of \(what) is more than its 'max'", at: m.keys["min"]!)
            ok = false
        }
        return ok ? ValueRange(min: low, max: high, isPercent: type == "percent") : nil
    }

    /// `items:` of a list: each entry field's name and declaration.
    private func items(_ node: Node, path: String) -> ([SchemaMember], String)? {
        guard case .mapping(let map) = node, !map.isEmpty else {
            r.error("'items' of '\(path)' must map each entry field's name to its declaration", at: node)
            return nil
        }
        guard map.count <= VocabularyTree.mostKeys else {
            r.error("an entry of '\(path)' may have at most \(VocabularyTree.mostKeys) fields", at: node)
            return nil
        }
        var members: [SchemaMember] = []
        var signatures: [String] = []
        for (key, value) in map {
            guard let name = r.identifier(key, "an entry field of '\(path)'"), NodeReader.isIdentifier(name.value),
                let (declared, signature) = declaration(value, of: "\(path)[].\(name.value)", isEntry: true)
            else { return nil }
            members.append(SchemaMember(name.value, declared.node, declared.doc, declaredIn: declaredIn))
            signatures.append("\(name.value): \(signature)")
        }
        return (members, signatures.joined(separator: "; "))
    }
}
