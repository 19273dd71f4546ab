import QAFCheck
import QAFCore

// A reference interpreter for the policy language, written from Docs/policy-language.md and nothing else: a
// direct walk over the checked expression, with no compilation, no fused instructions, no short cuts and no bit
// masks. It reads evidence from its own model (`ReferenceEvidence`), not from the machine's record layout, and
// keeps text as text and enum values as their names. The differential tests hold the compiled machine to it.
//
// The rules it implements, as the language document states them:
// - An absent field is unknown, never "fine". Truth values are Kleene's: true, false, unknown.
// - `false and unknown` is false, `true or unknown` is true, `not unknown` is unknown.
// - A number that depends on missing evidence is the range of values it could have: an absent field could be any
//   number; a count over criteria or list elements some of which are unknown runs from the ones known to hold to
//   those that might; a count over an absent list is at least 0. A comparison is true (false) only when it holds
//   (fails) for every value in the ranges; otherwise unknown. Arithmetic gives the range of every result; a range
//   that could be anything stays anything (even times 0); dividing by a range that holds 0 gives anything.
// - Enum values compare by name; `<`, `>` by their order, worse greater; an unordered member (not_rated) makes every
//   ordered comparison false. Text compares by its text.
// - `exists` is never unknown. `any` is true when some element meets the condition, unknown when none does but some
//   might, false otherwise; `all` the same way round; an absent list is unknown, an empty one is a fact.
// - Months are counted only between known dates, and a date shifted by months only when both are known; dates
//   beyond ±1,000,000 years of 1970 are out of the calendar, so unknown.
// - What a decision asks to gather for an unknown answer: only the evidence that could still change it. A settled
//   part asks for nothing; an unknown part asks for what its unknown parts ask for, down to absent fields (a list
//   absent as a whole is asked for by its own name). A division by a value known to be zero asks for the evidence
//   that value was worked out from, as does a date pushed out of the calendar.

/// One provider's evidence as the reference sees it: values by dotted path, lists of elements by path.
struct ReferenceEvidence {
    enum Value: Equatable {
        case number(Double)
        case boolean(Bool)
        case date(Int)
        case text(String)
        case member(String)
    }

    var asOf: Int
    var scalars: [String: Value] = [:]
    /// A list present in the evidence (possibly empty); a path missing here is an absent list.
    var lists: [String: [[String: Value]]] = [:]
}

/// Kleene's three truth values.
enum Kleene: Equatable {
    case yes, no, unknown

    init(_ b: Bool) { self = b ? .yes : .no }

    static prefix func ! (k: Kleene) -> Kleene {
        switch k {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }

    static func && (a: Kleene, b: Kleene) -> Kleene {
        if a == .no || b == .no { return .no }
        if a == .yes && b == .yes { return .yes }
        return .unknown
    }

    static func || (a: Kleene, b: Kleene) -> Kleene {
        if a == .yes || b == .yes { return .yes }
        if a == .no && b == .no { return .no }
        return .unknown
    }
}

/// The set of values a number could have: every real from `lo` to `hi` (bounds may be infinite).
struct Span: Equatable {
    var lo: Double
    var hi: Double

    static let anything = Span(lo: -.infinity, hi: .infinity)
    static func exactly(_ v: Double) -> Span { Span(lo: v, hi: v) }

    var isExact: Bool { lo == hi }
    var isAnything: Bool { lo == -.infinity && hi == .infinity }
}

/// A value of the language, by type.
enum ReferenceValue {
    case truth(Kleene)
    case number(Span)
    case text(String?)
    case member(String?)

    var isSettled: Bool {
        switch self {
        case .truth(let k): return k != .unknown
        case .number(let s): return s.isExact
        case .text(let t): return t != nil
        case .member(let m): return m != nil
        }
    }
}

/// The reference's answer for one decision.
struct ReferenceDecision: Equatable {
    var criteria: [Kleene]
    /// For each criterion that is unknown, the evidence that could settle it (as a set).
    var criterionNeeds: [Set<String>]
    var level: Int?
    var couldReach: Int?
    var triggers: [Kleene]
    var triggerNeeds: [Set<String>]
    var status: String
    var evidenceToGather: Set<String>
}

struct ReferenceInterpreter {
    let policy: CheckedPolicy
    let schema: EvidenceSchema
    let evidence: ReferenceEvidence

