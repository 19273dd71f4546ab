import QAFCompile
import QAFCore

/// The evidence that could still change an unknown answer, given what is known.
///
/// Worked out on demand for the criteria, levels and triggers a decision left unknown (never on the evaluation hot
/// path), by walking the compiled condition tree: a part whose value is settled asks for nothing (in
/// `(whistleblowing > 1 and complaints > 5000) or professional_concerns > 1` with 1000 complaints the conjunction is
/// false, so only `professional_concerns` is asked for); an unknown part asks for what its unknown parts ask for,
/// down to the absent fields. Values are combined with the machine's own operations, so the walk agrees with it.
struct EvidenceNeeds {
    let decision: Decision
    private let schema: EvidenceSchema
    private let record: EvidenceRecord
    private let counts: [Interval]
    private let level: Interval
    private let asOf: Double
    /// The folds we are inside, innermost last: the list and the element being looked at.
    private var elements: [(list: Int, element: Int)] = []

    private let previous: Interval

    /// `counts` are the decision's counts of criteria per severity, `previous` its previous level, as the machine had them.
    init(_ d: Decision, counts: [Interval], previous: Interval) {
        decision = d
        schema = d.policy.schema
        record = d.record
        self.counts = counts
        self.previous = previous
        level = d.levelRange
        asOf = d.record.scalars[d.policy.asOfSlot]
    }

    /// What could settle criterion `index` when it could not be assessed.
    mutating func criterion(_ index: Int) -> [String] {
        guard decision.criterionTruths[index] == .unknown else { return [] }
        return walk(decision.model.criteria[index].condition).needs
    }

    /// What could settle a trigger left unknown.
    mutating func trigger(_ index: Int) -> [String] {
        guard decision.triggerTruths[index] == .unknown else { return [] }
        return walk(decision.model.triggers[index].condition).needs
    }

    /// What could move the level: the evidence each level tried before the proven one needs.
    mutating func levels() -> [String] {
        guard let proven = decision.level else { return [] }
        var needs: [String] = []
        for level in decision.model.levels[..<proven] {
            guard let when = level.condition else { continue }
            let (value, wanted) = walk(when)
            if value.truth == .unknown { needs.append(contentsOf: wanted) }
        }
        return Self.unique(needs)
    }

    /// `paths` without repeats, first place kept.
    static func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    private func path(list: Int, offset: Int) -> String {
        let spec = schema.lists[schema.listOrder[list]]!
        return "\(spec.path)[].\(spec.elementFieldOrder[offset])"
    }

    /// The value of `e` and, when it is not settled, the evidence that could settle it.
    private mutating func walk(_ e: Condition) -> (value: Interval, needs: [String]) {
        switch e {
        case .constant(let v): return (Interval(exactly: v), [])
        case .text(let literal): return (Interval(exactly: -1 - Double(literal)), [])
        case .field(let slot, let boolean):
            let v = record.scalars[slot]
            guard v.isNaN else { return (Interval(exactly: v), []) }
            let path = schema.scalarOrder[slot]
            // The previous level is history with this policy, never evidence to gather.
            return (boolean ? .unknownTruth : .unknown, path == "previous.level" ? [] : [path])
        case .elementField(let depth, let offset, let boolean):
            let frame = elements[elements.count - 1 - depth]
            let stride = schema.lists[schema.listOrder[frame.list]]!.stride
            let v = record.lists[frame.list].values[frame.element * stride + offset]
            guard v.isNaN else { return (Interval(exactly: v), []) }
            return (boolean ? .unknownTruth : .unknown, [path(list: frame.list, offset: offset)])
        case .exists(let slot): return (record.scalars[slot].isNaN ? .false : .true, [])
        case .listExists(let list): return (record.lists[list].count >= 0 ? .true : .false, [])
        case .listCount(let list):
            let count = record.lists[list].count
            return count < 0
                ? (Interval(0, .infinity), [schema.listOrder[list]]) : (Interval(exactly: Double(count)), [])
        case .fold(let kind, let list, _, let condition):
            return fold(kind, list: list, condition: condition)
        case .not(let x):
            let (v, needs) = walk(x)
            return (Interval(1 - v.hi, 1 - v.lo), needs)
        case .and(let x, let y): return logic(.and, x, y)
        case .or(let x, let y): return logic(.or, x, y)
        case .compare(let op, let x, let y):
            let (a, needsA) = walk(x)
            let (b, needsB) = walk(y)
            let value =
                Condition.isTextComparison(op)
                ? textEqual(a, b, negated: op == .textNotEqual) : Machine.binary(op, a, b)
            return settled(value, needsA + needsB)
        case .isIn(let x, let items, let equalOp, _):
            let (a, needsA) = walk(x)
            var value = Interval.false
            var needs = needsA
            for item in items {
                let (b, needsB) = walk(item)
                needs += needsB
                let equal =
                    Condition.isTextComparison(equalOp) ? textEqual(a, b, negated: false) : Machine.binary(.equal, a, b)
                value = Machine.binary(.or, value, equal)
            }
            return settled(value, needs)
        case .arithmetic(let op, let x, let y):
            let (a, needsA) = walk(x)
            let (b, needsB) = walk(y)
            let value = Machine.binary(op, a, b)
            // A division by a value that is known to be zero can only be settled by correcting that value.
            if op == .divide, b == Interval(exactly: 0) {
                return (value, Self.unique(Self.fieldsRead(y, schema, lists: elements.map(\.list))))
            }
            return settled(value, needsA + needsB)
        case .negate(let x):
            let (v, needs) = walk(x)
            return (Interval(-v.hi, -v.lo), needs)
        case .daysSince(let x):
            let (v, needs) = walk(x)
            return settled(Interval(asOf - v.hi, asOf - v.lo), needs)
        case .monthsSince(let x):
            let (v, needs) = walk(x)
            guard v.isExact, Machine.isCalendarDay(v.lo), Machine.isCalendarDay(asOf) else {
                return (
                    .unknown,
                    needs.isEmpty ? Self.unique(Self.fieldsRead(x, schema, lists: elements.map(\.list))) : needs
                )
            }
            let months = Double(Day.monthsBetween(Int(v.lo), Int(asOf)))
            return (Interval(exactly: months), [])
        case .shift(let date, let amount, let months):
            let (d, needsD) = walk(date)
            let (n, needsN) = walk(amount)
            let value = Machine.binary(months ? .shiftMonths : .add, d, n)
            if !value.isExact, needsD.isEmpty, needsN.isEmpty {
                // Beyond the calendar: only other values of what it read could bring it back.
                let lists = elements.map(\.list)
                return (
                    value,
                    Self.unique(
                        Self.fieldsRead(date, schema, lists: lists) + Self.fieldsRead(amount, schema, lists: lists))
                )
            }
            return settled(value, needsD + needsN)
        case .criterion(let i):
            switch decision.criterionTruths[i] {
            case .true: return (.true, [])
            case .false: return (.false, [])
            case .unknown: return (.unknownTruth, walk(decision.model.criteria[i].condition).needs)
            }
        case .severityCount(let s):
            var needs: [String] = []
            for i in decision.criterionTruths.indices
            where decision.criterionTruths[i] == .unknown && decision.policy.criterionSeverity[i] == s {
                needs += walk(decision.model.criteria[i].condition).needs
            }
            return settled(counts[s], needs)
        case .previousLevel: return (previous, [])
        case .level:
            // With no level given, only the missing required evidence could give one.
            return settled(level, decision.level == nil ? decision.missingRequired : levels())
        }
    }

