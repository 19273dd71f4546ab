import QAFCore
import QAFLoad

public enum ListFold: Sendable { case any, all, count }
public enum ComparisonOperator: Sendable { case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual }
public enum ArithmeticOperator: Sendable { case add, subtract, multiply, divide }

/// An expression whose names are resolved to slots and whose types are known: what the compiler lowers.
public indirect enum TypedExpression: Sendable {
    case constant(Double)
    /// A text literal: `"Oakfield"`.
    case text(String)
    /// A scalar field of the evidence at a slot; absent is unknown.
    case field(slot: Int)
    /// A field of the current element of an enclosing list fold; `depth` 0 is the innermost.
    case elementField(depth: Int, offset: Int)
    case exists(slot: Int)
    case listExists(list: Int)
    case fold(ListFold, list: Int, stride: Int, condition: TypedExpression?)
    case not(TypedExpression)
    case and(TypedExpression, TypedExpression)
    case or(TypedExpression, TypedExpression)
    /// A comparison of two values of type `on`: numbers, dates and levels by value, enums by their order (an unordered
    /// member such as not_rated is neither better nor worse), text by the text.
    case compare(ComparisonOperator, TypedExpression, TypedExpression, on: ValueType)
    case arithmetic(ArithmeticOperator, TypedExpression, TypedExpression)
    case negate(TypedExpression)
    /// Membership: `x` equals one of the items, all of type `on`.
    case isIn(TypedExpression, [TypedExpression], on: ValueType)
    case daysSince(TypedExpression)
    case monthsSince(TypedExpression)
    /// A date moved by a number of months (or days, when `months` is false); the amount may be negative.
    case shift(TypedExpression, amount: TypedExpression, months: Bool)
    /// A whole number of days or months, as a duration to shift a date by.
    case duration(TypedExpression, months: Bool)
    case criterion(Int)
    case severityCount(Int)
    case level
    /// The level the evidence's `previous.level` names, in level and trigger conditions; unknown when absent.
    case previousLevel
}

/// A `because` sentence with its placeholders resolved.
public struct TypedTemplate: Sendable {
    public enum Part: Sendable {
        case text(String)
        case value(TypedExpression, ValueType)
    }
    public var parts: [Part]
}

extension TypedExpression {
    /// True for a literal or a parameter: a value fixed by the policy.
    public var isConstant: Bool {
        if case .constant = self { return true }
        if case .text = self { return true }
        if case .duration(let inner, _) = self { return inner.isConstant }
        return false
    }

    /// True when a fixed value takes part: `safeguarding.expected * 2`, `since + months(3)`.
    public var involvesConstant: Bool {
        switch self {
        case .constant: return true
        case .duration(let x, _), .negate(let x): return x.involvesConstant
        case .arithmetic(_, let x, let y): return x.involvesConstant || y.involvesConstant
        case .shift(let x, let amount, _): return x.involvesConstant || amount.involvesConstant
        default: return false
        }
    }
}

/// A comparison of evidence against a value the policy fixes (a literal or a parameter).
public struct Threshold: Sendable {
    /// The comparison as written, e.g. `safeguarding.concerns >= safeguarding_repeated`.
    public var text: String
    public var expression: TypedExpression
}
