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

    /// The suite file's text with each listed case's expectation rewritten.
    public static func rewrite(_ text: String, updates: [(Expectation, ActualOutcome)]) -> String {
        var lines = text.components(separatedBy: "\n")
        // From the bottom up, so earlier line numbers stay valid.
        for (expected, actual) in updates.sorted(by: { ($0.0.location?.line ?? 0) > ($1.0.location?.line ?? 0) }) {
            guard let location = expected.location else { continue }
            let values = render(expected.keys, actual)
            let index = location.line - 1
            guard lines.indices.contains(index) else { continue }
            if expected.isFlow {
                let line = lines[index]
                let start = line.index(line.startIndex, offsetBy: location.column - 1)
                guard let end = line[start...].lastIndex(of: "}") else { continue }
                let flow = "{" + values.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
                lines[index] = String(line[..<start]) + flow + String(line[line.index(after: end)...])
            } else {
                let indent = location.column - 1
                var last = index
                while last + 1 < lines.count {
                    let next = lines[last + 1]
                    let leading = next.prefix { $0 == " " }.count
                    let blank = next.trimmingCharacters(in: .whitespaces).isEmpty
                    if !blank, leading < indent { break }
                    if blank { break }
                    last += 1
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
