import QAFCompile
import QAFCore

/// The words of a decision: its `because` sentences and the evidence each unknown needs. Made once, by the
/// evaluation that decided (`Evaluator.evaluate`), with the machine state that decided.
public struct DecisionWords: Sendable {
    public var fired: [Decision.FiredCriterion]
    /// The criteria that could not be assessed, each with only the evidence that could still change its answer.
    public var unassessed: [Decision.Unassessed]
    public var triggers: [Decision.FiredTrigger]
    /// Triggers that missing evidence could fire, each with the evidence that could settle it. One on the level or
    /// on severity counts is unknown because some criteria or levels are, so it needs their evidence.
    public var possibleTriggers: [Decision.Unassessed]
    /// Every piece of evidence that could change the decision, without repeats, in policy order: what the
    /// unassessed criteria, the levels not yet ruled out and the possible triggers need.
    public var evidenceToGather: [String]
}

extension Decision {
    public var fired: [FiredCriterion] { worded.fired }
    public var unassessed: [Unassessed] { worded.unassessed }
    public var triggers: [FiredTrigger] { worded.triggers }
    public var possibleTriggers: [Unassessed] { worded.possibleTriggers }
    public var evidenceToGather: [String] { worded.evidenceToGather }

    private var worded: DecisionWords {
        guard let words else {
            preconditionFailure("a decision evaluated for ids only (words: false) was asked for its words")
        }
        return words
    }
}

extension DecisionWords {
    /// Words `d`; `render` runs a `because` sentence's values on the machine that decided.
    init(_ d: Decision, counts: [Interval], previous: Interval, render: ([CompiledTemplatePart]) -> String) {
        fired = d.firedIndices.map {
            Decision.FiredCriterion(index: $0, because: render(d.policy.criterionBecause[$0]))
        }
        triggers = d.triggerIndices.map {
            Decision.FiredTrigger(index: $0, because: d.policy.triggerBecause[$0].map(render))
        }
        var needs = EvidenceNeeds(d, counts: counts, previous: previous)
        unassessed = d.unassessedIndices.map { Decision.Unassessed(index: $0, needs: needs.criterion($0)) }
        possibleTriggers = d.possibleTriggerIndices.map { Decision.Unassessed(index: $0, needs: needs.trigger($0)) }
        evidenceToGather = EvidenceNeeds.unique(
            unassessed.flatMap(\.needs) + needs.levels() + possibleTriggers.flatMap(\.needs))
    }
}
