import QAFCore

/// Bounds on what a YAML (or JSON) file may ask of the reader, checked on the text before it is parsed, so that no
/// file of a few bytes can pin a core or exhaust memory.
///
/// - An alias (`*name`) or a list or mapping may not be a mapping's key. Keys are compared whole while a mapping is
///   built, and an alias can stand for a tree that doubles at every level (the "billion laughs"): a kilobyte of
///   such keys is years of work. qaf's files use plain names as keys.
/// - A file may hold at most `aliases` aliases.
/// - Lists and mappings may nest at most `depth` deep (libyaml's own limit is reported in qaf's words).
enum YAMLLimits {
    static let aliases = 1_000
    static let depth = 1_000

    /// The first thing in `text` past the limits, as a message and its place; nil when the text is within them.
    static func check(_ text: String, file: String) -> Diagnostic? {
        var aliasCount = 0
        var line = 1, column = 0
        var quote: UInt8 = 0
        var inComment = false
        // The last byte that was not a space on this line before the current one, and whether a token may start.
        var previous: UInt8 = 10
        var flowDepth = 0
        var pendingAlias: (line: Int, column: Int)?
        var pendingCollectionEnd: (line: Int, column: Int)?
        let bytes = Array(text.utf8)
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            column += 1
            if b == 10 {
                line += 1
                column = 0
                inComment = false
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
                    // a quoted scalar may run over lines
                } else {
                    previous = 10
                }
                pendingAlias = nil
                pendingCollectionEnd = nil
                k += 1
                continue
            }
            if inComment {
                k += 1
                continue
            }
            if quote != 0 {
                if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    k += 2
                    column += 1
                    continue
                }
                if b == quote { quote = 0 }
                previous = b
                k += 1
                continue
            }
            let tokenStart =
                previous == 10 || previous == UInt8(ascii: "-") || previous == UInt8(ascii: ":")
                || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
                || previous == UInt8(ascii: "?")
            switch b {
            case 32, 9, 13:
                k += 1
                continue
            case UInt8(ascii: "#") where k == 0 || bytes[k - 1] == 32 || bytes[k - 1] == 9:
                inComment = true
            case UInt8(ascii: "\"") where tokenStart:
                quote = b
            case UInt8(ascii: "'") where tokenStart:
                quote = b
            case UInt8(ascii: "*") where tokenStart && k + 1 < bytes.count && ![32, 9, 10, 13].contains(bytes[k + 1]):
                aliasCount += 1
                if aliasCount > aliases {
                    return Diagnostic(
                        "the file uses more than \(aliases) aliases (*name); qaf reads at most \(aliases)",
                        at: SourceLocation(file: file, line: line, column: column))
                }
                pendingAlias = (line, column)
                // Skip the alias's name: letters, digits, '-' and '_', as libyaml reads it.
                while k + 1 < bytes.count, Self.isAnchorByte(bytes[k + 1]) {
                    k += 1
                    column += 1
                }
                previous = UInt8(ascii: "a")
                k += 1
                continue
            case UInt8(ascii: "?") where tokenStart && (k + 1 == bytes.count || [32, 9, 10].contains(bytes[k + 1])):
                return Diagnostic(
                    "a complex key ('? '): qaf's files use plain names as keys",
                    at: SourceLocation(file: file, line: line, column: column))
            case UInt8(ascii: ":")
            where k + 1 == bytes.count || [32, 9, 10, 13, 44, 93, 125].contains(bytes[k + 1])
                || flowDepth > 0:
                if let alias = pendingAlias {
                    return Diagnostic(
                        "an alias (*name) used as a key: qaf's files use plain names as keys",
                        at: SourceLocation(file: file, line: alias.line, column: alias.column))
                }
                if let end = pendingCollectionEnd {
                    return Diagnostic(
                        "a list or mapping used as a key: qaf's files use plain names as keys",
                        at: SourceLocation(file: file, line: end.line, column: end.column))
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if tokenStart { flowDepth += 1 }
                if flowDepth > depth {
                    return Diagnostic(
                        "lists and mappings nest more than \(depth) deep here; qaf reads at most \(depth) levels",
                        at: SourceLocation(file: file, line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if flowDepth > 0 {
                    flowDepth -= 1
                    pendingCollectionEnd = (line, column)
                    previous = b
                    pendingAlias = nil
                    k += 1
                    continue
                }
            default:
                break
            }
            if b != UInt8(ascii: ":") {
                pendingAlias = nil
                pendingCollectionEnd = nil
            }
            previous = b
            k += 1
        }
        return nil
    }

    static func isAnchorByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x5F
            || b >= 0x80
    }
}
