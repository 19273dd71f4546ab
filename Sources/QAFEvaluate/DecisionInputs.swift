import QAFCompile
import QAFCore

/// What a condition read, as `name = value` lines for explanations and failing fixtures: its evidence fields, and
/// for a level or trigger the decision's own values it read (`level`, `count(major)`, criteria).
extension Decision {
    public func readings(of criterion: Int) -> [String] {
        readings(fields: model.criteria[criterion].fields, inputs: [])
    }

    public func readings(ofTrigger trigger: Int) -> [String] {
        readings(fields: model.triggers[trigger].fields, inputs: model.triggers[trigger].inputs)
    }

    /// What a trigger read besides evidence: `level = 2`, `count(major) = 1 to 2`, `criterion_id = fired`.
    public func inputReadings(ofTrigger trigger: Int) -> [String] {
        model.triggers[trigger].inputs.map { "\($0) = \(describe(input: $0))" }
    }

    /// Said of a condition that reads nothing at all, so that an explanation never trails off.
    public static let readsNothing = "no evidence (the condition is fixed by the policy)"

    func readings(fields: [String], inputs: [String]) -> [String] {
        let evidence = fields.map { "\($0) = \(EvidenceValues.describe($0, in: record, schema: policy.schema))" }
        let own = inputs.map { "\($0) = \(describe(input: $0))" }
        let all = evidence + own
        return all.isEmpty ? [Self.readsNothing] : all
    }

    private func describe(input name: String) -> String {
        if name == "previous.level" { return previousLevel ?? "absent" }
        if name == "level" {
            guard let level = levelValue else { return "no level" }
            return couldReachValue.map { "\(level.id), could be \($0.id)" } ?? level.id.description
        }
        if name.hasPrefix("count("), name.hasSuffix(")"),
            let severity = model.severities.firstIndex(of: String(name.dropFirst(6).dropLast()))
        {
            var fired = 0
            var unknown = 0
            for (i, truth) in criterionTruths.enumerated() where policy.criterionSeverity[i] == severity {
                if truth == .true { fired += 1 }
                if truth == .unknown { unknown += 1 }
            }
            return unknown == 0 ? "\(fired)" : "\(fired) to \(fired + unknown)"
        }
        if let i = model.criteria.firstIndex(where: { $0.id == name }) {
            switch criterionTruths[i] {
            case .true: return "fired"
            case .false: return "not met"
            case .unknown: return "unknown"
            }
        }
        return "?"
    }
}
