import QAFCore
import QAFEvaluate

/// The short human summary shown on a terminal.
public struct TextReporter: Reporter {
    public init() {}

    public var separator: String { "\n" }

    public func report(_ d: Decision) -> String {
        let p = d.checked
        var out = ""
        let name = d.providerName.map { "\($0) (\(d.providerID))" } ?? d.providerID
        out += "\(name) — \(p.title), \(p.authority) [policy \(p.id), version \(p.version)]\n"
        out += "As of \(Day.format(d.asOf))\(d.origin.map { ", evidence \($0)" } ?? "")\n"
        switch d.status {
        case .insufficientEvidence:
            out +=
                "Level: none — insufficient evidence. The policy requires: \(d.missingRequired.joined(separator: ", "))\n"
        case .complete, .incomplete:
            if let level = d.levelValue {
                if let higher = d.couldReachValue {
                    out += "Level: at least \(level.id) \(level.name) — \(level.label)\n"
                    out +=
                        "       could be \(higher.id) \(higher.name) — \(higher.label): evidence is missing (status: incomplete)\n"
                } else {
                    out += "Level: \(level.id) \(level.name) — \(level.label) (status: \(d.status.rawValue))\n"
                }
            } else {
                out += "Trigger-led policy: no level (status: \(d.status.rawValue))\n"
            }
        }
        if d.movement != .none {
            out +=
                "Movement: \(d.movement.rawValue.replacingUnderscores) from previous level \(d.previousLevel ?? "")\n"
        }
        let warnings = d.warnings
        if !warnings.isEmpty {
            out += "Warnings:\n"
            for w in warnings { out += "  ! \(w)\n" }
        }
        let triggers = d.triggers, fired = d.fired, unassessed = d.unassessed, possible = d.possibleTriggers
        if !triggers.isEmpty {
            out += "Escalation triggers:\n"
            for t in triggers.sorted(by: { p.triggers[$0.index].urgency < p.triggers[$1.index].urgency }) {
                let trigger = p.triggers[t.index]
                out += "  [\(trigger.urgency.rawValue)] \(trigger.title) → \(p.routes[trigger.route].name)\n"
                if let because = t.because {
                    out += "      \(because)\(d.sources(ofTrigger: t.index).quotedAfterReason)\n"
                }
                out += "      source: \(trigger.source)\n"
            }
        }
        if !fired.isEmpty {
            out += "Why:\n"
            let ordered = fired.sorted { p.criteria[$0.index].severity > p.criteria[$1.index].severity }
            for f in ordered {
                let c = p.criteria[f.index]
                out += "  [\(p.severities[c.severity])] \(c.title): \(f.because)"
                out += "\(d.sources(ofCriterion: f.index).quotedAfterReason)\n"
                out += "      source: \(c.source)\n"
            }
        }
        if !d.interventions.isEmpty {
            out += "Interventions:\n"
            for i in d.interventions { out += "  - \(p.interventions[i].text)\n" }
        }
        if let review = d.levelValue?.review { out += "Review: \(review.by), \(review.every)\n" }
        if !unassessed.isEmpty || !possible.isEmpty {
            out += "Could not be assessed (missing evidence is never read as no concerns):\n"
            for u in unassessed {
                let c = p.criteria[u.index]
                out += "  - [\(p.severities[c.severity])] \(c.title) — needs \(u.needs.joined(separator: ", "))\n"
            }
            for t in possible {
                out += "  - trigger: \(p.triggers[t.index].title) — needs \(t.needs.joined(separator: ", "))\n"
            }
        }
        return out
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
