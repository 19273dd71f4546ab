import Foundation
import QAFCore
import QAFReport

/// `qaf diff` reports: text for the terminal, Markdown for a meeting paper, JSON for tools.
public enum ImpactReport {
    public struct Header: Sendable {
        public var policy: String
        public var oldVersion: String
        public var newVersion: String
        public var corpus: String

        public init(policy: String, oldVersion: String, newVersion: String, corpus: String) {
            self.policy = policy
            self.oldVersion = oldVersion
            self.newVersion = newVersion
            self.corpus = corpus
        }
    }

    public static func text(_ h: Header, changes: [String], impact: Impact) -> String {
        var out =
            "Policy \(h.policy): \(h.oldVersion) → \(h.newVersion), over \(impact.providers) provider(s) from \(h.corpus)\n"
        out += "\nWhat changed in the policy:\n"
        out += changes.isEmpty ? "  nothing\n" : changes.map { "  - \($0)\n" }.joined()
        out += "\nLevel transitions (rows: before, columns: after):\n"
        let width = max(8, (impact.levels.map(\.count).max() ?? 4) + 2)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        out += pad("from\\to") + impact.levels.map(pad).joined() + "\n"
        for from in impact.levels where impact.matrix[from] != nil {
            out += pad(from) + impact.levels.map { pad(String(impact.matrix[from]?[$0] ?? 0)) }.joined() + "\n"
        }
        let moved = impact.moved
        out +=
            "\n\(moved.count) provider(s) move level; \(impact.changes.count - moved.count) more change reasons or triggers only.\n"
        for c in impact.changes {
            out += "  \(c.provider): \(c.from) → \(c.to)"
            let reasons =
                c.criteriaGained.map { "+\($0)" } + c.criteriaLost.map { "−\($0)" }
                + c.triggersGained.map { "+trigger \($0)" } + c.triggersLost.map { "−trigger \($0)" }
                + (c.levelRule.map { [$0] } ?? [])
            out += reasons.isEmpty ? "\n" : " (" + reasons.joined(separator: ", ") + ")\n"
        }
        out += counts("Triggers gained", impact.triggersGained) + counts("Triggers lost", impact.triggersLost)
        out +=
            counts("Interventions gained", impact.interventionsGained)
            + counts("Interventions lost", impact.interventionsLost)
        return out
    }

    private static func counts(_ title: String, _ table: [String: Int]) -> String {
        guard !table.isEmpty else { return "" }
        return "\(title): "
            + table.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ") + "\n"
    }

    public static func markdown(_ h: Header, changes: [String], impact: Impact) -> String {
        var out = "# Impact of the change to policy `\(h.policy)`\n\n"
        out +=
            "From \(h.oldVersion) to \(h.newVersion), over \(impact.providers) provider(s) from `\(h.corpus)`.\n\n## What changed in the policy\n\n"
        out +=
            changes.isEmpty
            ? "Nothing.\n" : changes.map { "- \($0.replacingOccurrences(of: "|", with: "\\|"))\n" }.joined()
        out += "\n## Level transitions\n\nRows: level before the change; columns: level after.\n\n"
        out +=
            "| before \\ after | " + impact.levels.joined(separator: " | ") + " |\n|---|"
            + impact.levels.map { _ in "---:|" }.joined() + "\n"
        for from in impact.levels where impact.matrix[from] != nil {
            out +=
                "| **\(from)** | "
                + impact.levels.map { String(impact.matrix[from]?[$0] ?? 0) }.joined(separator: " | ") + " |\n"
        }
        out += "\n## Providers whose decision changes\n\n"
        if impact.changes.isEmpty {
            out += "None.\n"
        } else {
            out += "| Provider | Before | After | Criteria | Triggers |\n|---|---|---|---|---|\n"
            for c in impact.changes {
                let criteria = (c.criteriaGained.map { "+`\($0)`" } + c.criteriaLost.map { "−`\($0)`" }).joined(
                    separator: " ")
                let triggers = (c.triggersGained.map { "+`\($0)`" } + c.triggersLost.map { "−`\($0)`" }).joined(
                    separator: " ")
                out +=
                    "| \(MarkdownCell.escaped(c.provider)) | \(c.from) | \(c.to) | \(criteria) | \(triggers) |\n"
            }
        }
        let tables = [
            ("Triggers gained", impact.triggersGained), ("Triggers lost", impact.triggersLost),
            ("Interventions gained", impact.interventionsGained), ("Interventions lost", impact.interventionsLost),
        ]
        for (title, table) in tables where !table.isEmpty {
            out += "\n## \(title)\n\n| | Providers |\n|---|---:|\n"
            for (id, n) in table.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                out += "| `\(id)` | \(n) |\n"
            }
        }
        return out
    }

    public static func json(_ h: Header, changes: [String], impact: Impact) -> String {
        var w = JSONWriter(pretty: true)
        w.object { w in
            w.string("policy", h.policy)
            w.string("old", h.oldVersion)
            w.string("new", h.newVersion)
            w.string("corpus", h.corpus)
            w.number("providers", impact.providers)
            w.array("policy_changes") { w in for c in changes { w.item(c) } }
            w.array("levels") { w in for l in impact.levels { w.item(l) } }
            w.object("transitions") { w in
                for from in impact.levels where impact.matrix[from] != nil {
                    w.object(from) { w in for to in impact.levels { w.number(to, impact.matrix[from]?[to] ?? 0) } }
                }
            }
            w.array("changes") { w in
                for c in impact.changes {
                    w.object { w in
                        w.string("provider", c.provider)
                        w.string("evidence", c.origin)
                        w.string("from", c.from)
                        w.string("to", c.to)
                        w.array("criteria_gained") { w in for x in c.criteriaGained { w.item(x) } }
                        w.array("criteria_lost") { w in for x in c.criteriaLost { w.item(x) } }
                        w.array("triggers_gained") { w in for x in c.triggersGained { w.item(x) } }
                        w.array("triggers_lost") { w in for x in c.triggersLost { w.item(x) } }
                        w.string("level_rule", c.levelRule)
                    }
                }
            }
            for (key, table) in [
                ("triggers_gained", impact.triggersGained), ("triggers_lost", impact.triggersLost),
                ("interventions_gained", impact.interventionsGained), ("interventions_lost", impact.interventionsLost),
            ] {
                w.object(key) { w in for (id, n) in table.sorted(by: { $0.key < $1.key }) { w.number(id, n) } }
            }
        }
        return w.output + "\n"
    }
}
