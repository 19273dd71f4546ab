import QAFCore

/// Compact JSON on one line, keys in the vocabulary's order: `{"evidence":1,"as_of":"2026-10-01",…}`.
enum JSONLine {
    static func render(_ members: EvidenceMembers) -> String {
        var out = ""
        out.reserveCapacity(1_400)
        write(members, into: &out)
        return out
    }

    private static func write(_ members: EvidenceMembers, into out: inout String) {
        out.append("{")
        for (i, member) in members.enumerated() {
            if i > 0 { out.append(",") }
            out.append("\"")
            out.append(member.name)  // vocabulary names need no escaping
            out.append("\":")
            write(member.value, into: &out)
        }
        out.append("}")
    }

    private static func write(_ value: EvidenceValue, into out: inout String) {
        switch value {
        case .count(let n): out.append(String(n))
        case .halves(let h): out.append(halves(h))
        case .boolean(let b): out.append(b ? "true" : "false")
        case .text(let s): quote(s, into: &out)
        case .date(let d):
            out.append("\"")
            out.append(Day.format(d))
            out.append("\"")
        case .object(let members): write(members, into: &out)
        case .list(let items):
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                write(item, into: &out)
            }
            out.append("]")
        }
    }

    /// A number of halves as the shortest decimal: 4 → "2", 5 → "2.5".
    static func halves(_ h: Int) -> String { h % 2 == 0 ? String(h / 2) : String(h / 2) + ".5" }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    private static func quote(_ s: String, into out: inout String) {
        out.append("\"")
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            out.append(s)
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
