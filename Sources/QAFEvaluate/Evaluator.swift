import QAFCheck
import QAFCompile
import QAFCore
import QAFLoad

/// Applies a compiled policy to evidence records. Not shared between threads: make one per thread.
public final class Evaluator {
    public let policy: CompiledPolicy
    private let machine = Machine()
    private var criteria: [Truth]
    private var counts: [Interval]
    /// The level of the last decision as a range of ordinals, for probing trigger thresholds.
    private var lastLevel = Interval.unknown
    /// For each criterion and trigger, where its fields live, to name the absent ones.
    private let criterionFields: [[FieldRef]]
    private let triggerFields: [[FieldRef]]

    struct FieldRef {
        var path: String
        var slot: Int?
        var list: Int?
    }

    public init(policy: CompiledPolicy) {
        self.policy = policy
        criteria = Array(repeating: .unknown, count: policy.checked.criteria.count)
        counts = Array(repeating: .false, count: policy.checked.severities.count)
        let schema = policy.schema
        func refs(_ paths: [String]) -> [FieldRef] {
            paths.map { path in
                if let range = path.range(of: "[].") {
                    let list = String(path[..<range.lowerBound])
                    return FieldRef(path: path, slot: nil, list: schema.lists[list]?.index)
                }
                return FieldRef(path: path, slot: schema.scalars[path]?.slot, list: schema.lists[path]?.index)
            }
        }
        criterionFields = policy.checked.criteria.map { refs($0.fields) }
        triggerFields = policy.checked.triggers.map { refs($0.fields) }
    }

    /// The decision for one provider. Deterministic: no clock, no randomness; durations count from `as_of`.
    public func evaluate(_ record: EvidenceRecord, origin: EvidenceOrigin? = nil) -> Decision {
        let checked = policy.checked
        let asOf = record.scalars[policy.asOfSlot]
        for i in criteria.indices { criteria[i] = .unknown }
        let severityCount = counts.count
        var context: Machine.Context! = nil

        criteria.withUnsafeMutableBufferPointer { criteriaBuffer in
            counts.withUnsafeBufferPointer { countsBuffer in
                context = Machine.Context(
                    criteria: criteriaBuffer, severityCounts: countsBuffer, level: .unknown, asOf: asOf)
                policy.criteriaCode.withUnsafeBufferPointer { code in
                    _ = machine.run(code, on: record, context: &context)
                }
            }
        }

        // Counts per severity are ranges: fired criteria, plus the unknown ones that might fire.
        for s in 0..<severityCount { counts[s] = .false }
        for (i, truth) in criteria.enumerated() where truth != .false {
            let s = policy.criterionSeverity[i]
            if truth == .true { counts[s].lo += 1 }
            counts[s].hi += 1
        }

        let missingRequired =
            policy.requiredScalars.filter { record.scalars[$0.slot].isNaN }.map(\.path)
            + policy.requiredLists.filter { record.lists[$0.index].count < 0 }.map(\.path)

        var level: Int?
        var couldReach: Int?
        var levelInterval = Interval.unknown
        if !checked.levels.isEmpty, missingRequired.isEmpty {
            for (i, code) in policy.levelCode.enumerated() {
                guard let code else {
                    level = i
                    break
                }
                let truth = run(code, record, criteria: &criteria, level: .unknown, asOf: asOf).truth
                if truth == .true {
                    level = i
                    break
                }
                if truth == .unknown, couldReach == nil { couldReach = i }
            }
            let top = checked.levels.count - 1
            if let level { levelInterval = Interval(Double(top - level), Double(top - (couldReach ?? level))) }
        }

        lastLevel = levelInterval
        var triggers: [Decision.FiredTrigger] = []
        var possibleTriggers: [Decision.Unassessed] = []
        for (i, code) in policy.triggerCode.enumerated() {
            switch run(code, record, criteria: &criteria, level: levelInterval, asOf: asOf).truth {
            case .true:
                let because = policy.triggerBecause[i].map { render($0, record) }
                triggers.append(.init(index: i, because: because))
            case .unknown:
                possibleTriggers.append(.init(index: i, needs: absent(triggerFields[i], record)))
            case .false: break
            }
        }

        var fired: [Decision.FiredCriterion] = []
        var unassessed: [Decision.Unassessed] = []
        for (i, truth) in criteria.enumerated() {
            switch truth {
            case .true: fired.append(.init(index: i, because: render(policy.criterionBecause[i], record)))
            case .unknown: unassessed.append(.init(index: i, needs: absent(criterionFields[i], record)))
            case .false: break
            }
        }
        // A trigger on the level or on severity counts is unknown because some criteria are: it needs their evidence.
        for i in possibleTriggers.indices where possibleTriggers[i].needs.isEmpty {
            var seen = Set<String>()
            possibleTriggers[i].needs = unassessed.flatMap(\.needs).filter { seen.insert($0).inserted }
        }

        var interventionSet = Set<Int>()
        if let level { interventionSet.formUnion(checked.levels[level].interventions) }
        for t in triggers { interventionSet.formUnion(checked.triggers[t.index].interventions) }

        let status: Decision.Status
        if !missingRequired.isEmpty {
            status = .insufficientEvidence
            level = nil
            couldReach = nil
        } else if couldReach != nil || !possibleTriggers.isEmpty {
            status = .incomplete
        } else {
            status = .complete
        }

        let previous = record.text(slot: policy.previousLevelSlot)
        let providerSlot = policy.schema.scalars["provider.id"]!.slot
        let nameSlot = policy.schema.scalars["provider.name"]!.slot
        return Decision(
            policy: policy, providerID: record.text(slot: providerSlot) ?? "",
            providerName: record.text(slot: nameSlot),
            asOf: asOf.isNaN ? 0 : Int(asOf), origin: origin, status: status, level: level, couldReach: couldReach,
            fired: fired, unassessed: unassessed, triggers: triggers, possibleTriggers: possibleTriggers,
            interventions: interventionSet.sorted(),
            movement: movement(previous: previous, level: level, couldReach: couldReach),
            previousLevel: previous, missingRequired: missingRequired)
    }

