import QAFCompile
import QAFCore

/// Applies a compiled policy to evidence records. Not shared between threads: make one per thread.
///
/// The evaluator keeps its own copies of the policy's programs, so threads evaluating the same policy never
/// touch a shared reference count on the hot path.
public final class Evaluator {
    public let policy: CompiledPolicy
    private let machine: Machine
    /// Copies of the policy's programs, each exactly its program's length; the machine reads them only at
    /// `pc` < the position of their `finish` (jump targets are positions the compiler took inside the same program).
    private let criteriaCode: UnsafeMutableBufferPointer<Instruction>
    private let levelCode: [UnsafeMutableBufferPointer<Instruction>?]
    private let triggerCode: [UnsafeMutableBufferPointer<Instruction>]
    /// One entry per criterion (the index a `store` or `criterion` instruction names is a criterion's position).
    private let severityOf: UnsafeMutableBufferPointer<Int>
    private let truths: UnsafeMutableBufferPointer<Truth>
    /// One entry per severity (the index a `severityCount` names, and every criterion's severity, is below it).
    private let counts: UnsafeMutableBufferPointer<Interval>
    private let levelIDs: [String]
    private let asOfSlot: Int
    private let previousSlot: Int
    private let requiredScalars: [Int]
    private let requiredLists: [Int]
    private let hasLevels: Bool
    /// The level of the last decision as a range of ordinals, for probing trigger thresholds.
    private var lastLevel = Interval.unknown
    private var lastPrevious = Interval.unknown

    public init(policy: CompiledPolicy) {
        self.policy = policy
        let machine = Machine(for: policy)
        self.machine = machine
        func own(_ program: Program) -> UnsafeMutableBufferPointer<Instruction> {
            precondition(machine.fits(program), "a program of another policy")
            let buffer = UnsafeMutableBufferPointer<Instruction>.allocate(capacity: program.code.count)
            _ = buffer.initialize(from: program.code)
            return buffer
        }
        criteriaCode = own(policy.criteriaCode)
        levelCode = policy.levelCode.map { $0.map(own) }
        triggerCode = policy.triggerCode.map(own)
        severityOf = .allocate(capacity: max(1, policy.criterionSeverity.count))
        _ = severityOf.initialize(from: policy.criterionSeverity)
        truths = .allocate(capacity: max(1, policy.model.criteria.count))
        truths.initialize(repeating: .unknown)
        counts = .allocate(capacity: max(1, policy.model.severities.count))
        counts.initialize(repeating: .false)
        levelIDs = policy.model.levels.map(\.id.description)
        asOfSlot = policy.asOfSlot
        previousSlot = policy.previousLevelSlot
        requiredScalars = policy.requiredScalars.map(\.slot)
        requiredLists = policy.requiredLists.map(\.index)
        hasLevels = !policy.model.levels.isEmpty
    }

    deinit {
        criteriaCode.deallocate()
        for code in levelCode { code?.deallocate() }
        for code in triggerCode { code.deallocate() }
        severityOf.deallocate()
        truths.deallocate()
        counts.deallocate()
    }

