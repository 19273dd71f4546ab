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
        case .text(let s): JSONBytes.appendQuoted(s, to: &out)
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
}
