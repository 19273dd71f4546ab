import QAFCore

struct Token: Equatable {
    enum Kind: Equatable {
        case name(String)
        case number(Double)
        case string(String)
        case date(Int)
        case symbol(String)
        case end
    }
    var kind: Kind
    var start: Int
    var end: Int
}

/// Splits an expression into tokens. Names may be dotted paths (`cqc.key_questions.safe`); `2026-04-01` is a date.
struct ExpressionLexer {
    let bytes: [UInt8]
    let span: SourceSpan
    let base: Int

    init(text: Substring, span: SourceSpan, base: Int) {
        self.bytes = Array(text.utf8)
        self.span = span
        self.base = base
    }

    func tokens() throws(Diagnostic) -> [Token] {
        var result: [Token] = []
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isNameStart(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 }
        func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }
        while i < bytes.count {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 10 || b == 13 {
                i += 1
                continue
            }
            let start = i
            if i + 10 <= bytes.count, isDigit(b), bytes[i + 4] == 45, bytes[i + 7] == 45,
                bytes[i..<i + 4].allSatisfy(isDigit)
            {
                guard let day = bytes[i..<i + 10].withUnsafeBufferPointer(Day.parse(bytes:)) else {
                    throw span.diagnostic(
                        "'\(String(decoding: bytes[i..<i + 10], as: UTF8.self))' is not a valid date (YYYY-MM-DD)",
                        atOffset: base + i)
                }
                i += 10
                result.append(Token(kind: .date(day), start: base + start, end: base + i))
            } else if isDigit(b) {
                while i < bytes.count, isDigit(bytes[i]) || bytes[i] == 46 { i += 1 }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard let value = Double(text) else {
                    throw span.diagnostic("'\(text)' is not a number", atOffset: base + start)
                }
                guard NumberRange.parameter.contains(value) else {
                    throw span.diagnostic(
                        "'\(text)' is too large: a number in an expression must be \(NumberRange.parameter.words)",
                        atOffset: base + start)
                }
                result.append(Token(kind: .number(value), start: base + start, end: base + i))
            } else if isNameStart(b) {
                while i < bytes.count,
                    isNameChar(bytes[i]) || (bytes[i] == 46 && i + 1 < bytes.count && isNameStart(bytes[i + 1]))
                {
                    i += 1
                }
                result.append(
                    Token(
                        kind: .name(String(decoding: bytes[start..<i], as: UTF8.self)), start: base + start,
                        end: base + i))
            } else if b == 34 || b == 39 {
                i += 1
                while i < bytes.count, bytes[i] != b { i += 1 }
                guard i < bytes.count else {
                    throw span.diagnostic(
                        "this text is not closed: add a matching \(b == 34 ? "\"" : "'")", atOffset: base + start)
                }
                result.append(
                    Token(
                        kind: .string(String(decoding: bytes[start + 1..<i], as: UTF8.self)), start: base + start,
                        end: base + i + 1))
                i += 1
            } else {
                let two = i + 1 < bytes.count ? String(decoding: bytes[i...i + 1], as: UTF8.self) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    result.append(Token(kind: .symbol(two), start: base + i, end: base + i + 2))
                    i += 2
                } else if "<>()[],+-*/".utf8.contains(b) {
                    result.append(Token(kind: .symbol(String(UnicodeScalar(b))), start: base + i, end: base + i + 1))
                    i += 1
                } else if b == 61 {
                    throw span.diagnostic("'=' is not an operator here; write '==' to compare", atOffset: base + i)
                } else if b == 38 || b == 124 || b == 33 {
                    let word = b == 38 ? "and" : b == 124 ? "or" : "not"
                    throw span.diagnostic(
                        "write '\(word)' instead of '\(String(UnicodeScalar(b)))'", atOffset: base + i)
                } else {
                    throw span.diagnostic(unexpected(at: i), atOffset: base + i)
                }
            }
        }
        result.append(Token(kind: .end, start: base + bytes.count, end: base + bytes.count))
        return result
    }

    /// The words for a character no token starts with: the whole character (not one byte of it), a control or
    /// invisible one by its code point, and a hint for the curly quotes a word processor puts in.
    func unexpected(at i: Int) -> String {
        let lead = bytes[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let text = String(decoding: bytes[i..<min(i + length, bytes.count)], as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "unexpected character" }
        let visible =
            !(scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
            || scalar == "\u{FFFD}" || scalar.properties.isWhitespace)
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let shown = visible ? "'\(scalar)'" : "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let quote = "\u{201C}\u{201D}\u{2018}\u{2019}".unicodeScalars.contains(scalar)
        return "unexpected character \(shown)" + (quote ? "; write text in straight quotes (\"…\")" : "")
    }
}
