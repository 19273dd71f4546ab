import QAFCheck
import QAFCompile
import QAFCore
import QAFLoad

/// What a policy says about one provider: the level its known evidence proves, why, and what could change it.
///
/// Evaluation fills in only what it must decide (each criterion's and trigger's truth, the level); the words
/// (`because` sentences, the evidence each unknown needs) are worked out when a report asks for them, so a batch
/// that writes only ids pays nothing for them.
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

    public var checked: CheckedPolicy { policy.checked }

    public var levelValue: CheckedPolicy.Level? { level.map { checked.levels[$0] } }
    public var couldReachValue: CheckedPolicy.Level? { couldReach.map { checked.levels[$0] } }

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
        var set = Set(level.map { checked.levels[$0].interventions } ?? [])
        for t in triggerIndices { set.formUnion(checked.triggers[t].interventions) }
        return set.sorted()
    }
}
