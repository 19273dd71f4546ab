import QAFCore
import Yams

/// A value read from YAML with the place it came from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// Collects diagnostics while a YAML tree is read against an expected shape.
public final class NodeReader {
    public let source: SourceText
    public private(set) var diagnostics = Diagnostics()

    public init(source: SourceText) { self.source = source }

    public func error(_ message: String, at node: Node) { diagnostics.append(source.diagnostic(message, at: node)) }
    public func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(source.diagnostic(message, at: location))
    }
    public func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public func location(_ node: Node) -> SourceLocation { source.location(of: node) }

    /// The pairs of a mapping, after reporting keys outside `allowed` and missing `required` ones. `unlisted` keys
    /// are allowed too, and suggested for a near miss, but not listed in the message (`provenance` of evidence).
    public func mapping(
        _ node: Node, _ what: String, allowed: [String], required: [String] = [], unlisted: [String] = []
    ) -> Mapping? {
        guard case .mapping(let map) = node else {
            error("\(what) must be a mapping of keys to values, found \(describe(node))", at: node)
            return nil
        }
        var seen = Set<String>()
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (key, value) in map {
            guard let name = key.scalar?.string else {
                error("\(what) has a key that is not a plain name", at: key)
                continue
            }
            if !allowed.contains(name), !unlisted.contains(name) {
                error(
                    "unknown key '\(name)' in \(what); expected one of \(allowed.joined(separator: ", "))"
                        + NearestName.hint(name, among: allowed + unlisted), at: key)
                continue
            }
            seen.insert(name)
            values[name] = value
            keys[name] = key
        }
        for name in required where !seen.contains(name) {
            error("\(what) is missing the required key '\(name)'", at: node)
        }
        return Mapping(reader: self, node: node, values: values, keys: keys)
    }

    public func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let items) = node else {
            error("\(what) must be a list, found \(describe(node))", at: node)
            return nil
        }
        return Array(items)
    }

    public func string(_ node: Node, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            error("\(what) must be text, found \(describe(node))", at: node)
            return nil
        }
        return Located(scalar.string, at: location(node))
    }

    public func identifier(_ node: Node, _ what: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        if !Self.isIdentifier(text.value) {
            error("\(what) '\(text.value)' must be a lower_snake_case name (letters, digits, underscores)", at: node)
        }
        return text
    }

    public func number(_ node: Node, _ what: String) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Double(scalar.string), value.isFinite else {
            error("\(what) must be a number, found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    public func boolean(_ node: Node, _ what: String) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            error("\(what) must be true or false, found \(describe(node))", at: node)
            return nil
        }
        return scalar.string == "true"
    }

    public func identifiers(_ node: Node, _ what: String) -> [Located<String>] {
        guard let items = sequence(node, what) else { return [] }
        return items.compactMap { identifier($0, "an entry of \(what)") }
    }

    public func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, (97...122).contains(first) else { return false }
        return text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    /// A checked mapping: typed accessors that report wrong types at the value.
    public struct Mapping {
        let reader: NodeReader
        public let node: Node
        public let values: [String: Node]
        public let keys: [String: Node]

        public subscript(key: String) -> Node? { values[key] }

        public func string(_ key: String, _ what: String) -> Located<String>? {
            values[key].flatMap { reader.string($0, what) }
        }
        public func identifier(_ key: String, _ what: String) -> Located<String>? {
            values[key].flatMap { reader.identifier($0, what) }
        }
        public func identifiers(_ key: String, _ what: String) -> [Located<String>] {
            values[key].map { reader.identifiers($0, what) } ?? []
        }
        public func boolean(_ key: String, _ what: String) -> Bool? {
            values[key].flatMap { reader.boolean($0, what) }
        }
        public func expression(_ key: String) -> SourceSpan? {
            values[key].flatMap { node in
                guard let scalar = node.scalar else {
                    reader.error(
                        "'\(key)' must be an expression written as text, found \(reader.describe(node))", at: node)
                    return nil
                }
                return SourceSpan(text: scalar.string, node: node, source: reader.source)
            }
        }
    }
}
