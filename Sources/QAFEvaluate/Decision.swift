import QAFCheck
import QAFCompile
import QAFCore
import QAFLoad

/// What a policy says about one provider: the level its known evidence proves, why, and what could change it.
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
    public var providerID: String
    public var providerName: String?
    public var asOf: Int
    public var origin: EvidenceOrigin?
    public var status: Status
    /// Index into the policy's levels; nil for insufficient evidence and trigger-led policies.
    public var level: Int?
    /// The most serious level unknown evidence could lead to, when higher than `level`.
    public var couldReach: Int?
    public var fired: [FiredCriterion]
    public var unassessed: [Unassessed]
    public var triggers: [FiredTrigger]
    /// Triggers that missing evidence could fire.
    public var possibleTriggers: [Unassessed]
    /// Intervention indexes brought by the level and the fired triggers, in the policy's order.
    public var interventions: [Int]
    public var movement: Movement
    public var previousLevel: String?
    public var missingRequired: [String]

    public var checked: CheckedPolicy { policy.checked }

    public var levelValue: CheckedPolicy.Level? { level.map { checked.levels[$0] } }
    public var couldReachValue: CheckedPolicy.Level? { couldReach.map { checked.levels[$0] } }

    /// Every absent piece of evidence that could change the decision, without repeats, in policy order.
    public var evidenceToGather: [String] {
        var seen = Set<String>()
        return (unassessed.flatMap(\.needs) + possibleTriggers.flatMap(\.needs)).filter { seen.insert($0).inserted }
    }
}
