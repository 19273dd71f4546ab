import Foundation

/// A quick fix for every "did you mean 'x'?": the misspelt name replaced by the suggestion.
enum CodeActions {
    static func quickFixes(_ document: TextDocument, _ params: [String: Any]) -> [[String: Any]] {
        let diagnostics = (params["context"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        return diagnostics.compactMap { diagnostic in
            guard let message = diagnostic["message"] as? String, let suggestion = suggestion(in: message),
                let range = diagnostic["range"] as? [String: Any], let start = range["start"] as? [String: Any],
                let line = start["line"] as? Int, let character = start["character"] as? Int,
                let end = replacedEnd(document, message: message, suggestion: suggestion, line: line, from: character)
            else { return nil }
            let edit: [String: Any] = [
                "range": LSP.range(line, character, line, end), "newText": suggestion,
            ]
            return [
                "title": "Change to '\(suggestion)'", "kind": "quickfix", "isPreferred": true,
                "diagnostics": [diagnostic], "edit": ["changes": [document.uri: [edit]]],
            ]
        }
    }

    /// The name in "…; did you mean 'name'?".
    static func suggestion(in message: String) -> String? {
        guard let marker = message.range(of: "did you mean '", options: .backwards) else { return nil }
        let rest = message[marker.upperBound...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<close])
    }

    /// Where the misspelt name that starts at the diagnostic ends: the quoted name of the message found at that
    /// place in the line, else the name (or quoted text) there.
    static func replacedEnd(
        _ document: TextDocument, message: String, suggestion: String, line: Int, from character: Int
    ) -> Int? {
        let rest = document.line(line).unicodeScalars.dropFirst(document.scalarOffset(line: line, character: character))
        let restText = String(String.UnicodeScalarView(rest))
        let quoted = message.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter {
            $0.offset % 2 == 1
        }.map { String($0.element) }.filter { $0 != suggestion && !$0.isEmpty }
        for name in quoted.sorted(by: { $0.count > $1.count }) where restText.hasPrefix(name) {
            return character + name.utf16.count
        }
        guard let first = rest.first else { return nil }
        if first == "\"" || first == "'" {
            let body = rest.dropFirst().prefix { $0 != first }
            return character + 1 + body.reduce(0) { $0 + $1.utf16.count } + 1
        }
        let name = rest.prefix { TextDocument.isNameScalar($0) }
        return name.isEmpty ? nil : character + name.reduce(0) { $0 + $1.utf16.count }
    }
}
