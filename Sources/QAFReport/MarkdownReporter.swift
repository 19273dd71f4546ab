import QAFCore
import QAFEvaluate

/// A summary for a meeting paper: counts by level for each policy, then the providers with triggers, most urgent first.
public struct MarkdownReporter: Reporter {
    public init() {}

    public func report(_ decision: Decision) -> String { "" }

    public var needsSummaries: Bool { true }

    public func end(single: Bool, summaries: [DecisionSummary]) -> String {
        var out = "# Quality assurance summary\n\n"
        let providers = Set(summaries.map(\.provider)).count
        out += "\(providers) provider(s), \(summaries.count) decision(s).\n"
        var policies: [String] = []
        for s in summaries where !policies.contains(s.policy) { policies.append(s.policy) }
        for policy in policies {
            let mine = summaries.filter { $0.policy == policy }
            out +=
                "\n## \(policy) — \(mine[0].policyTitle)\n\n| Level | Providers | of which incomplete |\n|---|---:|---:|\n"
            var levels: [(String, Int, Int, Int)] = []
            for s in mine {
                let key = s.level.components(separatedBy: " (could be").first ?? s.level
                if let i = levels.firstIndex(where: { $0.0 == key }) {
                    levels[i].1 += 1
                    if s.status == "incomplete" { levels[i].2 += 1 }
                } else {
                    levels.append((key, 1, s.status == "incomplete" ? 1 : 0, s.levelRank))
                }
            }
            for (level, count, incomplete, _) in levels.sorted(by: { ($0.3, $0.0) > ($1.3, $1.0) }) {
                out += "| \(cell(level)) | \(count) | \(incomplete) |\n"
            }
        }
        let triggered = summaries.filter { !$0.triggers.isEmpty }
        out += "\n## Providers with escalation triggers\n\n"
        if triggered.isEmpty { return out + "None.\n" }
        out += "| Urgency | Provider | Policy | Level | Trigger | Route |\n|---|---|---|---|---|---|\n"
        var rows: [(Int, String)] = []
        for (i, s) in triggered.enumerated() {
            for t in s.triggers {
                let rank = t.urgency == "immediate" ? 0 : 1
                rows.append(
                    (
                        rank * 1_000_000_000 + i,
                        "| \(t.urgency) | \(cell(s.provider)) | \(s.policy) | \(cell(s.level)) | \(cell(t.title)) | \(cell(t.route)) |\n"
                    ))
            }
        }
        for row in rows.sorted(by: { $0.0 < $1.0 }) { out += row.1 }
        return out
    }

    private func cell(_ s: String) -> String { MarkdownCell.escaped(s) }
}
