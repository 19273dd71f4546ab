import QAFCompile
import QAFCore

/// Runs compiled conditions over one evidence record. One machine per thread; its buffers are reused.
public final class Machine {
    private let stack: UnsafeMutablePointer<Interval>
    /// The lists being folded, innermost last. Raw storage and a local index rather than an array property:
    /// a class's array property pays an exclusivity check on every access, which dominated evaluation.
    private let frames: UnsafeMutablePointer<Frame>

    struct Frame {
        var list: Int
        var element: Int
        var count: Int
        var stride: Int
    }

    /// Sized for a policy's programs: an instruction pushes at most one value and a fold opens at most one frame,
    /// so no program can run past the end of either.
    public init(for policy: CompiledPolicy) {
        stack = .allocate(capacity: policy.machineStackDepth)
        frames = .allocate(capacity: policy.machineFoldDepth)
    }

    deinit {
        stack.deallocate()
        frames.deallocate()
    }

    /// What the conditions may read besides the evidence.
    public struct Context {
        public var criteria: UnsafeMutableBufferPointer<Truth>
        public var severityCounts: UnsafeBufferPointer<Interval>
        public var level: Interval
        public var asOf: Double
        /// The previous level's ordinal, or unknown when the evidence gives none that is a level of the policy.
        public var previousLevel: Interval = Interval(-.infinity, .infinity)
    }