    /// The decision for one provider, worded (`Decision.words`) unless `words` is false. Deterministic: no clock, no
    /// randomness; durations count from `as_of`.
    public func evaluate(_ evidence: EvidenceRecord, origin: EvidenceOrigin? = nil, words: Bool = true) -> Decision {
        let record = Self.previousForPolicy(evidence, policy)
        let criteriaCount = policy.criterionSeverity.count
        let asOf = record.scalars[asOfSlot]
        for i in 0..<criteriaCount { truths[i] = .unknown }
        lastPrevious = .unknown
        if let id = record.text(slot: previousSlot), let index = levelIDs.firstIndex(of: id) {
            let ordinal = Double(levelIDs.count - 1 - index)
            lastPrevious = Interval(ordinal, ordinal)
        }
        var context = Machine.Context(
            criteria: truths, severityCounts: UnsafeBufferPointer(counts), level: .unknown, asOf: asOf,
            previousLevel: lastPrevious)
        _ = machine.run(UnsafeBufferPointer(criteriaCode), on: record, context: &context)

        // Counts per severity are ranges: fired criteria, plus the unknown ones that might fire.
        for s in 0..<counts.count { counts[s] = Interval(0, 0) }
        for i in 0..<criteriaCount where truths[i] != .false {
            if truths[i] == .true { counts[severityOf[i]].lo += 1 }
            counts[severityOf[i]].hi += 1
        }

        var missingRequired: [String] = []
        for (i, slot) in requiredScalars.enumerated() where record.scalars[slot].isNaN {
            missingRequired.append(policy.requiredScalars[i].path)
        }
        for (i, list) in requiredLists.enumerated() where record.lists[list].count < 0 {
            missingRequired.append(policy.requiredLists[i].path)
        }

        var level: Int?
        var couldReach: Int?
        var levelInterval = Interval.unknown
        if hasLevels, missingRequired.isEmpty {
            for (i, code) in levelCode.enumerated() {
                guard let code else {
                    level = i
                    break
                }
                let truth = machine.run(UnsafeBufferPointer(code), on: record, context: &context).truth
                if truth == .true {
                    level = i
                    break
                }
                if truth == .unknown, couldReach == nil { couldReach = i }
            }
            let top = levelCode.count - 1
            if let level { levelInterval = Interval(Double(top - level), Double(top - (couldReach ?? level))) }
        }
        lastLevel = levelInterval

        context.level = levelInterval
        var triggerTruths = [Truth](repeating: .false, count: triggerCode.count)
        var possibleTrigger = false
        for (i, code) in triggerCode.enumerated() {
            let truth = machine.run(UnsafeBufferPointer(code), on: record, context: &context).truth
            triggerTruths[i] = truth
            if truth == .unknown { possibleTrigger = true }
        }

        let status: Decision.Status
        if !missingRequired.isEmpty {
            status = .insufficientEvidence
            level = nil
            couldReach = nil
        } else if couldReach != nil || possibleTrigger {
            status = .incomplete
        } else {
            status = .complete
        }

        let decision = Decision(
            policy: policy, record: record, origin: origin, status: status, level: level, couldReach: couldReach,
            movement: movement(previous: record.text(slot: previousSlot), level: level, couldReach: couldReach),
            criterionTruths: Array(UnsafeBufferPointer(start: truths.baseAddress, count: criteriaCount)),
            triggerTruths: triggerTruths, missingRequired: missingRequired, levelRange: levelInterval)
        // Returned as built when no words are wanted: a copy of a decision costs a retain and release of each part.
        guard words else { return decision }
        var worded = decision
        worded.words = word(decision, context: context)
        return worded
    }

    /// The words of `decision`, from the machine state that decided it: its `because` sentences run on the same
    /// criteria, counts and level. Apart from `evaluate`, so a batch that writes ids alone keeps a lean hot path.
    @inline(never)
    private func word(_ decision: Decision, context: Machine.Context) -> DecisionWords {
        var context = context
        let record = decision.record
        return DecisionWords(decision, counts: Array(counts), previous: lastPrevious) { parts in
            var text = ""
            for part in parts {
                switch part {
                case .text(let s): text += s
                case .value(let code, let type):
                    let value = code.code.withUnsafeBufferPointer { machine.run($0, on: record, context: &context) }
                    text += ValueText.describe(value, as: type, record: record, policy: policy)
                }
            }
            return text
        }
    }

    /// Escalation compares with the previous level; missing evidence can never make it a de-escalation.
    private func movement(previous: String?, level: Int?, couldReach: Int?) -> Decision.Movement {
        guard let previous, let before = levelIDs.firstIndex(of: previous), let level else { return .none }
        // Levels are listed most serious first, so a smaller index is more serious.
        let highest = couldReach ?? level
        if level < before { return .escalate }
        if level == before { return .maintain }
        return highest <= before ? .undetermined : .deEscalate
    }

    /// Runs threshold `index` of the policy (`model.thresholds`) against the record of the last `evaluate`, with
    /// its criteria results: whether the evidence lies on the side of the threshold that holds.
    public func probe(threshold index: Int, _ evidence: EvidenceRecord) -> Truth {
        let program = policy.thresholdCode[index]
        let record = Self.previousForPolicy(evidence, policy)
        var context = Machine.Context(
            criteria: truths, severityCounts: UnsafeBufferPointer(counts), level: lastLevel,
            asOf: record.scalars[asOfSlot], previousLevel: lastPrevious)
        return program.code.withUnsafeBufferPointer { machine.run($0, on: record, context: &context) }.truth
    }

    /// The evidence as this policy reads it: where `previous` holds an entry for the policy
    /// (`previous: {salford: {level: 2, since: …}}`), that entry is `previous.level` and `previous.since`.
    public static func previousForPolicy(_ record: EvidenceRecord, _ policy: CompiledPolicy) -> EvidenceRecord {
        guard !record.previousByPolicy.isEmpty,
            let entry = record.previousByPolicy.last(where: { $0.policy == policy.model.id })
        else { return record }
        var own = record
        if let level = entry.level {
            own.texts.append(level)
            own.scalars[policy.previousLevelSlot] = Double(own.texts.count - 1)
        } else {
            own.scalars[policy.previousLevelSlot] = .nan
        }
        own.scalars[policy.previousSinceSlot] = entry.since
        return own
    }
}
