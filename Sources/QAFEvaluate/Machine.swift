import QAFCompile
import QAFCore

/// Runs compiled conditions over one evidence record. One machine per thread; its buffers are reused.
public final class Machine {
    private var stack: UnsafeMutablePointer<Interval>
    private let capacity = 256
    private var frames: [(list: Int, element: Int, count: Int, stride: Int)] = []

    public init() {
        stack = .allocate(capacity: capacity)
        frames.reserveCapacity(8)
    }

    deinit { stack.deallocate() }

    /// What the conditions may read besides the evidence.
    public struct Context {
        public var criteria: UnsafeMutableBufferPointer<Truth>
        public var severityCounts: UnsafeBufferPointer<Interval>
        public var level: Interval
        public var asOf: Double
    }

    @inline(__always)
    private static func truth(_ condition: Bool) -> Interval { condition ? .true : .false }

    /// Runs `code` from `start` until `finish`, returning the value on top of the stack.
    public func run(
        _ code: UnsafeBufferPointer<Instruction>, on record: borrowing EvidenceRecord, context: inout Context
    )
        -> Interval
    {
        var sp = 0
        var pc = 0
        let stack = self.stack
        @inline(__always) func push(_ v: Interval) {
            stack[sp] = v
            sp += 1
        }
        @inline(__always) func pop() -> Interval {
            sp -= 1
            return stack[sp]
        }
        return record.scalars.withUnsafeBufferPointer { scalars in
            while true {
                let instruction = code[pc]
                pc += 1
                switch instruction.op {
                case .constant:
                    push(Interval(exactly: instruction.value))
                case .loadNumber:
                    let v = scalars[Int(instruction.a)]
                    push(v.isNaN ? .unknown : Interval(exactly: v))
                case .loadBoolean:
                    let v = scalars[Int(instruction.a)]
                    push(v.isNaN ? .unknownTruth : Interval(exactly: v))
                case .loadElement, .loadElementBoolean:
                    let frame = frames[frames.count - 1 - Int(instruction.a)]
                    let v = record.lists[frame.list].values[frame.element * frame.stride + Int(instruction.b)]
                    if v.isNaN {
                        push(instruction.op == .loadElementBoolean ? .unknownTruth : .unknown)
                    } else {
                        push(Interval(exactly: v))
                    }
                case .exists:
                    push(Self.truth(!scalars[Int(instruction.a)].isNaN))
                case .listExists:
                    push(Self.truth(record.lists[Int(instruction.a)].count >= 0))
                case .listCount:
                    let count = record.lists[Int(instruction.a)].count
                    push(count < 0 ? Interval(0, .infinity) : Interval(exactly: Double(count)))
                case .foldBegin:
                    let list = Int(instruction.a)
                    let count = record.lists[list].count
                    if count <= 0 {
                        switch (instruction.fold, count < 0) {
                        case (.count, true): push(Interval(0, .infinity))
                        case (_, true): push(.unknownTruth)
                        case (.any, false): push(.false)
                        case (.all, false): push(.true)
                        case (.count, false): push(Interval(exactly: 0))
                        }
                        pc = Int(instruction.b)
                    } else {
                        push(
                            instruction.fold == .any ? .false : instruction.fold == .all ? .true : Interval(exactly: 0))
                        frames.append((list, 0, count, Int(instruction.c)))
                    }
                case .foldStep:
                    let condition = pop()
                    var accumulator = stack[sp - 1]
                    switch instruction.fold {
                    case .any:
                        accumulator = Interval(max(accumulator.lo, condition.lo), max(accumulator.hi, condition.hi))
                    case .all:
                        accumulator = Interval(min(accumulator.lo, condition.lo), min(accumulator.hi, condition.hi))
                    case .count:
                        if condition.lo >= 1 { accumulator.lo += 1 }
                        if condition.hi >= 1 { accumulator.hi += 1 }
                    }
                    stack[sp - 1] = accumulator
                    let top = frames.count - 1
                    frames[top].element += 1
                    if frames[top].element < frames[top].count {
                        pc = Int(instruction.b)
                    } else {
                        frames.removeLast()
                    }
                case .not:
                    let x = pop()
                    push(Interval(1 - x.hi, 1 - x.lo))
                case .and:
                    let y = pop(), x = pop()
                    push(Interval(min(x.lo, y.lo), min(x.hi, y.hi)))
                case .or:
                    let y = pop(), x = pop()
                    push(Interval(max(x.lo, y.lo), max(x.hi, y.hi)))
                case .equal:
                    let y = pop(), x = pop()
                    push(Self.equal(x, y))
                case .notEqual:
                    let y = pop(), x = pop()
                    let e = Self.equal(x, y)
                    push(Interval(1 - e.hi, 1 - e.lo))
                case .less:
                    let y = pop(), x = pop()
                    push(Self.less(x, y, orEqual: false))
                case .lessOrEqual:
                    let y = pop(), x = pop()
                    push(Self.less(x, y, orEqual: true))
                case .greater:
                    let y = pop(), x = pop()
                    push(Self.less(y, x, orEqual: false))
                case .greaterOrEqual:
                    let y = pop(), x = pop()
                    push(Self.less(y, x, orEqual: true))
                case .enumLess, .enumLessOrEqual, .enumGreater, .enumGreaterOrEqual:
                    let y = pop(), x = pop()
                    push(Self.enumOrder(instruction.op, x, y))
                case .add:
                    let y = pop(), x = pop()
                    push(Interval(x.lo + y.lo, x.hi + y.hi))
                case .subtract:
                    let y = pop(), x = pop()
                    push(Interval(x.lo - y.hi, x.hi - y.lo))
                case .multiply:
                    let y = pop(), x = pop()
                    push(Self.hull(x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi))
                case .divide:
                    let y = pop(), x = pop()
                    if y.lo <= 0 && y.hi >= 0 {
                        push(.unknown)  // dividing by a range that holds zero says nothing
                    } else {
                        push(Self.hull(x.lo / y.lo, x.lo / y.hi, x.hi / y.lo, x.hi / y.hi))
                    }
                case .negate:
                    let x = pop()
                    push(Interval(-x.hi, -x.lo))
                case .daysSince:
                    let x = pop()
                    push(Interval(context.asOf - x.hi, context.asOf - x.lo))
                case .monthsSince:
                    let x = pop()
                    if x.isExact {
                        push(Interval(exactly: Double(Day.monthsBetween(Int(x.lo), Int(context.asOf)))))
                    } else {
                        push(.unknown)
                    }
                case .shiftMonths:
                    let months = pop(), date = pop()
                    if date.isExact, months.isExact {
                        push(Interval(exactly: Double(Day.adding(months: Int(months.lo), to: Int(date.lo)))))
                    } else {
                        push(.unknown)
                    }
                case .criterion:
                    switch context.criteria[Int(instruction.a)] {
                    case .true: push(.true)
                    case .false: push(.false)
                    case .unknown: push(.unknownTruth)
                    }
                case .severityCount:
                    push(context.severityCounts[Int(instruction.a)])
                case .level:
                    push(context.level)
                case .store:
                    context.criteria[Int(instruction.a)] = pop().truth
                case .finish:
                    return sp > 0 ? stack[sp - 1] : .unknown
                }
            }
        }
    }