    /// A settled value asks for nothing; an unsettled one for what its parts ask for.
    private func settled(_ value: Interval, _ needs: [String]) -> (value: Interval, needs: [String]) {
        value.isExact ? (value, []) : (value, Self.unique(needs))
    }

    private mutating func logic(_ op: Instruction.Op, _ x: Condition, _ y: Condition)
        -> (value: Interval, needs: [String])
    {
        let (a, needsA) = walk(x)
        let (b, needsB) = walk(y)
        return settled(Machine.binary(op, a, b), needsA + needsB)
    }

    private mutating func fold(_ kind: FoldKind, list: Int, condition: Condition) -> (value: Interval, needs: [String])
    {
        let count = record.lists[list].count
        if count < 0 { return (kind == .count ? Interval(0, .infinity) : .unknownTruth, [schema.listOrder[list]]) }
        var accumulator: Interval = kind == .all ? .true : .false
        var needs: [String] = []
        for element in 0..<count {
            elements.append((list, element))
            let (v, wanted) = walk(condition)
            elements.removeLast()
            needs += wanted
            switch kind {
            case .any: accumulator = Interval(max(accumulator.lo, v.lo), max(accumulator.hi, v.hi))
            case .all: accumulator = Interval(min(accumulator.lo, v.lo), min(accumulator.hi, v.hi))
            case .count:
                if v.lo >= 1 { accumulator.lo += 1 }
                if v.hi >= 1 { accumulator.hi += 1 }
            }
        }
        return settled(accumulator, needs)
    }

    private func textEqual(_ a: Interval, _ b: Interval, negated: Bool) -> Interval {
        guard a.isExact, b.isExact else { return .unknownTruth }
        func text(_ v: Double) -> String {
            v < 0 ? decision.policy.textLiterals[Int(-1 - v)] : record.texts[Int(v)]
        }
        return (text(a.lo) == text(b.lo)) != negated ? .true : .false
    }

    /// Every evidence path an expression reads, whatever its value.
    static func fieldsRead(_ e: Condition, _ schema: EvidenceSchema, lists: [Int] = []) -> [String] {
        switch e {
        case .constant, .text, .criterion, .severityCount, .level, .previousLevel: return []
        case .field(let slot, _), .exists(let slot):
            return [schema.scalarOrder[slot]].filter { $0 != "previous.level" }
        case .listExists(let list), .listCount(let list): return [schema.listOrder[list]]
        case .elementField(let depth, let offset, _):
            let spec = schema.lists[schema.listOrder[lists[lists.count - 1 - depth]]]!
            return ["\(spec.path)[].\(spec.elementFieldOrder[offset])"]
        case .fold(_, let list, _, let condition):
            return [schema.listOrder[list]] + fieldsRead(condition, schema, lists: lists + [list])
        case .not(let x), .negate(let x), .daysSince(let x), .monthsSince(let x):
            return fieldsRead(x, schema, lists: lists)
        case .and(let x, let y), .or(let x, let y), .compare(_, let x, let y), .arithmetic(_, let x, let y),
            .shift(let x, let y, _):
            return fieldsRead(x, schema, lists: lists) + fieldsRead(y, schema, lists: lists)
        case .isIn(let x, let items, _, _):
            return fieldsRead(x, schema, lists: lists) + items.flatMap { fieldsRead($0, schema, lists: lists) }
        }
    }
}