    /// Runs an extra program (a threshold) against the record of the last `evaluate`, with its criteria results.
    public func probe(_ code: [Instruction], _ record: EvidenceRecord) -> Truth {
        run(code, record, criteria: &criteria, level: lastLevel, asOf: record.scalars[policy.asOfSlot]).truth
    }

    /// Escalation compares with the previous level; missing evidence can never make it a de-escalation.
    private func movement(previous: String?, level: Int?, couldReach: Int?) -> Decision.Movement {
        guard let previous, let before = policy.levelIndexByID[previous], let level else { return .none }
        // Levels are listed most serious first, so a smaller index is more serious.
        let highest = couldReach ?? level
        if level < before { return .escalate }
        if level == before { return .maintain }
        return highest <= before ? .undetermined : .deEscalate
    }

    private func run(
        _ code: [Instruction], _ record: EvidenceRecord, criteria: inout [Truth], level: Interval, asOf: Double
    )
        -> Interval
    {
        criteria.withUnsafeMutableBufferPointer { criteriaBuffer in
            counts.withUnsafeBufferPointer { countsBuffer in
                var context = Machine.Context(
                    criteria: criteriaBuffer, severityCounts: countsBuffer, level: level, asOf: asOf)
                return code.withUnsafeBufferPointer { machine.run($0, on: record, context: &context) }
            }
        }
    }

    private func render(_ parts: [CompiledTemplatePart], _ record: EvidenceRecord) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let s): text += s
            case .value(let code, let type):
                let value = run(
                    code, record, criteria: &criteria, level: .unknown, asOf: record.scalars[policy.asOfSlot])
                text += ValueText.describe(value, as: type, record: record, policy: policy)
            }
        }
        return text
    }

    private func absent(_ fields: [FieldRef], _ record: EvidenceRecord) -> [String] {
        fields.filter { ref in
            if let slot = ref.slot { return record.scalars[slot].isNaN }
            if let list = ref.list {
                let l = record.lists[list]
                if ref.path.contains("[].") {
                    // An element field is needed when the list is absent, or some element lacks it.
                    return l.count < 0 || l.values.contains { $0.isNaN }
                }
                return l.count < 0
            }
            return false
        }.map(\.path)
    }
}
