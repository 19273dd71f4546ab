import Foundation
import Yams

/// A JSON value read through Yams (which keeps every node's line), with the look-ups a CQC response needs.
/// `null` reads as absent.
struct JSONNode {
    let node: Node

    init?(_ node: Node?) {
        guard let node else { return nil }
        if case .scalar(let s) = node, s.style == .plain, s.string == "null" || s.string == "~" || s.string.isEmpty {
            return nil
        }
        self.node = node
    }

    subscript(key: String) -> JSONNode? {
        guard case .mapping(let map) = node else { return nil }
        for (k, v) in map where k.scalar?.string == key { return JSONNode(v) }
        return nil
    }

    var isObject: Bool {
        if case .mapping = node { return true } else { return false }
    }

    /// A string or number as text, trimmed; nil for objects, lists and empty text.
    var text: String? {
        guard case .scalar(let s) = node else { return nil }
        let text = s.string.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The elements of a list, or the value itself when a single object stands where a list may be.
    var elements: [JSONNode] {
        switch node {
        case .sequence(let items): return items.compactMap { JSONNode($0) }
        case .mapping: return [self]
        default: return []
        }
    }

    var line: Int { node.mark?.line ?? 1 }

    var described: String {
        switch node {
        case .mapping: return "an object"
        case .sequence: return "a list"
        case .scalar(let s): return "'\(s.string)'"
        case .alias: return "an alias"
        }
    }
}
