import QAFCore

/// Parses the expression language by precedence climbing:
/// `or` < `and` < `not` < comparisons and `in` < `+ -` < `* /` < unary `-` < calls, names, literals.
public struct ExpressionParser {
    private var tokens: [Token]
    private var position = 0
    private let span: SourceSpan
    /// How many brackets, `not`s and signs the parser is inside: the recursion that reads them stops at `deepest`.
    private var depth = 0

    /// The deepest an expression may nest (brackets, calls, lists, `not`, signs, and chains of operators); deeper
    /// is an error at the bracket or operator where the limit is reached, never a stack overflow.
    public static let deepest = 500

    /// Parses the whole of `span.text`.
    public static func parse(_ span: SourceSpan) throws(Diagnostic) -> Expression {
        try parse(span, from: span.text.startIndex, to: span.text.endIndex)
    }

    /// Parses the part of `span.text` between two indices (a `{…}` placeholder).
    public static func parse(_ span: SourceSpan, from: String.Index, to: String.Index) throws(Diagnostic) -> Expression
    {
        let base = span.text.utf8.distance(from: span.text.startIndex, to: from)
        let lexer = ExpressionLexer(text: span.text[from..<to], span: span, base: base)
        let tokens = try lexer.tokens()
        // A long expression may nest deep: it is read on a thread whose stack holds `deepest` levels in any build.
        if tokens.count > 256 {
            return try DeepStack.run { () throws(Diagnostic) in try parse(tokens: tokens, span: span, base: base) }
        }
        return try parse(tokens: tokens, span: span, base: base)
    }

    private static func parse(tokens: [Token], span: SourceSpan, base: Int) throws(Diagnostic) -> Expression {
        var parser = ExpressionParser(tokens: tokens, span: span)
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

    /// Reads a nested part opened by the token at `offset`, one level deeper.
    private mutating func nested(at offset: Int, _ body: (inout ExpressionParser) throws(Diagnostic) -> Expression)
        throws(Diagnostic) -> Expression
    {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.deepest { throw tooDeep(at: offset) }
        return try body(&self)
    }

    /// A node built from parts, refused when it makes the tree deeper than `deepest`.
    private func node(_ kind: Expression.Kind, start: Int, end: Int, at offset: Int) throws(Diagnostic) -> Expression {
        let e = Expression(kind, start: start, end: end)
        if e.height > Self.deepest { throw tooDeep(at: offset) }
        return e
    }

    private func tooDeep(at offset: Int) -> Diagnostic {
        span.diagnostic(
            "the expression nests more than \(Self.deepest) levels deep here (brackets, 'not', or a chain of operators); split it into criteria",
            atOffset: offset)
    }

    private mutating func parseOr() throws(Diagnostic) -> Expression {
        var left = try parseAnd()
        while isWord(peek, "or") {
            let op = next().start
            let right = try parseAnd()
            left = try node(.binary(.or, left, right), start: left.start, end: right.end, at: op)
        }
        return left
    }

    private mutating func parseAnd() throws(Diagnostic) -> Expression {
        var left = try parseNot()
        while isWord(peek, "and") {
            let op = next().start
            let right = try parseNot()
            left = try node(.binary(.and, left, right), start: left.start, end: right.end, at: op)
        }
        return left
    }

    private mutating func parseNot() throws(Diagnostic) -> Expression {
        if isWord(peek, "not") {
            let start = next().start
            let operand = try nested(at: start) { (p) throws(Diagnostic) in try p.parseNot() }
            return try node(.not(operand), start: start, end: operand.end, at: start)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Diagnostic) -> Expression {
        let left = try parseSum()
        var op: BinaryOperator?
        if case .symbol(let s) = peek.kind, let o = BinaryOperator(rawValue: s), o.isComparison { op = o }
        if isWord(peek, "in") { op = .isIn }
        guard let op else { return left }
        let at = next().start
        let right = try parseSum()
        if case .symbol(let s) = peek.kind, let o = BinaryOperator(rawValue: s), o.isComparison {
            throw span.diagnostic(
                "comparisons cannot be chained ('\(s)' after '\(op.rawValue)'); join them with 'and'",
                atOffset: peek.start)
        }
        return try node(.binary(op, left, right), start: left.start, end: right.end, at: at)
    }

    private mutating func parseSum() throws(Diagnostic) -> Expression {
        var left = try parseProduct()
        while isSymbol(peek, "+") || isSymbol(peek, "-") {
            let at = peek.start
            let op: BinaryOperator = isSymbol(next(), "+") ? .add : .subtract
            let right = try parseProduct()
            left = try node(.binary(op, left, right), start: left.start, end: right.end, at: at)
        }
        return left
    }

    private mutating func parseProduct() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        while isSymbol(peek, "*") || isSymbol(peek, "/") {
            let at = peek.start
            let op: BinaryOperator = isSymbol(next(), "*") ? .multiply : .divide
            let right = try parseUnary()
            left = try node(.binary(op, left, right), start: left.start, end: right.end, at: at)
        }
        return left
    }

    private mutating func parseUnary() throws(Diagnostic) -> Expression {
        if isSymbol(peek, "-") {
            let start = next().start
            let operand = try nested(at: start) { (p) throws(Diagnostic) in try p.parseUnary() }
            return try node(.negate(operand), start: start, end: operand.end, at: start)
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
                let open = next().start
                var arguments: [Expression] = []
                if !isSymbol(peek, ")") {
                    arguments.append(try nested(at: open) { (p) throws(Diagnostic) in try p.parseOr() })
                    while isSymbol(peek, ",") {
                        _ = next()
                        arguments.append(try nested(at: open) { (p) throws(Diagnostic) in try p.parseOr() })
                    }
                }
                let close = try expect(")", "to close the arguments of \(name)(…)")
                return try node(.call(name, arguments), start: token.start, end: close.end, at: open)
            }
            return Expression(.name(name), start: token.start, end: token.end)
        case .symbol("("):
            let inner = try nested(at: token.start) { (p) throws(Diagnostic) in try p.parseOr() }
            let close = try expect(")", "to close '('")
            return Expression(inner.kind, start: token.start, end: close.end)
        case .symbol("["):
            var items: [Expression] = []
            if !isSymbol(peek, "]") {
                items.append(try nested(at: token.start) { (p) throws(Diagnostic) in try p.parseOr() })
                while isSymbol(peek, ",") {
                    _ = next()
                    items.append(try nested(at: token.start) { (p) throws(Diagnostic) in try p.parseOr() })
                }
            }
            let close = try expect("]", "to close the list")
            return try node(.list(items), start: token.start, end: close.end, at: token.start)
        case .end:
            throw span.diagnostic("the expression ends where a value was expected", atOffset: token.start)
        default:
            throw span.diagnostic("expected a value, found \(describe(token))", atOffset: token.start)
        }
    }
}