    /// Runs `code` until `finish`, returning the value on top of the stack.
    ///
    /// Written as one flat loop over locals: no closures and no nested functions capturing the stack pointer,
    /// which would cost an exclusivity check per instruction.
    public func run(
        _ code: UnsafeBufferPointer<Instruction>, on record: borrowing EvidenceRecord, context: inout Context
    )
        -> Interval
    {
        let stack = self.stack
        let frames = self.frames
        let known = Interval(0, 0), truth = Interval(1, 1)
        let unknownValue = Interval(-.infinity, .infinity), unknownTruth = Interval(0, 1)
        var sp = 0
        var pc = 0
        var fp = 0
        while true {
            let instruction = code[pc]
            pc += 1
            switch instruction.op {
            case .constant:
                stack[sp] = Interval(instruction.value, instruction.value)
                sp += 1
            case .loadNumber:
                let v = record.scalars[Int(instruction.a)]
                stack[sp] = v.isNaN ? unknownValue : Interval(v, v)
                sp += 1
            case .loadBoolean:
                let v = record.scalars[Int(instruction.a)]
                stack[sp] = v.isNaN ? unknownTruth : Interval(v, v)
                sp += 1
            case .loadElement, .loadElementBoolean:
                let frame = frames[fp - 1 - Int(instruction.a)]
                let v = record.lists[frame.list].values[frame.element * frame.stride + Int(instruction.b)]
                if v.isNaN {
                    stack[sp] = instruction.op == .loadElementBoolean ? unknownTruth : unknownValue
                } else {
                    stack[sp] = Interval(v, v)
                }
                sp += 1
            case .exists:
                stack[sp] = record.scalars[Int(instruction.a)].isNaN ? known : truth
                sp += 1
            case .listExists:
                stack[sp] = record.lists[Int(instruction.a)].count >= 0 ? truth : known
                sp += 1
            case .listCount:
                let count = record.lists[Int(instruction.a)].count
                stack[sp] = count < 0 ? Interval(0, .infinity) : Interval(Double(count), Double(count))
                sp += 1
            case .foldBegin:
                let list = Int(instruction.a)
                let count = record.lists[list].count
                if count <= 0 {
                    switch (instruction.fold, count < 0) {
                    case (.count, true): stack[sp] = Interval(0, .infinity)
                    case (_, true): stack[sp] = unknownTruth
                    case (.any, false): stack[sp] = known
                    case (.all, false): stack[sp] = truth
                    case (.count, false): stack[sp] = known
                    }
                    sp += 1
                    pc = Int(instruction.b)
                } else {
                    stack[sp] = instruction.fold == .all ? truth : known
                    sp += 1
                    frames[fp] = Frame(list: list, element: 0, count: count, stride: Int(instruction.c))
                    fp += 1
                }
            case .foldStep:
                sp -= 1
                let condition = stack[sp]
                var accumulator = stack[sp - 1]
                switch instruction.fold {
                case .any: accumulator = Interval(max(accumulator.lo, condition.lo), max(accumulator.hi, condition.hi))
                case .all: accumulator = Interval(min(accumulator.lo, condition.lo), min(accumulator.hi, condition.hi))
                case .count:
                    if condition.lo >= 1 { accumulator.lo += 1 }
                    if condition.hi >= 1 { accumulator.hi += 1 }
                }
                stack[sp - 1] = accumulator
                frames[fp - 1].element += 1
                if frames[fp - 1].element < frames[fp - 1].count {
                    pc = Int(instruction.b)
                } else {
                    fp -= 1
                }
            case .not:
                let x = stack[sp - 1]
                stack[sp - 1] = Interval(1 - x.hi, 1 - x.lo)
            case .negate:
                let x = stack[sp - 1]
                stack[sp - 1] = Interval(-x.hi, -x.lo)
            case .daysSince:
                let x = stack[sp - 1]
                stack[sp - 1] = Interval(context.asOf - x.hi, context.asOf - x.lo)
            case .monthsSince:
                let x = stack[sp - 1]
                if x.isExact, !context.asOf.isNaN {
                    let months = Double(Day.monthsBetween(Int(x.lo), Int(context.asOf)))
                    stack[sp - 1] = Interval(months, months)
                } else {
                    stack[sp - 1] = unknownValue
                }
            case .criterion:
                switch context.criteria[Int(instruction.a)] {
                case .true: stack[sp] = truth
                case .false: stack[sp] = known
                case .unknown: stack[sp] = unknownTruth
                }
                sp += 1
            case .severityCount:
                stack[sp] = context.severityCounts[Int(instruction.a)]
                sp += 1
            case .level:
                stack[sp] = context.level
                sp += 1
            case .previousLevel:
                stack[sp] = context.previousLevel
                sp += 1
            case .store:
                sp -= 1
                context.criteria[Int(instruction.a)] = stack[sp].truth
            case .compareField:
                let v = record.scalars[Int(instruction.a)]
                let x = v.isNaN ? unknownValue : Interval(v, v)
                stack[sp] = Self.compare(instruction.c, x, Interval(instruction.value, instruction.value))
                sp += 1
            case .compareElement:
                let frame = frames[fp - 1 - Int(instruction.a)]
                let v = record.lists[frame.list].values[frame.element * frame.stride + Int(instruction.b)]
                let x = v.isNaN ? unknownValue : Interval(v, v)
                stack[sp] = Self.compare(instruction.c, x, Interval(instruction.value, instruction.value))
                sp += 1
            case .fieldIn:
                let v = record.scalars[Int(instruction.a)]
                stack[sp] =
                    v.isNaN
                    ? unknownTruth : (Instruction.memberBit(v) & instruction.value.bitPattern != 0 ? truth : known)
                sp += 1
            case .elementIn:
                let frame = frames[fp - 1 - Int(instruction.a)]
                let v = record.lists[frame.list].values[frame.element * frame.stride + Int(instruction.b)]
                stack[sp] =
                    v.isNaN
                    ? unknownTruth : (Instruction.memberBit(v) & instruction.value.bitPattern != 0 ? truth : known)
                sp += 1
            case .skipIfFalse:
                if stack[sp - 1].hi <= 0 { pc = Int(instruction.b) }
            case .skipIfTrue:
                if stack[sp - 1].lo >= 1 { pc = Int(instruction.b) }
            case .finish:
                return sp > 0 ? stack[sp - 1] : unknownValue
            default:
                // Every remaining operation takes two operands and leaves one result.
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                stack[sp - 1] = Self.binary(instruction.op, x, y)
            }
        }
    }

