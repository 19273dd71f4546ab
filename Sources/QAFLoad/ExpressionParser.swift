import QAFCore

/// Parses the expression language by precedence climbing:
/// `or` < `and` < `not` < comparisons and `in` < `+ -` < `* /` < unary `-` < calls, names, literals.
public struct ExpressionParser {
    private var tokens: [Token]
    private var position = 0
    private let span: SourceSpan

    /// Parses the whole of `span.text`.
    public static func parse(_ span: SourceSpan) throws(Diagnostic) -> Expression {
        try parse(span, from: span.text.startIndex, to: span.text.endIndex)
    }

    /// Parses the part of `span.text` between two indices (a `{…}` placeholder).
    public static func parse(_ span: SourceSpan, from: String.Index, to: String.Index) throws(Diagnostic) -> Expression
    {
        let base = span.text.utf8.distance(from: span.text.startIndex, to: from)
        let lexer = ExpressionLexer(text: span.text[from..<to], span: span, base: base)
        var parser = ExpressionParser(tokens: try lexer.tokens(), span: span)
        if case .end = parser.peek.kind {
            throw span.diagnostic("expected an expression, found nothing", atOffset: base)
        }
        let expression = try parser.parseOr()
        guard case .end = parser.peek.kind else {
            throw span.diagnostic(
                "unexpected \(parser.describe(parser.peek)) after a complete expression; join conditions with 'and' or 'or'",
                atOffset: parser.peek.start)
        }
        return expression
    }

    /// Splits a `because:` sentence into text and `{expression}` placeholders.
    public static func parseTemplate(_ span: SourceSpan) throws(Diagnostic) -> Template {
        var parts: [Template.Part] = []
        let text = span.text
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "{" {
                guard let close = text[index...].firstIndex(of: "}") else {
                    throw span.diagnostic(
                        "'{' opens a placeholder that is never closed with '}'",
                        atOffset: text.utf8.distance(from: text.startIndex, to: index))
                }
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                parts.append(.placeholder(try parse(span, from: text.index(after: index), to: close)))
                index = text.index(after: close)
            } else {
                literal.append(c)
                index = text.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return Template(parts: parts)
    }

    private init(tokens: [Token], span: SourceSpan) {
        self.tokens = tokens
        self.span = span
    }

    private var peek: Token { tokens[position] }

    private mutating func next() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isWord(_ token: Token, _ word: String) -> Bool {
        if case .name(let name) = token.kind { return name == word }
        return false
    }

    private func isSymbol(_ token: Token, _ symbol: String) -> Bool {
        if case .symbol(let s) = token.kind { return s == symbol }
        return false
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .name(let n): return "'\(n)'"
        case .number(let n): return "'\(n)'"
        case .string(let s): return "\"\(s)\""
        case .date(let d): return "'\(Day.format(d))'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    private mutating func expect(_ symbol: String, _ context: String) throws(Diagnostic) -> Token {
        guard isSymbol(peek, symbol) else {
            throw span.diagnostic("expected '\(symbol)' \(context), found \(describe(peek))", atOffset: peek.start)
        }
        return next()
    }

    private mutating func parseOr() throws(Diagnostic) -> Expression {
        var left = try parseAnd()
        while isWord(peek, "or") {
            _ = next()
            let right = try parseAnd()
            left = Expression(.binary(.or, left, right), start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseAnd() throws(Diagnostic) -> Expression {
        var left = try parseNot()
        while isWord(peek, "and") {
            _ = next()
            let right = try parseNot()
            left = Expression(.binary(.and, left, right), start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseNot() throws(Diagnostic) -> Expression {
        if isWord(peek, "not") {
            let start = next().start
            let operand = try parseNot()
            return Expression(.not(operand), start: start, end: operand.end)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Diagnostic) -> Expression {
        let left = try parseSum()
        var op: BinaryOperator?
        if case .symbol(let s) = peek.kind, let o = BinaryOperator(rawValue: s), o.isComparison { op = o }
        if isWord(peek, "in") { op = .isIn }
        guard let op else { return left }
        _ = next()
        let right = try parseSum()
        if case .symbol(let s) = peek.kind, let o = BinaryOperator(rawValue: s), o.isComparison {
            throw span.diagnostic(
                "comparisons cannot be chained ('\(s)' after '\(op.rawValue)'); join them with 'and'",
                atOffset: peek.start)
        }
        return Expression(.binary(op, left, right), start: left.start, end: right.end)
    }

    private mutating func parseSum() throws(Diagnostic) -> Expression {
        var left = try parseProduct()
        while isSymbol(peek, "+") || isSymbol(peek, "-") {
            let op: BinaryOperator = isSymbol(next(), "+") ? .add : .subtract
            let right = try parseProduct()
            left = Expression(.binary(op, left, right), start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseProduct() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        while isSymbol(peek, "*") || isSymbol(peek, "/") {
            let op: BinaryOperator = isSymbol(next(), "*") ? .multiply : .divide
            let right = try parseUnary()
            left = Expression(.binary(op, left, right), start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseUnary() throws(Diagnostic) -> Expression {
        if isSymbol(peek, "-") {
            let start = next().start
            let operand = try parseUnary()
            return Expression(.negate(operand), start: start, end: operand.end)
        }
        return try parsePrimary()
    }

    private static let reserved: Set<String> = ["and", "or", "not", "in"]

    private mutating func parsePrimary() throws(Diagnostic) -> Expression {
        let token = next()
        switch token.kind {
        case .number(let v): return Expression(.number(v), start: token.start, end: token.end)
        case .string(let s): return Expression(.string(s), start: token.start, end: token.end)
        case .date(let d): return Expression(.date(d), start: token.start, end: token.end)
        case .name(let name):
            if Self.reserved.contains(name) {
                throw span.diagnostic("expected a value before '\(name)'", atOffset: token.start)
            }
            if name == "true" || name == "false" {
                return Expression(.boolean(name == "true"), start: token.start, end: token.end)
            }
            if isSymbol(peek, "(") {
                _ = next()
                var arguments: [Expression] = []
                if !isSymbol(peek, ")") {
                    arguments.append(try parseOr())
                    while isSymbol(peek, ",") {
                        _ = next()
                        arguments.append(try parseOr())
                    }
                }
                let close = try expect(")", "to close the arguments of \(name)(…)")
                return Expression(.call(name, arguments), start: token.start, end: close.end)
            }
            return Expression(.name(name), start: token.start, end: token.end)
        case .symbol("("):
            let inner = try parseOr()
            let close = try expect(")", "to close '('")
            return Expression(inner.kind, start: token.start, end: close.end)
        case .symbol("["):
            var items: [Expression] = []
            if !isSymbol(peek, "]") {
                items.append(try parseOr())
                while isSymbol(peek, ",") {
                    _ = next()
                    items.append(try parseOr())
                }
            }
            let close = try expect("]", "to close the list")
            return Expression(.list(items), start: token.start, end: close.end)
        case .end:
            throw span.diagnostic("the expression ends where a value was expected", atOffset: token.start)
        default:
            throw span.diagnostic("expected a value, found \(describe(token))", atOffset: token.start)
        }
    }
}
