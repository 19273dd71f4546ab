import Foundation
import QAFCore
import QAFLoad
import QAFValidate

/// A document the editor has open: its text as last sent, and conversions between qaf's 1-based line and
/// code-point column and LSP's 0-based line and UTF-16 character.
struct TextDocument {
    var uri: String
    var version: Int
    var text: String {
        didSet { lines = SourceText.lines(of: text) }
    }
    private(set) var lines: [String]

    init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.version = version
        self.text = text
        self.lines = SourceText.lines(of: text)
    }

    /// The file path of a `file:` URI (percent-decoded), or the URI itself for other schemes.
    var path: String { Self.path(of: uri) }

    static func path(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        let rest = String(uri.dropFirst("file://".count))
        return rest.removingPercentEncoding ?? rest
    }

    static func uri(of path: String) -> String {
        let absolute =
            path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%")
        return "file://" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
    }

    func line(_ index: Int) -> String { lines.indices.contains(index) ? lines[index] : "" }

    /// LSP position of a qaf location (1-based line, column counted in Unicode code points).
    func position(of location: SourceLocation) -> (line: Int, character: Int) {
        let lineIndex = max(0, location.line - 1)
        let scalars = line(lineIndex).unicodeScalars
        let prefix = scalars.prefix(max(0, location.column - 1))
        return (lineIndex, prefix.reduce(0) { $0 + $1.utf16.count })
    }

    /// The code-point offset in its line of an LSP character offset (UTF-16 code units).
    func scalarOffset(line lineIndex: Int, character: Int) -> Int {
        var units = 0
        var offset = 0
        for scalar in line(lineIndex).unicodeScalars {
            if units >= character { break }
            units += scalar.utf16.count
            offset += 1
        }
        return offset
    }

    /// The line's text before an LSP position.
    func textBefore(line lineIndex: Int, character: Int) -> String {
        let scalars = Array(line(lineIndex).unicodeScalars)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars.prefix(scalarOffset(line: lineIndex, character: character)))
        return String(s)
    }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_" || s == "."
    }

    /// The dotted name around an LSP position, with its start and end as UTF-16 offsets.
    func word(line lineIndex: Int, character: Int) -> (text: String, start: Int, end: Int)? {
        let scalars = Array(line(lineIndex).unicodeScalars)
        let at = scalarOffset(line: lineIndex, character: character)
        var start = at, end = at
        while start > 0, Self.isNameScalar(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Self.isNameScalar(scalars[end]) { end += 1 }
        guard start < end else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<end])
        func units(_ n: Int) -> Int { scalars.prefix(n).reduce(0) { $0 + $1.utf16.count } }
        return (String(text), units(start), units(end))
    }

    /// The range an LSP diagnostic covers: the name starting at the location, else the rest of the line.
    func range(of location: SourceLocation) -> [String: Any] {
        let start = position(of: location)
        let scalars = Array(line(start.line).unicodeScalars)
        var index = max(0, location.column - 1)
        var end = start.character
        if index < scalars.count {
            let quote = scalars[index]
            if quote == "\"" || quote == "'" {
                end += 1
                index += 1
                while index < scalars.count, scalars[index] != quote {
                    end += scalars[index].utf16.count
                    index += 1
                }
                if index < scalars.count { end += 1 }
            } else if Self.isNameScalar(quote) {
                while index < scalars.count, Self.isNameScalar(scalars[index]) {
                    end += scalars[index].utf16.count
                    index += 1
                }
            } else {
                end = scalars.reduce(0) { $0 + $1.utf16.count }
            }
        }
        if end <= start.character { end = start.character + 1 }
        return LSP.range(start.line, start.character, start.line, end)
    }

    /// The document's kind from its top-level keys (so it is known while an edit leaves the YAML broken), else as
    /// qaf validate reads it (a JSON file).
    var kind: FileChecker.Kind? {
        let keys = Set(lines.compactMap { line in line.split(separator: ":", maxSplits: 1).first.map(String.init) })
        for kind in [FileChecker.Kind.suite, .evidence, .policy] where keys.contains(kind.rawValue) { return kind }
        return DocumentKind.of(file: path, text: text)
    }
}

/// Small builders for the protocol's JSON shapes.
enum LSP {
    static func position(_ line: Int, _ character: Int) -> [String: Any] { ["line": line, "character": character] }

    static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> [String: Any] {
        ["start": position(l1, c1), "end": position(l2, c2)]
    }

    static func markdown(_ text: String) -> [String: Any] { ["kind": "markdown", "value": text] }
}
