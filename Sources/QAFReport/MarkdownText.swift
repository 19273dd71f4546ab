/// Text made safe for Markdown: nothing from evidence can open a link, an image, raw HTML or a new table cell.
public enum MarkdownText {
    /// Running text: characters Markdown would read as markup are escaped with a backslash.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": out += "\\\(c)"
            case "\n", "\r": out += " "
            default: out += hidden(c) ? " " : String(c)
            }
        }
        return out
    }

    /// Control characters and bidirectional overrides, which would hide or reorder what a reader sees.
    static func hidden(_ c: Character) -> Bool {
        c.unicodeScalars.contains { s in
            s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
                || (0x2066...0x2069).contains(s.value)
        }
    }

    /// A table cell: as running text (which already escapes `|`).
    public static func cell(_ s: String) -> String { escape(s) }

    /// Text inside a code span: a backtick would close it, a line break would end the table row.
    public static func code(_ s: String) -> String {
        s.map { c in c == "`" ? "'" : c == "|" ? "\\|" : hidden(c) ? " " : String(c) }.joined()
    }

    /// Markdown a policy's author wrote (a title, a description, a source), kept as Markdown in one table cell: its
    /// lines joined with a space (blank lines dropped) and its pipes escaped, so the row keeps its columns. Authored
    /// text is trusted, so nothing else is escaped (evidence goes through `cell`). `trimmingLines` also trims the
    /// spaces around each line (`oneLine`), as policy documents always have; the evidence table (`VocabularyTable`)
    /// has always joined the lines as they are, and the two differ for a line with spaces at its ends.
    public static func authoredCell(_ s: String, trimmingLines: Bool = true) -> String {
        let joined = trimmingLines ? oneLine(s) : s.split(whereSeparator: \.isNewline).joined(separator: " ")
        return joined.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }

    /// Lines joined with a space, each trimmed of the spaces at its ends: a condition written over several lines, shown
    /// on one.
    public static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map(trimmingSpaces).joined(separator: " ")
    }

    private static func trimmingSpaces(_ line: Substring) -> Substring {
        var line = line
        while line.first == " " { line = line.dropFirst() }
        while line.last == " " { line = line.dropLast() }
        return line
    }
}
