import QAFCompile
import QAFCore

/// Runs compiled conditions over one evidence record. One machine per thread; its buffers are reused.
///
/// Internal to this module: it trusts its programs, and only the evaluator hands it programs compiled for the
/// policy it was sized for.
final class Machine {
    /// The value stack, `stackCapacity` long. Raw storage and a local index rather than an array property:
    /// a class's array property pays an exclusivity check on every access, which dominated evaluation.
    private let stack: UnsafeMutablePointer<Interval>
    /// The lists being folded, innermost last, `frameCapacity` long.
    private let frames: UnsafeMutablePointer<Frame>
    private let stackCapacity: Int
    private let frameCapacity: Int
    /// The policy's text literals, which `textConstant` pushes as -1 - index.
    private let literals: [String]

    struct Frame {
        var list: Int
        var element: Int
        var count: Int
        var stride: Int
    }

    /// Sized for a policy's programs: the largest `Program.stackDepth` and `frameDepth` among them, so none of them
    /// can run past the end of either.
    init(for policy: CompiledPolicy) {
        stackCapacity = policy.machineStackDepth
        frameCapacity = policy.machineFoldDepth
        stack = .allocate(capacity: stackCapacity)
        frames = .allocate(capacity: frameCapacity)
        literals = policy.textLiterals
    }

    /// True when a program of the policy this machine was sized for fits it.
    func fits(_ program: Program) -> Bool {
        program.stackDepth <= stackCapacity && program.frameDepth <= frameCapacity
    }

    deinit {
        stack.deallocate()
        frames.deallocate()
    }

    /// What the conditions may read besides the evidence.
    struct Context {
        var criteria: UnsafeMutableBufferPointer<Truth>
        var severityCounts: UnsafeBufferPointer<Interval>
        var level: Interval
        var asOf: Double
        /// The previous level's ordinal, or unknown when the evidence gives none that is a level of the policy.
        var previousLevel: Interval = Interval(-.infinity, .infinity)
    }

