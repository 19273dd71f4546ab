import Foundation
import QAFReport

/// `qaf diff` reports: JSON for tools (the text, Markdown and HTML papers are `ImpactPaper`).
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