    /// A fused comparison; `op` is the raw value of the comparison's operation, set by the compiler.
    @inline(__always)
    static func compare(_ op: Int32, _ x: Interval, _ y: Interval) -> Interval {
        switch UInt8(truncatingIfNeeded: op) {
        case Instruction.Op.equal.rawValue: return equal(x, y)
        case Instruction.Op.notEqual.rawValue:
            let e = equal(x, y)
            return Interval(1 - e.hi, 1 - e.lo)
        case Instruction.Op.less.rawValue: return less(x, y, orEqual: false)
        case Instruction.Op.lessOrEqual.rawValue: return less(x, y, orEqual: true)
        case Instruction.Op.greater.rawValue: return less(y, x, orEqual: false)
        case Instruction.Op.greaterOrEqual.rawValue: return less(y, x, orEqual: true)
        default: return enumOrder(Instruction.Op(rawValue: UInt8(truncatingIfNeeded: op))!, x, y)
        }
    }

    @inline(__always)
    static func binary(_ op: Instruction.Op, _ x: Interval, _ y: Interval) -> Interval {
        switch op {
        case .and: return Interval(min(x.lo, y.lo), min(x.hi, y.hi))
        case .or: return Interval(max(x.lo, y.lo), max(x.hi, y.hi))
        case .equal: return equal(x, y)
        case .notEqual:
            let e = equal(x, y)
            return Interval(1 - e.hi, 1 - e.lo)
        case .less: return less(x, y, orEqual: false)
        case .lessOrEqual: return less(x, y, orEqual: true)
        case .greater: return less(y, x, orEqual: false)
        case .greaterOrEqual: return less(y, x, orEqual: true)
        case .enumLess, .enumLessOrEqual, .enumGreater, .enumGreaterOrEqual: return enumOrder(op, x, y)
        case .add: return Interval(x.lo + y.lo, x.hi + y.hi)
        case .subtract: return Interval(x.lo - y.hi, x.hi - y.lo)
        case .multiply: return hull(x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi)
        case .divide:
            // Dividing by a range that holds zero says nothing.
            if y.lo <= 0 && y.hi >= 0 { return Interval(-.infinity, .infinity) }
            return hull(x.lo / y.lo, x.lo / y.hi, x.hi / y.lo, x.hi / y.hi)
        case .shiftMonths:
            guard x.isExact, y.isExact else { return Interval(-.infinity, .infinity) }
            let day = Double(Day.adding(months: Int(y.lo), to: Int(x.lo)))
            return Interval(day, day)
        default:
            preconditionFailure("\(op) is not a binary operation")
        }
    }

    @inline(__always)
    static func hull(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Interval {
        Interval(min(min(a, b), min(c, d)), max(max(a, b), max(c, d)))
    }

    @inline(__always)
    static func equal(_ x: Interval, _ y: Interval) -> Interval {
        if x.isExact, y.isExact { return x.lo == y.lo ? Interval(1, 1) : Interval(0, 0) }
        if x.hi < y.lo || y.hi < x.lo { return Interval(0, 0) }
        return Interval(0, 1)
    }

    /// x < y (or ≤): true when every value x may have is below every value y may have.
    @inline(__always)
    static func less(_ x: Interval, _ y: Interval, orEqual: Bool) -> Interval {
        if orEqual {
            if x.hi <= y.lo { return Interval(1, 1) }
            if x.lo > y.hi { return Interval(0, 0) }
        } else {
            if x.hi < y.lo { return Interval(1, 1) }
            if x.lo >= y.hi { return Interval(0, 0) }
        }
        return Interval(0, 1)
    }

    /// Ordered comparison of enum ordinals; an unordered member (not_rated) is neither better nor worse.
    @inline(__always)
    static func enumOrder(_ op: Instruction.Op, _ x: Interval, _ y: Interval) -> Interval {
        let base = Double(EnumType.unorderedBase)
        if (x.isExact && x.lo >= base) || (y.isExact && y.lo >= base) { return Interval(0, 0) }
        let result: Interval
        switch op {
        case .enumLess: result = less(x, y, orEqual: false)
        case .enumLessOrEqual: result = less(x, y, orEqual: true)
        case .enumGreater: result = less(y, x, orEqual: false)
        default: result = less(y, x, orEqual: true)
        }
        // An unknown side could turn out to be an unordered member, which makes the comparison false.
        if result.lo >= 1, !(x.isExact && y.isExact) { return Interval(0, 1) }
        return result
    }
}
