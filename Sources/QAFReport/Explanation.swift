import QAFCore
import QAFEvaluate

/// One decision step by step: every criterion with the evidence it read and its result, then the levels and triggers.
public enum Explanation {
    public static func render(_ d: Decision, record: EvidenceRecord) -> String {
        let p = d.model
        let schema = d.policy.schema
        var out = TextReporter().report(d)
        out += "\nEvery criterion, in policy order:\n"
        let fired = Dictionary(uniqueKeysWithValues: d.fired.map { ($0.index, $0.because) })
        let unassessed = Dictionary(uniqueKeysWithValues: d.unassessed.map { ($0.index, $0.needs) })
        for (i, c) in p.criteria.enumerated() {
            let result = fired[i] != nil ? "FIRED" : unassessed[i] != nil ? "UNKNOWN" : "not met"
            out += "\n  \(c.id) [\(p.severities[c.severity]), \(p.domains[c.domain].name)]: \(result)\n"
            out += "    \(c.title)\n"
            out += "    when: \(c.whenText)\n"
            for field in c.fields {
                out += "      \(field) = \(EvidenceValues.describe(field, in: record, schema: schema))"
                out += "\(Provenance.sources(of: [field], in: record, schema: schema).quotedAfterReason)\n"
            }
            if c.fields.isEmpty { out += "      \(Decision.readsNothing)\n" }
            if let because = fired[i] { out += "    because: \(because)\n" }
            if let needs = unassessed[i] { out += "    needs: \(needs.joined(separator: ", "))\n" }
            out += "    source: \(c.source)\n"
        }
        if !p.levels.isEmpty {
            out += "\nLevels, most serious first (the first that holds is the level):\n"
            for (i, level) in p.levels.enumerated() {
                var result = ""
                if i == d.level {
                    result = "← the level"
                } else if i == d.couldReach {
                    result = "← could be reached: unknown"
                }
                out += "  \(level.id) \(level.name): \(level.whenText ?? "otherwise") \(result)\n"
            }
        }
        if !p.triggers.isEmpty {
            out += "\nTriggers:\n"
            let firedTriggers = Set(d.triggers.map(\.index))
            let possible = Set(d.possibleTriggers.map(\.index))
            for (i, t) in p.triggers.enumerated() {
                let result = firedTriggers.contains(i) ? "FIRED" : possible.contains(i) ? "UNKNOWN" : "not met"
                out += "  \(t.id): \(result)\n    when: \(t.whenText)\n"
                for field in t.fields {
                    out += "      \(field) = \(EvidenceValues.describe(field, in: record, schema: schema))"
                    out += "\(Provenance.sources(of: [field], in: record, schema: schema).quotedAfterReason)\n"
                }
                for reading in d.inputReadings(ofTrigger: i) { out += "      \(reading)\n" }
                if t.fields.isEmpty, t.inputs.isEmpty { out += "      \(Decision.readsNothing)\n" }
            }
        }
        return out
    }
}