    private var criterionResults: [(Kleene, [String])] = []
    private var levelResult: (span: Span, needs: [String]) = (.anything, [])
    /// The elements of the lists we are inside, innermost last.
    private var elements: [(list: String, element: [String: ReferenceEvidence.Value])] = []

    init(policy: CheckedPolicy, schema: EvidenceSchema, evidence: ReferenceEvidence) {
        self.policy = policy
        self.schema = schema
        self.evidence = evidence
    }

    mutating func decide() -> ReferenceDecision {
        criterionResults = policy.criteria.map { c in
            let (v, needs) = value(c.when, as: .boolean)
            guard case .truth(let k) = v else { fatalError("a criterion is true/false") }
            return (k, needs)
        }
        let missing = policy.requires.filter { path in
            schema.scalars[path] != nil ? evidence.scalars[path] == nil : evidence.lists[path] == nil
        }
        var level: Int?
        var couldReach: Int?
        var levelNeeds: [String] = []
        if !policy.levels.isEmpty, missing.isEmpty {
            for (i, l) in policy.levels.enumerated() {
                guard let when = l.when else {
                    level = i
                    break
                }
                let (v, needs) = truth(when)
                if v == .yes {
                    level = i
                    break
                }
                if v == .unknown {
                    if couldReach == nil { couldReach = i }
                    levelNeeds += needs
                }
            }
        }
        let top = Double(policy.levels.count - 1)
        if let level {
            levelResult = (Span(lo: top - Double(level), hi: top - Double(couldReach ?? level)), levelNeeds)
        } else {
            levelResult = (.anything, missing)
        }
        var triggers: [Kleene] = []
        var triggerNeeds: [Set<String>] = []
        for t in policy.triggers {
            let (v, needs) = truth(t.when)
            triggers.append(v)
            triggerNeeds.append(v == .unknown ? Set(needs) : [])
        }
        let criterionNeeds = criterionResults.map { $0.0 == .unknown ? Set($0.1) : [] }
        let status: String
        if !missing.isEmpty {
            status = "insufficient_evidence"
            level = nil
            couldReach = nil
        } else if couldReach != nil || triggers.contains(.unknown) {
            status = "incomplete"
        } else {
            status = "complete"
        }
        var gather = criterionNeeds.reduce(Set<String>()) { $0.union($1) }
        if level != nil { gather.formUnion(levelNeeds) }
        gather.formUnion(triggerNeeds.reduce(Set<String>()) { $0.union($1) })
        return ReferenceDecision(
            criteria: criterionResults.map(\.0), criterionNeeds: criterionNeeds, level: level, couldReach: couldReach,
            triggers: triggers, triggerNeeds: triggerNeeds, status: status, evidenceToGather: gather)
    }

    private mutating func truth(_ e: TypedExpression) -> (Kleene, [String]) {
        guard case (.truth(let k), let needs) = value(e, as: .boolean) else { fatalError("not a condition") }
        return (k, needs)
    }

    private mutating func number(_ e: TypedExpression) -> (Span, [String]) {
        guard case (.number(let s), let needs) = value(e, as: .number) else { fatalError("not a number") }
        return (s, needs)
    }

    /// A settled value asks for nothing; an unsettled one for what its parts ask for.
    private func result(_ v: ReferenceValue, _ needs: [String]) -> (ReferenceValue, [String]) {
        v.isSettled ? (v, []) : (v, needs)
    }

