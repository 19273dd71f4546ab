import QAFCore
import QAFLoad

/// What names an expression may use besides evidence fields and parameters.
public struct Scope: Sendable {
    public var criteria: [String: Int] = [:]
    public var severities: [String: Int] = [:]
    /// Level ids to their ordinals (0 for the fallback, most serious highest); set for trigger conditions.
    public var levels: [LevelID: Int]? = nil
    /// The same level ids, for `previous.level`; set for level and trigger conditions.
    public var previousLevels: [LevelID: Int]? = nil
    public var parameters: [String: ParameterValue] = [:]

    public init() {}
}

/// Resolves and type-checks one expression against the evidence schema and a scope.
/// Errors point at the column inside the YAML string where the problem is.
public struct ExpressionChecker {
    let schema: EvidenceSchema
    let scope: Scope
    let span: SourceSpan
    /// The policy's severities, to explain `count(major)` written inside a criterion.
    public var criterionSeverities: Set<String> = []
    /// List folds we are inside, innermost last: the element fields they make visible.
    private var elements: [ListSpec] = []
    /// Evidence paths the expression reads, for "the evidence it needs" and `explain`.
    public private(set) var fieldsRead: [String] = []
    /// Criteria a level or trigger condition reads; their evidence is evidence it needs too.
    public private(set) var criteriaRead: [Int] = []
    /// What a level or trigger condition reads besides evidence: `level`, `count(major)`, criterion ids.
    public private(set) var decisionInputs: [String] = []
    /// Numeric and date comparisons against a fixed value: the thresholds fixtures should test on both sides.
    public private(set) var thresholds: [Threshold] = []
    public private(set) var diagnostics = Diagnostics()

    public init(schema: EvidenceSchema, scope: Scope, span: SourceSpan) {
        self.schema = schema
        self.scope = scope
        self.span = span
    }

    struct Failed: Error {}

    private mutating func fail(_ message: String, _ expression: Expression) -> Failed {
        diagnostics.append(span.diagnostic(message, atOffset: expression.start))
        return Failed()
    }

