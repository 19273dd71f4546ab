import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate

/// The effect of a policy change on a corpus of evidence: the level transition matrix, the providers that move
/// and why, and the triggers and interventions gained or lost.
public struct Impact: Sendable {
    /// A provider whose decision changed.
    public struct Change: Sendable {
        public var provider: String
        public var origin: String
        public var from: String
        public var to: String
        public var criteriaGained: [String]
        public var criteriaLost: [String]
        public var triggersGained: [String]
        public var triggersLost: [String]
        /// When the level moved with the same criteria fired, the level rule that now decides it.
        public var levelRule: String?
        public var moved: Bool { from != to }
    }

    /// Level ids in the order rows and columns are shown (most serious first, then "none").
    public var levels: [String]
    /// matrix[from][to] = providers.
    public var matrix: [String: [String: Int]] = [:]
    public var providers = 0
    public var changes: [Change] = []
    public var triggersGained: [String: Int] = [:]
    public var triggersLost: [String: Int] = [:]
    public var interventionsGained: [String: Int] = [:]
    public var interventionsLost: [String: Int] = [:]

    public init(old: PolicyModel, new: PolicyModel) {
        var levels = new.levels.map(\.id.description)
        for l in old.levels.map(\.id.description) where !levels.contains(l) { levels.append(l) }
        self.levels = levels + ["none"]
    }

    /// The part of the comparison for one provider; computed on worker threads, merged in order.
    public struct Entry: Sendable {
        var from: String
        var to: String
        var change: Change?
        var interventionsGained: [String]
        var interventionsLost: [String]
    }

    public static func compare(_ a: Decision, _ b: Decision) -> Entry {
        let from = a.levelValue?.id.description ?? "none", to = b.levelValue?.id.description ?? "none"
        // Ids only: the indices, so no `because` sentence is worded for a comparison.
        let firedA = a.firedIndices.map { a.model.criteria[$0].id },
            firedB = b.firedIndices.map { b.model.criteria[$0].id }
        let trigA = a.triggerIndices.map { a.model.triggers[$0].id },
            trigB = b.triggerIndices.map { b.model.triggers[$0].id }
        let intA = a.interventions.map { a.model.interventions[$0].id },
            intB = b.interventions.map { b.model.interventions[$0].id }
        var change: Change?
        if from != to || firedA != firedB || trigA != trigB {
            change = Change(
                provider: b.providerName.map { "\($0) (\(b.providerID))" } ?? b.providerID,
                origin: b.origin?.description ?? "",
                from: from, to: to, criteriaGained: firedB.filter { !firedA.contains($0) },
                criteriaLost: firedA.filter { !firedB.contains($0) },
                triggersGained: trigB.filter { !trigA.contains($0) },
                triggersLost: trigA.filter { !trigB.contains($0) },
                levelRule: nil)
            if from != to, firedA == firedB {
                let rule = b.levelValue?.whenText.map { "`" + PolicyChanges.oneLine($0) + "`" } ?? "otherwise"
                change?.levelRule = "same criteria; level \(to) now holds by its rule \(rule)"
            }
        }
        return Entry(
            from: from, to: to, change: change, interventionsGained: intB.filter { !intA.contains($0) },
            interventionsLost: intA.filter { !intB.contains($0) })
    }

    public mutating func add(_ e: Entry) {
        providers += 1
        matrix[e.from, default: [:]][e.to, default: 0] += 1
        if let change = e.change {
            changes.append(change)
            for t in change.triggersGained { triggersGained[t, default: 0] += 1 }
            for t in change.triggersLost { triggersLost[t, default: 0] += 1 }
        }
        for i in e.interventionsGained { interventionsGained[i, default: 0] += 1 }
        for i in e.interventionsLost { interventionsLost[i, default: 0] += 1 }
    }

    public var moved: [Change] { changes.filter(\.moved) }
    public var hasChanges: Bool { !changes.isEmpty || !interventionsGained.isEmpty || !interventionsLost.isEmpty }
}
