import Foundation
import QAFLoad
import QAFReport
import QAFValidate

/// A JSON Schema as printed by `qaf schema`, walked by YAML key paths: the keys a mapping allows, and what a key
/// means, its type and its allowed values, for completion and hover.
struct SchemaWalker {
    let root: [String: Any]

    init?(_ text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return nil
        }
        root = object
    }

    /// A `#/$defs/x` reference followed; other references are left as they are.
    func resolve(_ node: [String: Any]) -> [String: Any] {
        var node = node
        var hops = 0
        while let ref = node["$ref"] as? String, ref.hasPrefix("#/$defs/"), hops < 8 {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let target = (root["$defs"] as? [String: Any])?[name] as? [String: Any] else { break }
            var merged = target
            if let description = node["description"] { merged["description"] = description }
            node = merged
            hops += 1
        }
        return node
    }

    /// Steps into list items, so that a sequence is transparent to a key path.
    func intoItems(_ node: [String: Any]) -> [String: Any] {
        var node = resolve(node)
        if let items = node["items"] as? [String: Any] { node = resolve(items) }
        return node
    }

    /// The schema of the value at a key path, if the schema describes it.
    func node(at path: [String]) -> [String: Any]? {
        var node = root
        for key in path {
            node = intoItems(node)
            if let child = (node["properties"] as? [String: Any])?[key] as? [String: Any] {
                node = child
            } else if let any = node["additionalProperties"] as? [String: Any] {
                node = any
            } else {
                return nil
            }
        }
        return resolve(node)
    }

    /// The keys the mapping at a path allows, with each one's description.
    func keys(at path: [String]) -> [(name: String, description: String?)] {
        guard let found = node(at: path) else { return [] }
        let node = intoItems(found)
        guard let properties = node["properties"] as? [String: Any] else { return [] }
        let required = Set(node["required"] as? [String] ?? [])
        return properties.keys.sorted { (required.contains($0) ? 0 : 1, $0) < (required.contains($1) ? 0 : 1, $1) }
            .map { key in (key, (properties[key] as? [String: Any]).flatMap { resolve($0)["description"] as? String }) }
    }

    /// The values a key allows when they are a closed set (enum or const), nulls left out.
    func allowedValues(at path: [String]) -> [String] {
        guard let node = node(at: path) else { return [] }
        let values = (node["enum"] as? [Any]) ?? (node["const"].map { [$0] } ?? [])
        return values.compactMap { value in
            if value is NSNull { return nil }
            if let s = value as? String { return s }
            return "\(value)"
        }
    }

    /// Hover text for a key: what it means, its type and its allowed values.
    func describe(at path: [String]) -> String? {
        guard let node = node(at: path), let key = path.last else { return nil }
        var text = "**\(key)**"
        if let description = node["description"] as? String { text += " — " + description }
        let type = Self.typeWords(node)
        if !type.isEmpty { text += "\n\nType: " + type }
        let allowed = allowedValues(at: path)
        if !allowed.isEmpty { text += "\n\nAllowed values: " + allowed.map { "`\($0)`" }.joined(separator: ", ") }
        if let order = node["x-qaf-order"] as? String { text += "\n\nOrder: " + order }
        if let pattern = node["pattern"] as? String { text += "\n\nPattern: `\(pattern)`" }
        return text
    }

    static func typeWords(_ node: [String: Any]) -> String {
        var types: [String] = []
        if let t = node["type"] as? String { types = [t] }
        if let t = node["type"] as? [String] { types = t }
        if node["enum"] != nil, types.isEmpty { types = ["one of the allowed values"] }
        if node["const"] != nil { types = ["always \(node["const"]!)"] }
        let words = types.map { $0 == "null" ? "null (absent: unknown)" : $0 }
        return words.joined(separator: " or ")
    }
}

/// The schema that describes each kind of file, as `qaf schema` prints it.
struct FileSchemas {
    let policy = SchemaWalker(PolicyJSONSchema.text)
    let evidence = SchemaWalker(EvidenceJSONSchema.render(.standard))
    let fixtures = SchemaWalker(FixturesJSONSchema.render(.standard))

    func walker(for kind: FileChecker.Kind?) -> SchemaWalker? {
        switch kind {
        case .policy: return policy
        case .suite: return fixtures
        case .evidence, nil: return evidence
        case .vocabulary: return nil
        }
    }
}
