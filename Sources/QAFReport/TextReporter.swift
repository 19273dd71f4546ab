import QAFCore
import QAFEvaluate

/// The short human summary shown on a terminal: the case paper's words, as plain text.
public struct TextReporter: Reporter {
    public init() {}

    public var separator: String { "\n" }

    public func report(_ d: Decision) -> String {
        let c = CasePaper(d, digest: "")
        let p = c.policy
        var out = "\(c.providerName.map { "\($0) (\(c.providerID))" } ?? c.providerID) — \(p.title), \(p.authority)"
        out += " [policy \(p.id), version \(p.version)]\n"
        out += "As of \(c.asOf)\(c.evidence.map { ", evidence \($0)" } ?? "")\n"
        if let level = c.level {
            out += "Level: \(c.couldReachRank != nil ? "at least " : "")\(level)\n"
        } else {
            out += "Level: \(c.isTriggerLed ? "none: this policy is led by its triggers" : "none given")\n"
        }
        out += "Status: \(c.status)\n"
        if let movement = c.movement { out += "Movement: \(movement)\n" }
        if !c.warnings.isEmpty {
            out += "Warnings:\n"
            for w in c.warnings { out += "  ! \(w)\n" }
        }
        if !c.triggers.isEmpty {
            out += "Escalation triggers:\n"
            for t in c.triggers {
                out += "  [\(UrgencyWords.label(t.urgency))] \(t.title) → \(t.route)\n"
                out += "      \(t.because)\(t.sources.quotedAfterReason)\n      source: \(t.source)\n"
            }
        }
        if !c.possibleTriggers.isEmpty {
            out += "Could fire when the missing evidence is known:\n"
            for t in c.possibleTriggers { out += "  - [\(UrgencyWords.label(t.urgency))] \(t.title) → \(t.route)\n" }
        }
        if !c.reasons.isEmpty {
            out += "Why:\n"
            for r in c.reasons {
                out += "  [\(r.criterion.severity)] \(r.criterion.title): \(r.fact)\(r.sources.quotedAfterReason)\n"
                out += "      source: \(r.criterion.source)\n"
                for also in r.alsoMeets {
                    out += "      also meets: \(also.title) (\(also.severity)); source: \(also.source)\n"
                }
            }
        }
        if !c.settled.isEmpty {
            out += "Interventions of the level:\n"
            for i in c.settled { out += "  - \(i.text)\n" }
        }
        if !c.fromTriggers.isEmpty {
            out += "Brought by the escalation triggers:\n"
            for i in c.fromTriggers { out += "  - \(i.text)\n" }
        }
        if !c.provisional.isEmpty, let higher = c.couldReach {
            out += "Provisional while evidence is missing that could raise the level to \(higher):\n"
            for i in c.provisional {
                out += "  - \(i.text)\(i.holdsHigher ? "" : " (not settled: \(higher) does not bring it)")\n"
            }
        }
        if let review = c.review { out += "Review: \(review)\n" }
        if !c.gather.isEmpty {
            out += "Could not be assessed (missing evidence is never read as no concerns); evidence to gather:\n"
            for g in c.gather {
                let settles = g.criteria.map { "\($0.title) (\($0.severity))" } + g.triggers.map { "trigger: \($0)" }
                out += "  - \(g.field) (\(g.path)): settles \(settles.joined(separator: "; "))\n"
            }
        }
        return out
    }
}
