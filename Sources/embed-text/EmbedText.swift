import Foundation

/// `embed-text INPUT OUTPUT NAME` writes a Swift file declaring `let NAME: String` holding INPUT's text exactly.
/// The build runs it (Plugins/EmbedVocabulary) so that the binary carries the file.
@main
struct EmbedText {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4 else {
            FileHandle.standardError.write(Data("usage: embed-text INPUT OUTPUT NAME\n".utf8))
            exit(64)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
        guard let text = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("embed-text: \(arguments[1]) is not UTF-8 text\n".utf8))
            exit(65)
        }
        let swift =
            "// Generated at build time from \((arguments[1] as NSString).lastPathComponent); do not edit.\n"
            + "let \(arguments[3]): String = \"\(literal(text))\"\n"
        let output = URL(fileURLWithPath: arguments[2])
        if (try? Data(contentsOf: output)) != Data(swift.utf8) {
            try Data(swift.utf8).write(to: output, options: .atomic)
        }
    }

    /// The text as the inside of a one-line Swift string literal.
    static func literal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