    /// Runs `code` until `finish`, returning the value on top of the stack.
    ///
    /// Written as one flat loop over locals: no closures and no nested functions capturing the stack pointer,
    /// which would cost an exclusivity check per instruction.
    /// `code` is a `Program`'s instructions (copied by the evaluator into storage of its own) that `fits` this
    /// machine. Every `stack[sp]` write below is in bounds because `sp` never exceeds that program's `stackDepth`
    /// (each pushing instruction is counted once and a fold's body pops what it pushed before jumping back); every
    /// `stack[sp - 1]` read is in bounds because an instruction that reads the top only follows one that pushed.
    /// `frames[fp]` is in bounds because `fp` never exceeds the number of `foldBegin`s, the program's `frameDepth`;
    /// `frames[fp - 1 - a]` because the compiler only emits element loads of depth `a` inside `a + 1` open folds.
    /// Debug builds check both on every step.
    @inline(never)
    func run(_ code: UnsafeBufferPointer<Instruction>, on record: borrowing EvidenceRecord, context: inout Context)
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
            assert(pc >= 0 && pc < code.count, "program counter out of the program")
            assert(sp >= 0 && sp < stackCapacity, "stack pointer out of the stack")
            assert(fp >= 0 && fp < frameCapacity, "frame pointer out of the frames")
            let instruction = code[pc]
            pc += 1
            switch instruction.op {
            case .constant:
                stack[sp] = Interval(instruction.value, instruction.value)
                sp += 1
            case .textConstant:
                let literal = -1 - Double(instruction.a)
                stack[sp] = Interval(literal, literal)
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
                if x.isExact, !context.asOf.isNaN, Self.isCalendarDay(x.lo), Self.isCalendarDay(context.asOf) {
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
            case .textEqual, .textNotEqual:
                sp -= 1
                stack[sp - 1] = textCompare(stack[sp - 1], stack[sp], equal: instruction.op == .textEqual, record)
            case .finish:
                assert(sp <= 1, "a program leaves at most its result")
                return sp > 0 ? stack[sp - 1] : unknownValue
            case .and:
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                stack[sp - 1] = Interval(min(x.lo, y.lo), min(x.hi, y.hi))
            case .or:
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                stack[sp - 1] = Interval(max(x.lo, y.lo), max(x.hi, y.hi))
            case .add:
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                stack[sp - 1] = Self.settled(Interval(x.lo + y.lo, x.hi + y.hi))
            case .subtract:
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                stack[sp - 1] = Self.settled(Interval(x.lo - y.hi, x.hi - y.lo))
            case .multiply:
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                let p = x.lo * y.lo
                // Two known numbers: their product (unless it is ∞ × 0); otherwise the product of ranges.
                stack[sp - 1] = x.isExact && y.isExact && !p.isNaN ? Interval(p, p) : Self.arithmetic(.multiply, x, y)
            default:
                // Every remaining operation takes two operands and leaves one result.
                sp -= 1
                let y = stack[sp], x = stack[sp - 1]
                stack[sp - 1] = Self.binary(instruction.op, x, y)
            }
        }
    }

    /// Whether two texts are (`equal`) or are not the same; unknown when either is absent. A text on the stack is
    /// a record text (0, 1, …) or a policy literal (-1, -2, …). Kept out of the loop: string work there would
    /// cost every other instruction registers.
    @inline(never)
    private func textCompare(_ x: Interval, _ y: Interval, equal: Bool, _ record: borrowing EvidenceRecord)
        -> Interval
    {
        guard x.isExact, y.isExact else { return Interval(0, 1) }
        func text(_ v: Double) -> String { v < 0 ? literals[Int(-1 - v)] : record.texts[Int(v)] }
        return (text(x.lo) == text(y.lo)) == equal ? Interval(1, 1) : Interval(0, 0)
    }

    /// Dates a calendar can name: ±1,000,000 years from 1970 (beyond them, months and shifts are unknown).
    @inline(__always)
    static func isCalendarDay(_ v: Double) -> Bool { abs(v) <= 365_242_500 }

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
        case .add, .subtract, .multiply, .divide, .shiftMonths: return arithmetic(op, x, y)
        default:
            preconditionFailure("\(op) is not a binary operation")
        }
    }

    /// Arithmetic on ranges; out of line, as it is rare and would otherwise crowd the loop.
    @inline(never)
    static func arithmetic(_ op: Instruction.Op, _ x: Interval, _ y: Interval) -> Interval {
        switch op {
        case .add: return settled(Interval(x.lo + y.lo, x.hi + y.hi))
        case .subtract: return settled(Interval(x.lo - y.hi, x.hi - y.lo))
        case .multiply: return product(x, y)
        case .divide:
            // Dividing by a range that holds zero (or by zero itself) says nothing.
            if y.lo <= 0 && y.hi >= 0 { return Interval(-.infinity, .infinity) }
            return quotient(x, y)
        case .shiftMonths:
            guard x.isExact, y.isExact, isCalendarDay(x.lo), abs(y.lo) <= 12_000_000 else {
                return Interval(-.infinity, .infinity)
            }
            let day = Double(Day.adding(months: Int(y.lo), to: Int(x.lo)))
            return Interval(day, day)
        default:
            preconditionFailure("\(op) is not a binary operation")
        }
    }

    /// The range of `x × y`: a side that could be anything makes the product anything (even times zero); otherwise
    /// the hull of the corner products, where zero times an unbounded end is zero (the end is never reached).
    @inline(__always)
    static func product(_ x: Interval, _ y: Interval) -> Interval {
        if (x.lo == -.infinity && x.hi == .infinity) || (y.lo == -.infinity && y.hi == .infinity) {
            return Interval(-.infinity, .infinity)
        }
        @inline(__always) func times(_ a: Double, _ b: Double) -> Double { a == 0 || b == 0 ? 0 : a * b }
        let a = times(x.lo, y.lo), b = times(x.lo, y.hi), c = times(x.hi, y.lo), d = times(x.hi, y.hi)
        return settled(Interval(min(min(a, b), min(c, d)), max(max(a, b), max(c, d))))
    }

    /// The range of `x ÷ y` for a divisor range without zero: the hull of the corner quotients; a corner of two
    /// unbounded ends (∞ ÷ ∞) is a limit the other corners already bound, so it is left out.
    static func quotient(_ x: Interval, _ y: Interval) -> Interval {
        if x.lo == -.infinity && x.hi == .infinity { return x }
        var lo = Double.infinity, hi = -Double.infinity
        func corner(_ q: Double) {
            if !q.isNaN {
                lo = min(lo, q)
                hi = max(hi, q)
            }
        }
        corner(x.lo / y.lo)
        corner(x.lo / y.hi)
        corner(x.hi / y.lo)
        corner(x.hi / y.hi)
        return lo <= hi ? Interval(lo, hi) : Interval(-.infinity, .infinity)
    }

    /// An overflow to ∞ − ∞ leaves nothing known.
    @inline(__always)
    static func settled(_ v: Interval) -> Interval {
        v.lo.isNaN || v.hi.isNaN ? Interval(-.infinity, .infinity) : v
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
