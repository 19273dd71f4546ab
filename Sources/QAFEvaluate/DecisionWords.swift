import QAFCheck
import QAFCompile
import QAFCore

/// The words of a decision, worked out on demand: the `because` sentences and the evidence each unknown needs.
extension Decision {
    public var fired: [FiredCriterion] {
        let words = Words(self)
        return firedIndices.map { FiredCriterion(index: $0, because: words.render(policy.criterionBecause[$0])) }
    }

    /// The criteria that could not be assessed, each with only the evidence that could still change its answer.
    public var unassessed: [Unassessed] {
        var needs = EvidenceNeeds(self)
        return unassessedIndices.map { Unassessed(index: $0, needs: needs.criterion($0)) }
    }

    public var triggers: [FiredTrigger] {
        let words = Words(self)
        return triggerIndices.map { FiredTrigger(index: $0, because: policy.triggerBecause[$0].map(words.render)) }
    }

    /// Triggers that missing evidence could fire, each with the evidence that could settle it. One on the level or
    /// on severity counts is unknown because some criteria or levels are, so it needs their evidence.
    public var possibleTriggers: [Unassessed] {
        var needs = EvidenceNeeds(self)
        return possibleTriggerIndices.map { Unassessed(index: $0, needs: needs.trigger($0)) }
    }

    /// Every piece of evidence that could change the decision, without repeats, in policy order: what the
    /// unassessed criteria, the levels not yet ruled out and the possible triggers need.
    public var evidenceToGather: [String] {
        var needs = EvidenceNeeds(self)
        return unique(unassessed.flatMap(\.needs) + needs.levels() + possibleTriggers.flatMap(\.needs))
    }

    private func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
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
                        return code.code.withUnsafeBufferPointer {
                            machine.run($0, on: decision.record, context: &context)
                        }
                    }
                }
                text += ValueText.describe(value, as: type, record: decision.record, policy: decision.policy)
            }
        }
        return text
    }
}
