/// A file's text as lines, kept beside what was read from it, so diagnostics can show the offending line and point
/// inside it. Reading YAML from it (`compose()`, positions of YAML nodes) is the load stage's (`QAFLoad`).
public final class SourceText: Sendable {
    public let file: String
    public let lines: [String]

    public init(file: String, text: String) {
        self.file = file
        self.lines = Self.lines(of: text)
    }

    /// A text's lines without their line breaks (`\n` or `\r\n`), as positions count them.
    public static func lines(of text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }

    public func line(_ number: Int) -> String? {
        lines.indices.contains(number - 1) ? lines[number - 1] : nil
    }

    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    public func diagnostic(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(message, at: location, sourceLine: line(location.line))
    }

    /// The line and column (in characters) of a byte offset into the text.
    public func location(ofByte offset: Int) -> SourceLocation {
        var remaining = offset
        for (i, text) in lines.enumerated() {
            let length = text.utf8.count + 1
            if remaining < length {
                let prefix = text.utf8.prefix(remaining)
                return location(line: i + 1, column: String(decoding: prefix, as: UTF8.self).count + 1)
            }
            remaining -= length
        }
        return location(line: max(1, lines.count), column: 1)
    }
}