    private func read(_ v: ReferenceEvidence.Value?, _ kind: FieldKind) -> ReferenceValue {
        switch (kind, v) {
        case (.boolean, nil): return .truth(.unknown)
        case (.boolean, .boolean(let b)?): return .truth(Kleene(b))
        case (.text, nil), (.levelID, nil): return .text(nil)
        case (.text, .text(let t)?), (.levelID, .text(let t)?): return .text(t)
        case (.enumeration, nil): return .member(nil)
        case (.enumeration, .member(let m)?): return .member(m)
        case (_, nil): return .number(.anything)
        case (_, .number(let n)?): return .number(.exactly(n))
        case (_, .date(let d)?): return .number(.exactly(Double(d)))
        default: fatalError("evidence value \(String(describing: v)) does not fit \(kind)")
        }
    }

    /// The value of `e`, which the checker typed as `type` (the type tells what a bare constant stands for), and
    /// the evidence that could settle it when it is not settled.
    mutating func value(_ e: TypedExpression, as type: ValueType) -> (ReferenceValue, [String]) {
        switch e {
        case .constant(let v):
            switch type {
            case .boolean: return (.truth(Kleene(v == 1)), [])
            case .enumeration(let enumType): return (.member(enumType.member(ordinal: Int(v))!), [])
            default: return (.number(.exactly(v)), [])
            }
        case .text(let s): return (.text(s), [])
        case .field(let slot):
            let path = schema.scalarOrder[slot]
            // The previous level is the provider's history with the policy, never evidence to gather.
            let needs = path == "previous.level" ? [] : [path]
            return result(read(evidence.scalars[path], schema.scalars[path]!.kind), needs)
        case .previousLevel:
            // The ordinal of the level `previous.level` names (most serious highest); unknown when it names none.
            guard case .text(let id)? = evidence.scalars["previous.level"],
                let index = policy.levels.firstIndex(where: { $0.id.description == id })
            else { return (.number(.anything), []) }
            return (.number(.exactly(Double(policy.levels.count - 1 - index))), [])
        case .elementField(let depth, let offset):
            let (list, element) = elements[elements.count - 1 - depth]
            let spec = schema.lists[list]!
            let name = spec.elementFieldOrder[offset]
            return result(read(element[name], spec.elementFields[name]!.kind), ["\(list)[].\(name)"])
        case .exists(let slot): return (.truth(Kleene(evidence.scalars[schema.scalarOrder[slot]] != nil)), [])
        case .listExists(let list): return (.truth(Kleene(evidence.lists[schema.listOrder[list]] != nil)), [])
        case .fold(let kind, let list, _, let condition):
            return fold(kind, schema.listOrder[list], condition)
        case .not(let x):
            let (k, needs) = truth(x)
            return result(.truth(!k), needs)
        case .and(let x, let y):
            let (a, needsA) = truth(x)
            let (b, needsB) = truth(y)
            return result(.truth(a && b), needsA + needsB)
        case .or(let x, let y):
            let (a, needsA) = truth(x)
            let (b, needsB) = truth(y)
            return result(.truth(a || b), needsA + needsB)
        case .compare(let op, let x, let y, let operands):
            let (a, needsA) = value(x, as: operands)
            let (b, needsB) = value(y, as: operands)
            return result(.truth(compare(op, a, b, operands)), needsA + needsB)
        case .isIn(let x, let items, let operands):
            let (a, needsA) = value(x, as: operands)
            var any = Kleene.no
            var needs = needsA
            for item in items {
                let (b, needsB) = value(item, as: operands)
                needs += needsB
                any = any || compare(.equal, a, b, operands)
            }
            return result(.truth(any), needs)
        case .arithmetic(let op, let x, let y):
            let (a, needsA) = number(x)
            let (b, needsB) = number(y)
            if op == .divide, b == .exactly(0) {
                return (.number(.anything), fieldsRead(y))
            }
            return result(.number(arithmetic(op, a, b)), needsA + needsB)
        case .negate(let x):
            let (a, needs) = number(x)
            return result(.number(Span(lo: -a.hi, hi: -a.lo)), needs)
        case .daysSince(let x):
            let (d, needs) = number(x)
            let asOf = Double(evidence.asOf)
            return result(.number(Span(lo: asOf - d.hi, hi: asOf - d.lo)), needs)
        case .monthsSince(let x):
            let (d, needs) = number(x)
            guard d.isExact else { return (.number(.anything), needs) }
            guard inCalendar(d.lo) else { return (.number(.anything), fieldsRead(x)) }
            return (.number(.exactly(Double(Day.monthsBetween(Int(d.lo), evidence.asOf)))), [])
        case .shift(let date, let amount, let months):
            let (d, needsD) = number(date)
            let (n, needsN) = number(amount)
            if months {
                guard d.isExact, n.isExact else { return (.number(.anything), needsD + needsN) }
                guard inCalendar(d.lo), abs(n.lo) <= 12_000_000 else {
                    return (.number(.anything), fieldsRead(date) + fieldsRead(amount))
                }
                return (.number(.exactly(Double(Day.adding(months: Int(n.lo), to: Int(d.lo))))), [])
            }
            return result(.number(arithmetic(.add, d, n)), needsD + needsN)
        case .duration(let x, _): return value(x, as: .number)
        case .criterion(let i):
            let (k, needs) = criterionResults[i]
            return result(.truth(k), needs)
        case .severityCount(let s):
            var span = Span.exactly(0)
            var needs: [String] = []
            for (i, c) in policy.criteria.enumerated() where c.severity == s {
                let (k, wanted) = criterionResults[i]
                if k == .yes { span.lo += 1 }
                if k != .no { span.hi += 1 }
                if k == .unknown { needs += wanted }
            }
            return result(.number(span), needs)
        case .level:
            return result(.number(levelResult.span), levelResult.needs)
        }
    }

