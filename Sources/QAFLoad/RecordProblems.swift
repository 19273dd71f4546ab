import QAFCore

/// The problems of one record (a JSON Lines line, a CSV row), kept within bounds: a hostile line of many megabytes
/// and thousands of mistakes costs a small multiple of its size, and its report stays readable.
struct RecordProblems {
    /// Past this many, the rest of a record's problems are counted, not listed.
    static let listed = 100
    /// A line longer than this is not copied under each message about it.
    static let longestShownLine = 16_384

    private(set) var items: [Diagnostic] = []
    private var shownLine: String??

    var isEmpty: Bool { items.isEmpty }
    /// No more problems will be listed: a reader need not word them.
    var isFull: Bool { items.count > Self.listed }

    mutating func append(
        _ message: String, file: String, line: Int, column: Int, text: UnsafeBufferPointer<UInt8>
    ) {
        guard items.count <= Self.listed else { return }
        if items.count == Self.listed {
            items.append(
                Diagnostic(
                    "more than \(Self.listed) problems in this record; the rest are not listed",
                    at: SourceLocation(file: file, line: line, column: column)))
            return
        }
        if shownLine == nil {
            var end = text.count
            while end > 0, text[end - 1] == 0x0A || text[end - 1] == 0x0D { end -= 1 }
            shownLine = .some(
                end <= Self.longestShownLine
                    ? String(decoding: UnsafeBufferPointer(rebasing: text[0..<end]), as: UTF8.self) : nil)
        }
        items.append(
            Diagnostic(
                message, at: SourceLocation(file: file, line: line, column: column), sourceLine: shownLine ?? nil))
    }
}
