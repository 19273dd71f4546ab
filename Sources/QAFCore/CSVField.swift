/// A field of a CSV row (RFC 4180), for every CSV qaf writes: decisions (`CSVReporter`) and made-up evidence
/// (`qaf corpus`). Text from evidence is made safe for a spreadsheet first where the writer needs it
/// (`SpreadsheetCell`); quoting only keeps the row's columns.
public enum CSVField {
    /// A field holding a comma, a double quote or a line break is quoted, its quotes doubled; any other is as it is.
    /// Decided on the bytes, not on characters: a CR LF pair, or a quote with a combining accent after it, is one
    /// character to Swift but still breaks a row.
    public static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return field
        }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out.append("\"") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }
}
