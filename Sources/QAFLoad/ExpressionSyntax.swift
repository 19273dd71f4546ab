/// An expression as written in a `when:` or a `{…}` placeholder, with UTF-8 offsets into its source string.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case boolean(Bool)
        case date(Int)
        /// A bare word or dotted path: a field, parameter, enum value, criterion or severity, resolved by the checker.
        case name(String)
        case list([Expression])
        case not(Expression)
        case negate(Expression)
        case binary(BinaryOperator, Expression, Expression)
        case call(String, [Expression])
    }

    public var kind: Kind
    /// Offsets of the expression's first and past-the-last byte in its source string.
    public var start: Int
    public var end: Int
    /// How deep the tree is (a leaf is 1): the parser keeps it within `ExpressionParser.deepest`, so every stage
    /// that walks the tree by recursion has a bounded stack.
    public let height: Int

    public init(_ kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
        switch kind {
        case .number, .string, .boolean, .date, .name: height = 1
        case .list(let items), .call(_, let items): height = 1 + items.reduce(0) { max($0, $1.height) }
        case .not(let e), .negate(let e): height = 1 + e.height
        case .binary(_, let l, let r): height = 1 + max(l.height, r.height)
        }
    }
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case isIn = "in"
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// A `because:` sentence: literal text with `{expression}` placeholders.
public struct Template: Sendable {
    public enum Part: Sendable {
        case text(String)
        case placeholder(Expression)
    }
    public var parts: [Part]
}