    private func inCalendar(_ day: Double) -> Bool { abs(day) <= 365_242_500 }

    private mutating func fold(_ kind: ListFold, _ list: String, _ condition: TypedExpression?)
        -> (ReferenceValue, [String])
    {
        guard let elements = evidence.lists[list] else {
            return kind == .count ? (.number(Span(lo: 0, hi: .infinity)), [list]) : (.truth(.unknown), [list])
        }
        guard let condition else { return (.number(.exactly(Double(elements.count))), []) }
        var results: [Kleene] = []
        var needs: [String] = []
        for element in elements {
            self.elements.append((list, element))
            let (k, wanted) = truth(condition)
            self.elements.removeLast()
            results.append(k)
            needs += wanted
        }
        switch kind {
        case .any:
            return result(.truth(results.reduce(Kleene.no) { $0 || $1 }), needs)
        case .all:
            return result(.truth(results.reduce(Kleene.yes) { $0 && $1 }), needs)
        case .count:
            let sure = Double(results.filter { $0 == .yes }.count)
            let might = Double(results.filter { $0 != .no }.count)
            return result(.number(Span(lo: sure, hi: might)), needs)
        }
    }

    private func compare(_ op: ComparisonOperator, _ a: ReferenceValue, _ b: ReferenceValue, _ type: ValueType)
        -> Kleene
    {
        switch (a, b) {
        case (.truth(let x), .truth(let y)):
            guard x != .unknown, y != .unknown else { return .unknown }
            return Kleene(op == .equal ? x == y : x != y)
        case (.text(let x), .text(let y)):
            guard let x, let y else { return .unknown }
            return Kleene(op == .equal ? x == y : x != y)
        case (.member(let x), .member(let y)):
            guard case .enumeration(let enumType) = type else { fatalError("members of no enum") }
            if op == .equal || op == .notEqual {
                guard let x, let y else { return .unknown }
                return Kleene(op == .equal ? x == y : x != y)
            }
            if let x, enumType.unorderedMembers.contains(x) { return .no }
            if let y, enumType.unorderedMembers.contains(y) { return .no }
            guard let x, let y else { return .unknown }
            let i = enumType.members.firstIndex(of: x)!, j = enumType.members.firstIndex(of: y)!
            return Kleene(holds(op, Double(i), Double(j)))
        case (.number(let x), .number(let y)):
            return compare(op, x, y)
        default:
            fatalError("cannot compare \(a) with \(b)")
        }
    }

