import QAFCheck
import QAFCompile
import QAFCore

/// The evidence that could still change an unknown answer, given what is known.
///
/// Worked out on demand for the criteria, levels and triggers a decision left unknown (never on the evaluation hot
/// path), by walking the checked condition: a part whose value is settled asks for nothing (in
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

    init(_ d: Decision) {
        decision = d
        schema = d.policy.schema
        record = d.record
        counts = Evaluator.severityCounts(
            d.criterionTruths, severities: d.policy.criterionSeverity, count: d.checked.severities.count)
        level = d.levelRange
        asOf = d.record.scalars[d.policy.asOfSlot]
    }

    /// What could settle criterion `index` when it could not be assessed.
    mutating func criterion(_ index: Int) -> [String] {
        guard decision.criterionTruths[index] == .unknown else { return [] }
        return walk(decision.checked.criteria[index].when).needs
    }

    /// What could settle a trigger left unknown.
    mutating func trigger(_ index: Int) -> [String] {
        guard decision.triggerTruths[index] == .unknown else { return [] }
        return walk(decision.checked.triggers[index].when).needs
    }

    /// What could move the level: the evidence each level tried before the proven one needs.
    mutating func levels() -> [String] {
        guard let proven = decision.level else { return [] }
        var needs: [String] = []
        for level in decision.checked.levels[..<proven] {
            guard let when = level.when else { continue }
            let (value, wanted) = walk(when)
            if value.truth == .unknown { needs.append(contentsOf: wanted) }
        }
        return unique(needs)
    }

    private func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    private func path(list: Int, offset: Int) -> String {
        let spec = schema.lists[schema.listOrder[list]]!
        return "\(spec.path)[].\(spec.elementFieldOrder[offset])"
    }

    private func isBoolean(_ kind: FieldKind?) -> Bool {
        if case .boolean? = kind { return true }
        return false
    }

    /// The value of `e` and, when it is not settled, the evidence that could settle it.
    private mutating func walk(_ e: TypedExpression) -> (value: Interval, needs: [String]) {
        switch e {
        case .constant(let v): return (Interval(exactly: v), [])
        case .text(let s):
            let literal = -1 - Double(decision.policy.textLiterals.firstIndex(of: s)!)
            return (Interval(exactly: literal), [])
        case .field(let slot):
            let v = record.scalars[slot]
            guard v.isNaN else { return (Interval(exactly: v), []) }
            let path = schema.scalarOrder[slot]
            // The previous level is history with this policy, never evidence to gather.
            return (
                isBoolean(schema.scalars[path]?.kind) ? .unknownTruth : .unknown, path == "previous.level" ? [] : [path]
            )
        case .elementField(let depth, let offset):
            let frame = elements[elements.count - 1 - depth]
            let stride = schema.lists[schema.listOrder[frame.list]]!.stride
            let v = record.lists[frame.list].values[frame.element * stride + offset]
            guard v.isNaN else { return (Interval(exactly: v), []) }
            let spec = schema.lists[schema.listOrder[frame.list]]!
            let kind = spec.elementFields[spec.elementFieldOrder[offset]]?.kind
            return (isBoolean(kind) ? .unknownTruth : .unknown, [path(list: frame.list, offset: offset)])
        case .exists(let slot): return (record.scalars[slot].isNaN ? .false : .true, [])
        case .listExists(let list): return (record.lists[list].count >= 0 ? .true : .false, [])
        case .fold(let kind, let list, _, let condition):
            return fold(kind, list: list, condition: condition)
        case .not(let x):
            let (v, needs) = walk(x)
            return (Interval(1 - v.hi, 1 - v.lo), needs)
        case .and(let x, let y): return logic(.and, x, y)
        case .or(let x, let y): return logic(.or, x, y)
        case .compare(let op, let x, let y, let type):
            let (a, needsA) = walk(x)
            let (b, needsB) = walk(y)
            let value: Interval
            if type == .text {
                value = textEqual(a, b, negated: op == .notEqual)
            } else {
                var ordinal = false
                if case .enumeration = type { ordinal = true }
                value = Machine.binary(Self.comparison(op, ordinal: ordinal), a, b)
            }
            return settled(value, needsA + needsB)
        case .isIn(let x, let items, let type):
            let (a, needsA) = walk(x)
            var value = Interval.false
            var needs = needsA
            for item in items {
                let (b, needsB) = walk(item)
                needs += needsB
                let equal = type == .text ? textEqual(a, b, negated: false) : Machine.binary(.equal, a, b)
                value = Machine.binary(.or, value, equal)
            }
            return settled(value, needs)
        case .arithmetic(let op, let x, let y):
            let (a, needsA) = walk(x)
            let (b, needsB) = walk(y)
            let code: Instruction.Op =
                op == .add ? .add : op == .subtract ? .subtract : op == .multiply ? .multiply : .divide
            let value = Machine.binary(code, a, b)
            // A division by a value that is known to be zero can only be settled by correcting that value.
            if op == .divide, b == Interval(exactly: 0) {
                return (value, unique(Self.fieldsRead(y, schema, lists: elements.map(\.list))))
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
                    .unknown, needs.isEmpty ? unique(Self.fieldsRead(x, schema, lists: elements.map(\.list))) : needs
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
                    unique(Self.fieldsRead(date, schema, lists: lists) + Self.fieldsRead(amount, schema, lists: lists))
                )
            }
            return settled(value, needsD + needsN)
        case .duration(let x, _): return walk(x)
        case .criterion(let i):
            switch decision.criterionTruths[i] {
            case .true: return (.true, [])
            case .false: return (.false, [])
            case .unknown: return (.unknownTruth, walk(decision.checked.criteria[i].when).needs)
            }
        case .severityCount(let s):
            var needs: [String] = []
            for i in decision.criterionTruths.indices
            where decision.criterionTruths[i] == .unknown && decision.policy.criterionSeverity[i] == s {
                needs += walk(decision.checked.criteria[i].when).needs
            }
            return settled(counts[s], needs)
        case .previousLevel:
            return (Evaluator.previousOrdinal(record, decision.policy), [])
        case .level:
            // With no level given, only the missing required evidence could give one.
            return settled(level, decision.level == nil ? decision.missingRequired : levels())
        }
    }

    /// A settled value asks for nothing; an unsettled one for what its parts ask for.
    private func settled(_ value: Interval, _ needs: [String]) -> (value: Interval, needs: [String]) {
        value.isExact ? (value, []) : (value, unique(needs))
    }

    private mutating func logic(_ op: Instruction.Op, _ x: TypedExpression, _ y: TypedExpression)
        -> (value: Interval, needs: [String])
    {
        let (a, needsA) = walk(x)
        let (b, needsB) = walk(y)
        return settled(Machine.binary(op, a, b), needsA + needsB)
    }

    private mutating func fold(_ kind: ListFold, list: Int, condition: TypedExpression?)
        -> (value: Interval, needs: [String])
    {
        let count = record.lists[list].count
        if count < 0 { return (kind == .count ? Interval(0, .infinity) : .unknownTruth, [schema.listOrder[list]]) }
        guard let condition else { return (Interval(exactly: Double(count)), []) }
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

    private static func comparison(_ op: ComparisonOperator, ordinal: Bool) -> Instruction.Op {
        switch (op, ordinal) {
        case (.equal, _): return .equal
        case (.notEqual, _): return .notEqual
        case (.less, false): return .less
        case (.lessOrEqual, false): return .lessOrEqual
        case (.greater, false): return .greater
        case (.greaterOrEqual, false): return .greaterOrEqual
        case (.less, true): return .enumLess
        case (.lessOrEqual, true): return .enumLessOrEqual
        case (.greater, true): return .enumGreater
        case (.greaterOrEqual, true): return .enumGreaterOrEqual
        }
    }

    /// Every evidence path an expression reads, whatever its value.
    static func fieldsRead(_ e: TypedExpression, _ schema: EvidenceSchema, lists: [Int] = []) -> [String] {
        switch e {
        case .constant, .text, .criterion, .severityCount, .level, .previousLevel: return []
        case .field(let slot), .exists(let slot): return [schema.scalarOrder[slot]].filter { $0 != "previous.level" }
        case .listExists(let list): return [schema.listOrder[list]]
        case .elementField(let depth, let offset):
            let spec = schema.lists[schema.listOrder[lists[lists.count - 1 - depth]]]!
            return ["\(spec.path)[].\(spec.elementFieldOrder[offset])"]
        case .fold(_, let list, _, let condition):
            return [schema.listOrder[list]] + (condition.map { fieldsRead($0, schema, lists: lists + [list]) } ?? [])
        case .not(let x), .negate(let x), .daysSince(let x), .monthsSince(let x), .duration(let x, _):
            return fieldsRead(x, schema, lists: lists)
        case .and(let x, let y), .or(let x, let y), .compare(_, let x, let y, _), .arithmetic(_, let x, let y),
            .shift(let x, let y, _):
            return fieldsRead(x, schema, lists: lists) + fieldsRead(y, schema, lists: lists)
        case .isIn(let x, let items, _):
            return fieldsRead(x, schema, lists: lists) + items.flatMap { fieldsRead($0, schema, lists: lists) }
        }
    }
}

extension Decision {
    /// The level as a range of ordinals (0 the fallback, most serious highest): from the proven level to the most
    /// serious one missing evidence could reach; unknown when no level is given.
    var levelRange: Interval {
        let top = checked.levels.count - 1
        return level.map { Interval(Double(top - $0), Double(top - (couldReach ?? $0))) } ?? .unknown
    }
}
