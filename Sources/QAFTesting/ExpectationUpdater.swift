import Foundation
import QAFCore
import QAFLoad

/// Rewrites the `expect:` of failing cases to what the policy now decides (`qaf test --update`), keeping the keys
/// each case chose to check and the rest of the file (comments outside the `expect:` block included) as it was.
public enum ExpectationUpdater {
    /// One line a changed key, for the policy owner to review: `level: 2 → 3`, `fired: +a −b`.
    public static func describe(_ expected: Expectation, _ actual: ActualOutcome) -> [String] {
        var out: [String] = []
        if let want = expected.level?.value?.description ?? (expected.level != nil ? "null" : nil),
            want != (actual.level ?? "null")
        {
            out.append("level: \(want) → \(actual.level ?? "null")")
        }
        if let want = expected.status?.value, want != actual.status { out.append("status: \(want) → \(actual.status)") }
        if expected.couldReach != nil {
            let want = expected.couldReach?.value?.description ?? "null"
            if want != (actual.couldReach ?? "null") {
                out.append("could_reach: \(want) → \(actual.couldReach ?? "null")")
            }
        }
        if let want = expected.movement?.value, want != actual.movement {
            out.append("movement: \(want) → \(actual.movement)")
        }
        func sets(_ key: String, _ want: Located<[Located<String>]>?, _ have: [String]) {
            guard let want = want?.value.map(\.value) else { return }
            let added = have.filter { !want.contains($0) }, removed = want.filter { !have.contains($0) }
            if added.isEmpty, removed.isEmpty { return }
            out.append("\(key): " + (added.map { "+\($0)" } + removed.map { "−\($0)" }).joined(separator: " "))
        }
        sets("fired", expected.fired, actual.fired)
        sets("unassessed", expected.unassessed, actual.unassessed)
        sets("triggers", expected.triggers, actual.triggers)
        sets("interventions", expected.interventions, actual.interventions)
        return out
    }

    /// The suite file's text with each listed case's expectation rewritten. The whole `expect:` value is replaced:
    /// a flow mapping (which may run over several lines) by a flow mapping on one line, a block (which may hold
    /// blank lines and comments) by a block of the same keys. nil when an expectation's extent cannot be found
    /// exactly, so that nothing is rewritten by guesswork.
    public static func rewrite(_ text: String, updates: [(Expectation, ActualOutcome)]) -> String? {
        var lines = text.components(separatedBy: "\n")
        // From the bottom up, so earlier line numbers stay valid.
        for (expected, actual) in updates.sorted(by: { ($0.0.location?.line ?? 0) > ($1.0.location?.line ?? 0) }) {
            guard let location = expected.location else { return nil }
            let values = render(expected.keys, actual)
            let index = location.line - 1
            guard lines.indices.contains(index), location.column >= 1, location.column <= lines[index].count else {
                return nil
            }
            // The text says how the mapping is written: libyaml gives a mapping's style only at its start.
            let opening = lines[index][lines[index].index(lines[index].startIndex, offsetBy: location.column - 1)]
            if expected.isFlow || opening == "{" {
                guard let (endLine, endIndex) = flowEnd(lines, line: index, column: location.column) else { return nil }
                let first = lines[index]
                let start = first.index(first.startIndex, offsetBy: location.column - 1)
                let flow = "{" + values.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
                let last = lines[endLine]
                lines.replaceSubrange(
                    index...endLine,
                    with: [String(first[..<start]) + flow + String(last[last.index(after: endIndex)...])])
            } else {
                let indent = location.column - 1
                var last = index
                var probe = index + 1
                while probe < lines.count {
                    let next = lines[probe]
                    let trimmed = next.trimmingCharacters(in: .whitespaces)
                    let leading = next.prefix { $0 == " " }.count
                    if trimmed.isEmpty || (trimmed.hasPrefix("#") && leading >= indent) {
                        probe += 1
                        continue
                    }
                    if leading < indent { break }
                    last = probe
                    probe += 1
                }
                let pad = String(repeating: " ", count: indent)
                let block = values.enumerated().map { i, kv in
                    (i == 0 ? String(lines[index].prefix(indent)) : pad) + "\(kv.0): \(kv.1)"
                }
                lines.replaceSubrange(index...last, with: block)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The line and position of the `}` closing the flow mapping that opens at `line`, `column`, skipping brackets
    /// inside quoted text and comments.
    static func flowEnd(_ lines: [String], line: Int, column: Int) -> (Int, String.Index)? {
        var depth = 0
        var quote: Character?
        for l in line..<lines.count {
            let text = lines[l]
            var i = l == line ? text.index(text.startIndex, offsetBy: column - 1) : text.startIndex
            var previous: Character = " "
            while i < text.endIndex {
                let c = text[i]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "#", previous == " " {
                    break
                } else if c == "{" || c == "[" {
                    depth += 1
                } else if c == "}" || c == "]" {
                    depth -= 1
                    if depth == 0 { return c == "}" ? (l, i) : nil }
                }
                previous = c
                i = text.index(after: i)
            }
        }
        return nil
    }

    private static func render(_ keys: [String], _ a: ActualOutcome) -> [(String, String)] {
        func list(_ ids: [String]) -> String { "[" + ids.joined(separator: ", ") + "]" }
        return keys.map { key in
            switch key {
            case "level": return (key, a.level ?? "null")
            case "status": return (key, a.status)
            case "could_reach": return (key, a.couldReach ?? "null")
            case "movement": return (key, a.movement)
            case "fired": return (key, list(a.fired))
            case "unassessed": return (key, list(a.unassessed))
            case "triggers": return (key, list(a.triggers))
            default: return (key, list(a.interventions))
            }
        }
    }
}