    @inline(__always)
    static func hull(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Interval {
        Interval(min(min(a, b), min(c, d)), max(max(a, b), max(c, d)))
    }

    @inline(__always)
    static func equal(_ x: Interval, _ y: Interval) -> Interval {
        if x.isExact, y.isExact { return x.lo == y.lo ? .true : .false }
        if x.hi < y.lo || y.hi < x.lo { return .false }
        return .unknownTruth
    }

    /// x < y (or ≤): true when every value x may have is below every value y may have.
    @inline(__always)
    static func less(_ x: Interval, _ y: Interval, orEqual: Bool) -> Interval {
        if orEqual {
            if x.hi <= y.lo { return .true }
            if x.lo > y.hi { return .false }
        } else {
            if x.hi < y.lo { return .true }
            if x.lo >= y.hi { return .false }
        }
        return .unknownTruth
    }

    /// Ordered comparison of enum ordinals; an unordered member (not_rated) is neither better nor worse.
    @inline(__always)
    static func enumOrder(_ op: Instruction.Op, _ x: Interval, _ y: Interval) -> Interval {
        let base = Double(EnumType.unorderedBase)
        if (x.isExact && x.lo >= base) || (y.isExact && y.lo >= base) { return .false }
        let result: Interval
        switch op {
        case .enumLess: result = less(x, y, orEqual: false)
        case .enumLessOrEqual: result = less(x, y, orEqual: true)
        case .enumGreater: result = less(y, x, orEqual: false)
        default: result = less(y, x, orEqual: true)
        }
        // An unknown side could turn out to be an unordered member, which makes the comparison false.
        if result == .true, !(x.isExact && y.isExact) { return .unknownTruth }
        return result
    }
}
