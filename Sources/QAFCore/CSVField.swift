/// A field of a CSV row (RFC 4180), for every CSV qaf writes: decisions (`CSVReporter`) and made-up evidence
/// (`qaf corpus`). Text from evidence is made safe for a spreadsheet first where the writer needs it
/// (`SpreadsheetCell`); quoting only keeps the row's columns.
public enum CSVField {
    /// A field holding a comma, a double quote or a line break is quoted, its quotes doubled; any other is as it is.
    /// The test is a character at a time, as decisions' CSV has always made it (so a CR LF pair, one character, does
    /// not by itself quote a field); a field with none of the four bytes is returned without looking at characters.
    public static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }),
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
