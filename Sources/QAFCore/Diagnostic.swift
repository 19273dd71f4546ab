/// A place in a source file, 1-based, as editors and compilers print it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a policy, evidence or fixture file.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// The source line the problem is on, shown under the message with a caret.
    public var sourceLine: String?

    public init(_ message: String, at location: SourceLocation, severity: Severity = .error, sourceLine: String? = nil)
    {
        self.location = location
        self.severity = severity
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:column: error: message`, the form editors and CI logs link to.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The description followed by the offending line and a caret under the column; a long line (a JSON Lines
    /// record) is cut to the part around the column.
    public var rendered: String {
        guard let line = sourceLine else { return description }
        var text = Array(line)
        var column = max(1, location.column)
        var prefix = "", suffix = ""
        let width = 100
        if text.count > width {
            let start = max(0, min(column - 1 - width / 2, text.count - width))
            if start > 0 { prefix = "…" }
            if start + width < text.count { suffix = "…" }
            text = Array(text[start..<min(text.count, start + width)])
            column = column - start + (prefix.isEmpty ? 0 : 1)
        }
        let shown = prefix + String(text) + suffix
        let caretPad = String(shown.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
        return "\(description)\n    \(shown)\n    \(caretPad)^"
    }
}

/// Problems collected across a file; reported together, sorted by position.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var isEmpty: Bool { items.isEmpty }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }

    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sorted {
            ($0.location, $0.message) < ($1.location, $1.message)
        }
    }

    public var description: String { sorted.map(\.rendered).joined(separator: "\n") }
}
