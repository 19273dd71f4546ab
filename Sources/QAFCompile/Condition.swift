import QAFCore

/// A condition as the compiled policy keeps it beside its flat program: names resolved to slots, types to the
/// machine's own operations, text literals to their numbers. The machine runs the program; the evaluator walks this
/// tree to say what evidence an unknown answer needs, combining values with the same operations.
package indirect enum Condition: Sendable {
    case constant(Double)
    /// Text literal `literal` of the policy (`CompiledPolicy.textLiterals`).
    case text(literal: Int)
    /// A scalar field of the evidence; absent is unknown (`boolean` says it reads as true/false).
    case field(slot: Int, boolean: Bool)
    /// A field of the current element of an enclosing fold; `depth` 0 is the innermost.
    case elementField(depth: Int, offset: Int, boolean: Bool)
    case exists(slot: Int)
    case listExists(list: Int)
    /// The length of a list; absent is unknown.
    case listCount(list: Int)
    case fold(FoldKind, list: Int, stride: Int, condition: Condition)
    case not(Condition)
    case and(Condition, Condition)
    case or(Condition, Condition)
    /// A comparison by one of the machine's operations: `equal` … `greaterOrEqual`, their enum-order forms (an
    /// unordered member is neither better nor worse), or `textEqual` / `textNotEqual`.
    case compare(Instruction.Op, Condition, Condition)
    /// `add`, `subtract`, `multiply` or `divide`.
    case arithmetic(Instruction.Op, Condition, Condition)
    case negate(Condition)
    /// Membership, each item tested with `equal` (`equal` or `textEqual`); `mask` holds the items' bits when they
    /// are members of a small enum, so a field can be tested in one step (`Instruction.memberBit`).
    case isIn(Condition, [Condition], equal: Instruction.Op, mask: UInt64?)
    case daysSince(Condition)
    case monthsSince(Condition)
    /// A date moved by a number of months (or days, when `months` is false).
    case shift(Condition, amount: Condition, months: Bool)
    case criterion(Int)
    case severityCount(Int)
    case level
    case previousLevel
}

extension Condition {
    /// True for a comparison of texts, which compares the texts two values point at rather than the values.
    package static func isTextComparison(_ op: Instruction.Op) -> Bool { op == .textEqual || op == .textNotEqual }
}
