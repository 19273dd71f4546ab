import QAFCore
import Yams

/// The text of a YAML scalar (an expression or a `because` template) with the map back to the file, so a
/// diagnostic can point at a column inside the string however the scalar was quoted or folded.
public struct SourceSpan: Sendable {
    public let text: String
    public let start: SourceLocation
    let source: SourceText

    public init(text: String, node: Node, source: SourceText) {
        self.text = text
        self.start = source.location(of: node)
        self.source = source
    }

    /// The file position of the UTF-8 offset `offset` of `text`.
    ///
    /// Walks the scalar's characters and the file's characters together from the scalar's mark, matching each
    /// non-blank character of the value to the next equal character in the file; quotes, escapes, line breaks
    /// and indentation of folded scalars are thereby skipped.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let valueScalars = Array(text.unicodeScalars)
        var target = 0
        var bytes = 0
        while target < valueScalars.count, bytes < offset {
            bytes += String(valueScalars[target]).utf8.count
            target += 1
        }
        var line = start.line
        var column = start.column
        var fileChars = Array((source.line(line) ?? "").unicodeScalars.dropFirst(column - 1))
        var index = 0
        func advance() -> Bool {
            index += 1
            column += 1
            while index >= fileChars.count {
                line += 1
                guard let next = source.line(line) else { return false }
                fileChars = Array(next.unicodeScalars)
                index = 0
                column = 1
                if !fileChars.isEmpty { break }
            }
            return true
        }
        for i in 0...min(target, valueScalars.count) {
            let wanted: Unicode.Scalar? = i < valueScalars.count ? valueScalars[i] : nil
            if let wanted, wanted.properties.isWhitespace { continue }
            if let wanted {
                var guardCount = 0
                while index < fileChars.count, fileChars[index] != wanted, guardCount < 200 {
                    if !advance() { return start }
                    guardCount += 1
                }
                if guardCount >= 200 { return start }
            }
            if i == target { return SourceLocation(file: start.file, line: line, column: column) }
            if !advance() { return SourceLocation(file: start.file, line: line, column: column) }
        }
        return SourceLocation(file: start.file, line: line, column: column)
    }

    public func diagnostic(_ message: String, atOffset offset: Int) -> Diagnostic {
        source.diagnostic(message, at: location(ofOffset: offset))
    }
}
