import QAFCheck
import QAFCompile
import QAFCore

/// The words of a decision, worked out on demand: the `because` sentences and the evidence each unknown needs.
extension Decision {
    public var fired: [FiredCriterion] {
        let words = Words(self)
        return firedIndices.map { FiredCriterion(index: $0, because: words.render(policy.criterionBecause[$0])) }
    }

    public var unassessed: [Unassessed] {
        unassessedIndices.map { Unassessed(index: $0, needs: absent(checked.criteria[$0].fields)) }
    }

    public var triggers: [FiredTrigger] {
        let words = Words(self)
        return triggerIndices.map { FiredTrigger(index: $0, because: policy.triggerBecause[$0].map(words.render)) }
    }

    /// Triggers that missing evidence could fire. One on the level or on severity counts is unknown because some
    /// criteria are, so it needs their evidence.
    public var possibleTriggers: [Unassessed] { possibleTriggers(criteriaNeed: unique(unassessed.flatMap(\.needs))) }

    private func possibleTriggers(criteriaNeed: [String]) -> [Unassessed] {
        possibleTriggerIndices.map { i in
            let needs = absent(checked.triggers[i].fields)
            return Unassessed(index: i, needs: needs.isEmpty ? criteriaNeed : needs)
        }
    }

    /// Every absent piece of evidence that could change the decision, without repeats, in policy order.
    public var evidenceToGather: [String] {
        let criteriaNeed = unique(unassessed.flatMap(\.needs))
        return unique(criteriaNeed + possibleTriggers(criteriaNeed: criteriaNeed).flatMap(\.needs))
    }

    private func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// The fields among `paths` the evidence lacks; an element field is lacking when its list is absent or an
    /// element lacks it.
    func absent(_ paths: [String]) -> [String] {
        let schema = policy.schema
        return paths.filter { path in
            if let range = path.range(of: "[].") {
                guard let list = schema.lists[String(path[..<range.lowerBound])] else { return false }
                let l = record.lists[list.index]
                return l.count < 0 || l.values.contains { $0.isNaN }
            }
            if let spec = schema.scalars[path] { return record.scalars[spec.slot].isNaN }
            if let list = schema.lists[path] { return record.lists[list.index].count < 0 }
            return false
        }
    }
}

/// Runs `because` placeholders against a decided record, with its criteria results and level in reach.
struct Words {
    let decision: Decision
    let machine: Machine
    var truths: [Truth]
    var counts: [Interval]
    let level: Interval

    init(_ d: Decision) {
        decision = d
        machine = Machine(for: d.policy)
        truths = d.criterionTruths
        counts = Evaluator.severityCounts(
            d.criterionTruths, severities: d.policy.criterionSeverity, count: d.checked.severities.count)
        let top = d.checked.levels.count - 1
        level = d.level.map { Interval(Double(top - $0), Double(top - (d.couldReach ?? $0))) } ?? .unknown
    }

    func render(_ parts: [CompiledTemplatePart]) -> String {
        var text = ""
        var truths = self.truths
        for part in parts {
            switch part {
            case .text(let s): text += s
            case .value(let code, let type):
                let value = truths.withUnsafeMutableBufferPointer { t in
                    counts.withUnsafeBufferPointer { c in
                        var context = Machine.Context(
                            criteria: t, severityCounts: c, level: level,
                            asOf: decision.record.scalars[decision.policy.asOfSlot],
                            previousLevel: Evaluator.previousOrdinal(decision.record, decision.policy))
                        return code.withUnsafeBufferPointer { machine.run($0, on: decision.record, context: &context) }
                    }
                }
                text += ValueText.describe(value, as: type, record: decision.record, policy: decision.policy)
            }
        }
        return text
    }
}
