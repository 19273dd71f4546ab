import QAFCore

/// One step of a compiled condition. Conditions run on a small stack of intervals (see `Interval`).
///
/// The machine that runs instructions trusts them (slots, jump targets, stack effects), so only the compiler makes
/// or changes them (the initialiser and setters are internal to this module), and only as `Program`s, which other
/// modules of this package reach through their compiled policy. The type and its fields are public to read only:
/// package-level access would cost the machine a call per field read, as the optimiser inlines across modules only
/// what is public.
public struct Instruction: Sendable {
    public enum Op: UInt8, Sendable {
        case constant  // push [value, value]
        case textConstant  // push text literal `a` of the policy (as -1 - a, beside the record's texts 0, 1, …)
        case loadNumber  // push scalar `a` (number, date, enum ordinal); absent → unknown
        case loadBoolean  // push scalar `a` as true/false; absent → unknown
        case loadElement  // push field `b` of the current element of fold frame `a` (0 innermost); absent → unknown
        case loadElementBoolean
        case exists  // push whether scalar `a` is present
        case listExists  // push whether list `a` is present
        case listCount  // push the length of list `a`; absent → unknown
        case foldBegin  // start folding list `a` (kind `fold`, stride `c`); empty or absent: push result, jump to `b`
        case foldStep  // fold the condition into the accumulator; next element: jump to `b`
        case not, and, or
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case textEqual, textNotEqual  // compare the texts two values point at; unknown when either is absent
        case enumLess, enumLessOrEqual, enumGreater, enumGreaterOrEqual
        case add, subtract, multiply, divide, negate
        case daysSince, monthsSince, shiftMonths
        case criterion  // push the result of criterion `a`
        case severityCount  // push the count of fired criteria of severity `a`
        case level  // push the decided level
        case previousLevel  // push the level the evidence names as previous
        case store  // pop into criterion result `a`
        // Superinstructions: the commonest shapes fused into one dispatch.
        case compareField  // push (scalar `a` <op `c`> value); absent → unknown
        case compareElement  // push (field `b` of fold frame `a` <op `c`> value); absent → unknown
        case fieldIn  // push whether enum scalar `a` is one of the members in the bit mask `value`; absent → unknown
        case elementIn  // the same for field `b` of fold frame `a`
        // Kleene short cuts: false and anything is false, true or anything is true, so the right side is skipped.
        case skipIfFalse  // top is false: jump to `b`, keeping it
        case skipIfTrue  // top is true: jump to `b`, keeping it
        case finish  // stop; the result is the top of the stack
    }

    public internal(set) var op: Op
    public internal(set) var a: Int32
    public internal(set) var b: Int32
    public internal(set) var c: Int32
    public internal(set) var fold: FoldKind
    public internal(set) var value: Double

    init(_ op: Op, a: Int = 0, b: Int = 0, c: Int = 0, fold: FoldKind = .count, value: Double = 0) {
        self.op = op
        self.a = Int32(a)
        self.b = Int32(b)
        self.c = Int32(c)
        self.fold = fold
        self.value = value
    }
}

extension Instruction {
    /// The bit of an enum ordinal in a membership mask: ordered members from bit 0, unordered ones from bit 32.
    @inlinable public static func memberBit(_ ordinal: Double) -> UInt64 {
        let n = Int(ordinal)
        let bit = n >= EnumType.unorderedBase ? 32 + (n - EnumType.unorderedBase) : n
        return bit >= 0 && bit < 64 ? 1 << UInt64(bit) : 0
    }
}

public enum FoldKind: UInt8, Sendable { case any, all, count }

/// A compiled condition: instructions ending in `finish`, and the stack and fold-frame depth running them needs.
/// Only the compiler makes one (the initialiser is internal to this module), for one policy.
package struct Program: Sendable {
    package let code: [Instruction]
    /// At most one value is pushed per pushing instruction (jumps only go forward, except a fold's step back to its
    /// body, which pops what the body pushed), so the stack never holds more than this many values.
    package let stackDepth: Int
    /// At most one frame is open per `foldBegin`.
    package let frameDepth: Int

    init(_ code: [Instruction]) {
        precondition(code.last?.op == .finish, "a program ends in finish")
        self.code = code
        stackDepth = code.filter(\.pushes).count + 1
        frameDepth = code.filter { $0.op == .foldBegin }.count + 1
    }
}

extension Instruction {
    /// True when the instruction pushes a value (every other one pops or leaves the depth as it is). Every
    /// operation is listed, with no default, so a new one cannot be left out of the stack bound by accident.
    var pushes: Bool {
        switch op {
        case .constant, .textConstant, .loadNumber, .loadBoolean, .loadElement, .loadElementBoolean, .exists,
            .listExists, .listCount, .foldBegin, .criterion, .severityCount, .level, .previousLevel, .compareField,
            .compareElement, .fieldIn, .elementIn:
            return true
        case .foldStep, .not, .and, .or, .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .textEqual,
            .textNotEqual, .enumLess, .enumLessOrEqual, .enumGreater, .enumGreaterOrEqual, .add, .subtract, .multiply,
            .divide, .negate, .daysSince, .monthsSince, .shiftMonths, .store, .skipIfFalse, .skipIfTrue, .finish:
            return false
        }
    }
}