    private func holds(_ op: ComparisonOperator, _ x: Double, _ y: Double) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        }
    }

    /// True when it holds for every pair of values in the ranges, false when for none, unknown otherwise.
    private func compare(_ op: ComparisonOperator, _ x: Span, _ y: Span) -> Kleene {
        switch op {
        case .equal:
            if x.isExact, y.isExact { return Kleene(x.lo == y.lo) }
            return x.hi < y.lo || y.hi < x.lo ? .no : .unknown
        case .notEqual:
            return !compare(.equal, x, y)
        case .less:
            if x.hi < y.lo { return .yes }
            return x.lo >= y.hi ? .no : .unknown
        case .lessOrEqual:
            if x.hi <= y.lo { return .yes }
            return x.lo > y.hi ? .no : .unknown
        case .greater: return compare(.less, y, x)
        case .greaterOrEqual: return compare(.lessOrEqual, y, x)
        }
    }

    private func arithmetic(_ op: ArithmeticOperator, _ x: Span, _ y: Span) -> Span {
        func fromCorners(_ values: [Double]) -> Span {
            let defined = values.filter { !$0.isNaN }
            guard let lo = defined.min(), let hi = defined.max() else { return .anything }
            return Span(lo: lo, hi: hi)
        }
        switch op {
        case .add:
            let s = Span(lo: x.lo + y.lo, hi: x.hi + y.hi)
            return s.lo.isNaN || s.hi.isNaN ? .anything : s
        case .subtract:
            let s = Span(lo: x.lo - y.hi, hi: x.hi - y.lo)
            return s.lo.isNaN || s.hi.isNaN ? .anything : s
        case .multiply:
            if x.isAnything || y.isAnything { return .anything }
            // Zero times an unbounded end is zero: the end is never reached.
            func times(_ a: Double, _ b: Double) -> Double { a == 0 || b == 0 ? 0 : a * b }
            let s = fromCorners([times(x.lo, y.lo), times(x.lo, y.hi), times(x.hi, y.lo), times(x.hi, y.hi)])
            return s
        case .divide:
            if y.lo <= 0 && y.hi >= 0 { return .anything }
            if x.isAnything { return .anything }
            // ∞ ÷ ∞ is a limit the other corners already bound.
            return fromCorners([x.lo / y.lo, x.lo / y.hi, x.hi / y.lo, x.hi / y.hi])
        }
    }

    /// Every evidence path an expression reads, whatever its value.
    private func fieldsRead(_ e: TypedExpression) -> [String] {
        var lists = elements.map(\.list)
        func walk(_ e: TypedExpression) -> [String] {
            switch e {
            case .constant, .text, .criterion, .severityCount, .level, .previousLevel: return []
            case .field(let slot), .exists(let slot):
                return [schema.scalarOrder[slot]].filter { $0 != "previous.level" }
            case .listExists(let list): return [schema.listOrder[list]]
            case .elementField(let depth, let offset):
                let list = lists[lists.count - 1 - depth]
                return ["\(list)[].\(schema.lists[list]!.elementFieldOrder[offset])"]
            case .fold(_, let list, _, let condition):
                lists.append(schema.listOrder[list])
                defer { lists.removeLast() }
                return [schema.listOrder[list]] + (condition.map(walk) ?? [])
            case .not(let x), .negate(let x), .daysSince(let x), .monthsSince(let x), .duration(let x, _):
                return walk(x)
            case .and(let x, let y), .or(let x, let y), .compare(_, let x, let y, _), .arithmetic(_, let x, let y),
                .shift(let x, let y, _):
                return walk(x) + walk(y)
            case .isIn(let x, let items, _): return walk(x) + items.flatMap(walk)
            }
        }
        return walk(e)
    }
}
