import Foundation
import Yams

/// A JSON value with the look-ups a CQC response needs; `null` reads as absent. Read by Foundation where that is
/// enough (a location a line or a file: several times faster), or through Yams where each element's line matters
/// (an array of locations) or a syntax error must be placed.
struct JSONNode {
    private enum Value {
        case yams(Node)
        case foundation(Any)
    }

    private let value: Value

    init?(_ node: Node?) {
        guard let node else { return nil }
        if case .scalar(let s) = node, s.style == .plain, s.string == "null" || s.string == "~" || s.string.isEmpty {
            return nil
        }
        value = .yams(node)
    }

    init?(foundation: Any?) {
        guard let foundation else { return nil }
        switch foundation {
        case is [String: Any], is [Any], is String: break  // tested first: asking a dictionary `is NSNull` bridges it
        default: if foundation is NSNull { return nil }
        }
        value = .foundation(foundation)
    }

    subscript(key: String) -> JSONNode? {
        switch value {
        case .yams(let node):
            guard case .mapping(let map) = node else { return nil }
            for (k, v) in map where k.scalar?.string == key { return JSONNode(v) }
            return nil
        case .foundation(let any):
            return JSONNode(foundation: (any as? [String: Any])?[key])
        }
    }

    var isObject: Bool {
        switch value {
        case .yams(let node):
            if case .mapping = node { return true } else { return false }
        case .foundation(let any): return any is [String: Any]
        }
    }

    /// A string or number as text, trimmed; nil for objects, lists and empty text.
    var text: String? {
        let raw: String
        switch value {
        case .yams(let node):
            guard case .scalar(let s) = node else { return nil }
            raw = s.string
        case .foundation(let any):
            if let s = any as? String {
                raw = s
            } else if let n = any as? NSNumber, !(any is [Any]), !(any is [String: Any]) {
                raw = n.stringValue
            } else {
                return nil
            }
        }
        var text = Substring(raw)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text.isEmpty ? nil : text.count == raw.count ? raw : String(text)
    }

    /// The elements of a list, or the value itself when a single object stands where a list may be.
    var elements: [JSONNode] {
        switch value {
        case .yams(let node):
            switch node {
            case .sequence(let items): return items.compactMap { JSONNode($0) }
            case .mapping: return [self]
            default: return []
            }
        case .foundation(let any):
            if let items = any as? [Any] { return items.compactMap { JSONNode(foundation: $0) } }
            return isObject ? [self] : []
        }
    }

    var described: String {
        if isObject { return "an object" }
        switch value {
        case .yams(.sequence), .foundation(is [Any]): return "a list"
        default: return text.map { "'\($0)'" } ?? "nothing"
        }
    }
}
