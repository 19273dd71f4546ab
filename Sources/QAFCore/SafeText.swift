/// Text from evidence made safe for the place it is shown: a terminal, a spreadsheet cell (the papers escape their
/// own Markdown and HTML).
/// Evidence is written by others; a provider's name must never run as a formula or move a terminal's cursor.

/// Terminal text: control characters other than line breaks and tabs (escape sequences, bells, carriage returns,
/// the C1 controls and bidirectional overrides) are shown as `\u{…}` escapes instead of being obeyed.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional overrides reorder what is shown
        default: return false
        }
    }
}

/// A spreadsheet cell: text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
/// (OWASP's advice on CSV injection), so it is prefixed with `'`, which spreadsheets show as text. Numbers written
/// by qaf itself (`-1`) are left alone.
public enum SpreadsheetCell {
    public static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        if Double(field) != nil { return field }
        return "'" + field
    }
}
