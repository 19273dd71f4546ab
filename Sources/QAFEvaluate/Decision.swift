import QAFCompile
import QAFCore

/// What a policy says about one provider: the level its known evidence proves, why, and what could change it.
///
/// The evaluation that decides also words the decision (`words`: the `because` sentences, the evidence each unknown
/// needs), once, unless it is asked not to: a batch that writes only ids pays nothing for them.
public struct Decision: Sendable {
    public enum Status: String, Sendable {
        /// More evidence could not change the level or the triggers.
        case complete
        /// Some evidence is missing that could raise the level or fire a trigger.
        case incomplete
        /// Evidence the policy requires is missing: no level is given.
        case insufficientEvidence = "insufficient_evidence"
    }

    public enum Movement: String, Sendable {
        case escalate
        case deEscalate = "de_escalate"
        case maintain
        /// Missing evidence leaves open whether the level moved.
        case undetermined
        /// No previous level to compare with.
        case none
    }

    public struct FiredCriterion: Sendable {
        public var index: Int
        public var because: String
    }

    public struct Unassessed: Sendable {
        public var index: Int
        /// The evidence paths that were absent.
        public var needs: [String]
    }

    public struct FiredTrigger: Sendable {
        public var index: Int
        public var because: String?
    }

    public let policy: CompiledPolicy
    /// The evidence decided on, kept to word the reasons.
    public let record: EvidenceRecord
    public var origin: EvidenceOrigin?
    public var status: Status
    /// Index into the policy's levels; nil for insufficient evidence and trigger-led policies.
    public var level: Int?
    /// The most serious level unknown evidence could lead to, when higher than `level`.
    public var couldReach: Int?
    public var movement: Movement
    /// The truth of each criterion and trigger, in policy order.
    public let criterionTruths: [Truth]
    public let triggerTruths: [Truth]
    public var missingRequired: [String]
    /// The level as a range of ordinals (0 the fallback, most serious highest): from the proven level to the most
    /// serious one missing evidence could reach; unknown when no level is given.
    public let levelRange: Interval
    /// The words of the decision, from the evaluation that made it; nil when it was asked for ids only.
    public internal(set) var words: DecisionWords?

    /// What the policy says: ids, names, levels, urgencies, sources.
    public var model: PolicyModel { policy.model }

    public var levelValue: PolicyModel.Level? { level.map { model.levels[$0] } }
    public var couldReachValue: PolicyModel.Level? { couldReach.map { model.levels[$0] } }

    public var providerID: String { record.text(slot: policy.providerIDSlot) ?? "" }
    public var providerName: String? { record.text(slot: policy.providerNameSlot) }
    public var asOf: Int {
        let v = record.scalars[policy.asOfSlot]
        return v.isNaN ? 0 : Int(v)
    }
    public var previousLevel: String? { record.text(slot: policy.previousLevelSlot) }

    public var firedIndices: [Int] { criterionTruths.indices.filter { criterionTruths[$0] == .true } }
    public var unassessedIndices: [Int] { criterionTruths.indices.filter { criterionTruths[$0] == .unknown } }
    public var triggerIndices: [Int] { triggerTruths.indices.filter { triggerTruths[$0] == .true } }
    public var possibleTriggerIndices: [Int] { triggerTruths.indices.filter { triggerTruths[$0] == .unknown } }

    /// Intervention indexes brought by the level and the fired triggers, in the policy's order.
    public var interventions: [Int] {
        var set = Set(level.map { model.levels[$0].interventions } ?? [])
        for t in triggerIndices { set.formUnion(model.triggers[t].interventions) }
        return set.sorted()
    }
}