    private func snippet(_ e: Expression) -> String {
        let utf8 = span.text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: min(e.start, utf8.count))
        let to = utf8.index(utf8.startIndex, offsetBy: min(e.end, utf8.count))
        return String(span.text[from..<to])
    }

    /// Checks a condition: it must be true/false.
    public mutating func condition(_ e: Expression) -> TypedExpression? {
        guard let (typed, type) = try? check(e, expecting: nil) else { return nil }
        guard type == .boolean else {
            _ = fail("a condition must be true or false, but '\(snippet(e))' is \(type)", e)
            return nil
        }
        return typed
    }

    /// Checks a `because` placeholder: any value.
    public mutating func value(_ e: Expression) -> (TypedExpression, ValueType)? {
        try? check(e, expecting: nil)
    }

    private mutating func noteInput(_ name: String) {
        if !decisionInputs.contains(name) { decisionInputs.append(name) }
    }

    private mutating func note(_ path: String) {
        // The previous level is the provider's history with this policy, not evidence about the provider to gather:
        // a condition on it is written with exists(previous.level) and decides without it.
        if path == "previous.level" { return }
        if !fieldsRead.contains(path) { fieldsRead.append(path) }
    }

    mutating func check(_ e: Expression, expecting expected: ValueType?) throws(Failed) -> (TypedExpression, ValueType)
    {
        switch e.kind {
        case .number(let v): return (.constant(v), .number)
        case .boolean(let b): return (.constant(b ? 1 : 0), .boolean)
        case .date(let d): return (.constant(Double(d)), .date)
        case .string(let s):
            if case .enumeration(let type)? = expected {
                throw fail(
                    "write enum values without quotes: \(s)"
                        + (type.ordinal(of: s) == nil ? NearestName.hint(s, among: type.members) : ""), e)
            }
            return (.text(s), .text)
        case .name(let name): return try resolve(name, e, expecting: expected)
        case .list:
            throw fail("a list can only stand on the right of 'in'", e)
        case .not(let inner):
            return (.not(try boolean(inner, "'not'")), .boolean)
        case .negate(let inner):
            let (t, type) = try check(inner, expecting: .number)
            guard type == .number else { throw fail("'-' applies to numbers, not to \(type)", inner) }
            return (.negate(t), .number)
        case .binary(let op, let l, let r):
            return try binary(op, l, r, e)
        case .call(let name, let args):
            return try call(name, args, e)
        }
    }

    private mutating func boolean(_ e: Expression, _ context: String) throws(Failed) -> TypedExpression {
        let (t, type) = try check(e, expecting: .boolean)
        guard type == .boolean else { throw fail("\(context) needs true/false, but '\(snippet(e))' is \(type)", e) }
        return t
    }

    // MARK: names

    private mutating func resolve(_ name: String, _ e: Expression, expecting expected: ValueType?) throws(Failed)
        -> (TypedExpression, ValueType)
    {
        for (depth, list) in elements.reversed().enumerated() {
            if let field = list.elementFields[name] {
                note("\(list.path)[].\(name)")
                return (.elementField(depth: depth, offset: field.slot), type(of: field.kind))
            }
        }
        if case .enumeration(let type)? = expected, let ordinal = type.ordinal(of: name) {
            return (.constant(Double(ordinal)), .enumeration(type))
        }
        if let value = scope.parameters[name] {
            switch value {
            case .number(let v): return (.constant(v), .number)
            case .boolean(let b): return (.constant(b ? 1 : 0), .boolean)
            }
        }
        if name == "previous.level", scope.previousLevels != nil {
            noteInput(name)
            return (.previousLevel, .level)  // compared with the policy's level ids, as `level` is
        }
        if let spec = schema.scalars[name] {
            note(name)
            return (.field(slot: spec.slot), type(of: spec.kind))
        }
        if let list = schema.lists[name] {
            note(name)
            return (.listExists(list: list.index), .list(list.index))
        }
        if let index = scope.criteria[name] {
            if !criteriaRead.contains(index) { criteriaRead.append(index) }
            noteInput(name)
            return (.criterion(index), .boolean)
        }
        if name == "level", scope.levels != nil {
            noteInput("level")
            return (.level, .level)
        }
        if expected == .level, let levels = scope.levels ?? scope.previousLevels, let ordinal = levels[LevelID(name)] {
            return (.constant(Double(ordinal)), .level)
        }
        if scope.severities[name] != nil {
            throw fail("'\(name)' is a severity; count the criteria that indicate it with count(\(name))", e)
        }
        if case .enumeration(let type)? = expected {
            throw fail(
                "'\(name)' is not a value of \(type.name); expected one of \(type.members.joined(separator: ", "))"
                    + NearestName.hint(name, among: type.members), e)
        }
        let children = schema.allPaths.filter { $0.hasPrefix(name + ".") }
        if !children.isEmpty {
            throw fail(
                "'\(name)' is a group of fields; name one of them: \(children.prefix(6).joined(separator: ", "))", e)
        }
        throw fail(
            "unknown name '\(name)': not an evidence field, parameter\(scope.criteria.isEmpty ? "" : ", criterion") or value"
                + NearestName.hint(name, among: candidates()), e)
    }

    private func candidates() -> [String] {
        var names = schema.allPaths + Array(scope.parameters.keys) + Array(scope.criteria.keys)
        for list in elements { names += list.elementFieldOrder }
        if scope.levels != nil { names.append("level") }
        return names.sorted()
    }

    private func type(of kind: FieldKind) -> ValueType {
        switch kind {
        case .count, .number, .constant: return .number
        case .boolean: return .boolean
        case .date: return .date
        case .text, .levelID: return .text
        case .enumeration(let e): return .enumeration(e)
        case .list: return .list(-1)
        }
    }

    // MARK: operators

    private mutating func binary(_ op: BinaryOperator, _ l: Expression, _ r: Expression, _ e: Expression) throws(Failed)
        -> (TypedExpression, ValueType)
    {
        switch op {
        case .and: return (.and(try boolean(l, "'and'"), try boolean(r, "'and'")), .boolean)
        case .or: return (.or(try boolean(l, "'or'"), try boolean(r, "'or'")), .boolean)
        case .isIn:
            let (lt, ltype) = try check(l, expecting: nil)
            guard case .list(let items) = r.kind else {
                throw fail("'in' needs a list on its right, such as \(schema.exampleValues)", r)
            }
            var typed: [TypedExpression] = []
            for item in items {
                let (it, itype) = try check(item, expecting: ltype)
                guard itype == ltype else {
                    throw fail("this list holds \(itype), but the left of 'in' is \(ltype)", item)
                }
                typed.append(it)
            }
            switch ltype {
            case .duration, .list:
                throw fail("\(ltype) cannot be compared; did you mean count(…) or days_since(…)?", l)
            default: return (.isIn(lt, typed, on: ltype), .boolean)
            }
        case .add, .subtract, .multiply, .divide:
            return try arithmetic(op, l, r)
        default:
            return try comparison(op, l, r)
        }
    }

    private mutating func comparison(_ op: BinaryOperator, _ l: Expression, _ r: Expression) throws(Failed)
        -> (TypedExpression, ValueType)
    {
        var left: (TypedExpression, ValueType)
        var right: (TypedExpression, ValueType)
        if case .name = l.kind, case .name = r.kind, resolvesOnlyAsValue(l) {
            right = try check(r, expecting: nil)
            left = try check(l, expecting: right.1)
        } else {
            left = try check(l, expecting: nil)
            right = try check(r, expecting: left.1)
        }
        if left.1 == .level, right.1 == .number, case .constant(let v) = right.0,
            let levels = scope.levels ?? scope.previousLevels
        {
            guard let ordinal = levels[LevelID(NumberText.format(v))] else {
                throw fail(
                    "\(NumberText.format(v)) is not a level of this policy; levels are \(levels.keys.map(\.description).sorted().joined(separator: ", "))",
                    r)
            }
            right = (.constant(Double(ordinal)), .level)
        }
        guard left.1 == right.1 else {
            throw fail("cannot compare \(left.1) with \(right.1)", r)
        }
        let ordering = op != .equal && op != .notEqual
        switch left.1 {
        case .number, .date, .level: break
        case .enumeration(let type):
            if ordering, !type.isOrdered {
                throw fail("\(type.name) values have no order; compare them with ==, != or in", l)
            }
        case .boolean, .text:
            if ordering { throw fail("\(left.1) values can only be compared with == or !=", l) }
        case .duration, .list:
            throw fail("\(left.1) cannot be compared; did you mean count(…) or days_since(…)?", l)
        }
        let cop: ComparisonOperator
        switch op {
        case .equal: cop = .equal
        case .notEqual: cop = .notEqual
        case .less: cop = .less
        case .lessOrEqual: cop = .lessOrEqual
        case .greater: cop = .greater
        default: cop = .greaterOrEqual
        }
        let typed = TypedExpression.compare(cop, left.0, right.0, on: left.1)
        if ordering, left.1 == .number || left.1 == .date || left.1 == .level,
            !(left.0.isConstant && right.0.isConstant), left.0.involvesConstant || right.0.involvesConstant
        {
            thresholds.append(Threshold(text: snippet(l) + " " + op.rawValue + " " + snippet(r), expression: typed))
        }
        return (typed, .boolean)
    }

    /// True when a bare word on the left names nothing but could be a value of the right side's enum.
    private func resolvesOnlyAsValue(_ e: Expression) -> Bool {
        guard case .name(let name) = e.kind, !name.contains(".") else { return false }
        if elements.contains(where: { $0.elementFields[name] != nil }) { return false }
        return scope.parameters[name] == nil && schema.scalars[name] == nil && schema.lists[name] == nil
            && scope.criteria[name] == nil && !(name == "level" && scope.levels != nil)
    }

    private mutating func arithmetic(_ op: BinaryOperator, _ l: Expression, _ r: Expression) throws(Failed)
        -> (TypedExpression, ValueType)
    {
        let (lt, ltype) = try check(l, expecting: .number)
        let (rt, rtype) = try check(r, expecting: .number)
        switch (ltype, rtype, op) {
        case (.number, .number, _):
            let aop: ArithmeticOperator =
                op == .add ? .add : op == .subtract ? .subtract : op == .multiply ? .multiply : .divide
            if aop == .divide, Self.constantValue(rt) == 0 {
                throw fail("division by zero: '\(snippet(r))' is always 0", r)
            }
            return (.arithmetic(aop, lt, rt), .number)
        case (.date, .duration, .add), (.date, .duration, .subtract):
            guard case .duration(let amount, let months) = rt else { throw fail("expected days(n) or months(n)", r) }
            let signed: TypedExpression = op == .add ? amount : .negate(amount)
            return (.shift(lt, amount: signed, months: months), .date)
        case (.date, .date, .subtract):
            return (.arithmetic(.subtract, lt, rt), .number)
        case (.date, .number, _):
            throw fail("add a duration to a date: write days(\(snippet(r))) or months(\(snippet(r)))", r)
        default:
            throw fail("'\(op.rawValue)' cannot combine \(ltype) and \(rtype)", r)
        }
    }

    // MARK: functions

    static let functions = ["exists", "count", "any", "all", "days_since", "months_since", "days", "months"]

    private mutating func call(_ name: String, _ args: [Expression], _ e: Expression) throws(Failed)
        -> (TypedExpression, ValueType)
    {
        func arity(_ allowed: ClosedRange<Int>, _ usage: String) throws(Failed) {
            guard allowed.contains(args.count) else { throw fail("\(name) takes \(usage)", e) }
        }
        switch name {
        case "exists":
            try arity(1...1, "one field: exists(\(schema.exampleField))")
            guard case .name(let path) = args[0].kind else {
                throw fail("exists(…) takes the name of an evidence field", args[0])
            }
            note(path)
            if let spec = schema.scalars[path] { return (.exists(slot: spec.slot), .boolean) }
            if let list = schema.lists[path] { return (.listExists(list: list.index), .boolean) }
            throw fail("unknown evidence field '\(path)'" + NearestName.hint(path, among: schema.allPaths), args[0])
        case "count", "any", "all":
            if name == "count", args.count == 1, case .name(let severity) = args[0].kind,
                let index = scope.severities[severity]
            {
                noteInput("count(\(severity))")
                return (.severityCount(index), .number)
            }
            try arity(
                name == "count" ? 1...2 : 2...2,
                name == "count"
                    ? "a list and an optional condition: count(\(schema.exampleListCondition))"
                    : "a list and a condition: \(name)(\(schema.exampleListCondition))")
            guard case .name(let path) = args[0].kind, let list = schema.lists[path] else {
                let lists = "lists: " + schema.listOrder.joined(separator: ", ")
                guard case .name(let word) = args[0].kind else {
                    throw fail("\(name)(…) takes a list of the evidence first (\(lists))", args[0])
                }
                if name == "count", scope.severities.isEmpty, scope.criteria.isEmpty, criterionSeverities.contains(word)
                {
                    throw fail(
                        "count(\(word)) counts fired criteria, so it belongs in a level or trigger condition, not in a criterion",
                        args[0])
                }
                let candidates = schema.listOrder + (name == "count" ? scope.severities.keys.sorted() : [])
                throw fail(
                    "'\(word)' is not a list of the evidence (\(lists))" + NearestName.hint(word, among: candidates),
                    args[0])
            }
            note(path)
            var condition: TypedExpression?
            if args.count == 2 {
                elements.append(list)
                defer { elements.removeLast() }
                let before = thresholds.count
                condition = try boolean(args[1], "the condition of \(name)(…)")
                // A threshold on an element is tested through "some element meets it".
                for i in before..<thresholds.count {
                    thresholds[i].expression = .fold(
                        .any, list: list.index, stride: list.stride, condition: thresholds[i].expression)
                    thresholds[i].text = "any(\(path), \(thresholds[i].text))"
                }
            }
            let fold: ListFold = name == "any" ? .any : name == "all" ? .all : .count
            return (
                .fold(fold, list: list.index, stride: list.stride, condition: condition),
                fold == .count ? .number : .boolean
            )
        case "days_since", "months_since":
            try arity(1...1, "one date: \(name)(\(schema.exampleDate))")
            let (t, type) = try check(args[0], expecting: .date)
            guard type == .date else { throw fail("\(name) takes a date, not \(type)", args[0]) }
            return (name == "days_since" ? .daysSince(t) : .monthsSince(t), .number)
        case "days", "months":
            try arity(1...1, "one number: \(name)(3)")
            let (t, type) = try check(args[0], expecting: .number)
            guard type == .number else { throw fail("\(name) takes a number, not \(type)", args[0]) }
            let unit = name == "months" ? "months" : "days"
            if let v = Self.constantValue(t) {
                guard v == v.rounded(), abs(v) <= Self.largestShift else {
                    throw fail(
                        "\(name)(n) takes a whole number of \(unit) up to \(NumberText.format(Self.largestShift)), not \(NumberText.format(v))",
                        args[0])
                }
            } else if !isWhole(t) {
                throw fail(
                    "\(name)(n) takes a whole number of \(unit), but '\(snippet(args[0]))' may be a fraction; use a count or a whole number",
                    args[0])
            }
            return (.duration(t, months: name == "months"), .duration)
        default:
            throw fail(
                "unknown function '\(name)'; the functions are \(Self.functions.joined(separator: ", "))"
                    + NearestName.hint(name, among: Self.functions), e)
        }
    }

    /// The largest number of days or months a literal duration may have: 100,000 years of days.
    static let largestShift = 36_524_250.0

    /// The value of an arithmetic expression over literals and parameters alone; nil when it reads evidence.
    static func constantValue(_ t: TypedExpression) -> Double? {
        switch t {
        case .constant(let v): return v
        case .negate(let x): return constantValue(x).map { -$0 }
        case .arithmetic(let op, let x, let y):
            guard let a = constantValue(x), let b = constantValue(y) else { return nil }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return b == 0 ? nil : a / b
            }
        default: return nil
        }
    }

    /// True when every value `t` can take is a whole number: counts, whole literals, and their sums and products.
    private func isWhole(_ t: TypedExpression) -> Bool {
        switch t {
        case .constant(let v): return v == v.rounded()
        case .field(let slot):
            if case .count = schema.scalars[schema.scalarOrder[slot]]?.kind { return true }
            return false
        case .elementField(let depth, let offset):
            let list = elements[elements.count - 1 - depth]
            if case .count = list.elementFields[list.elementFieldOrder[offset]]?.kind { return true }
            return false
        case .fold(.count, _, _, _), .severityCount: return true
        case .negate(let x): return isWhole(x)
        case .arithmetic(let op, let x, let y): return op != .divide && isWhole(x) && isWhole(y)
        default: return false
        }
    }
}
