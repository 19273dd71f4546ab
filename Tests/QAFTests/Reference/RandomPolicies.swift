import Foundation
import QAFCore

/// SplitMix64: a small seeded generator, so every random case can be made again from its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Well-typed random expressions over the whole evidence vocabulary, as policy text, and random evidence for them.
struct RandomPolicies {
    var random: SeededRandom
    let schema: EvidenceSchema

    static let asOf = Day.parse("2026-10-01")!
    static let numbers = ["0", "1", "2", "3", "5", "1000", "5000", "1.5", "0.5", "32", "1000000", "100000000000"]
    static let dates = [
        "2026-10-01", "2026-07-03", "2026-07-02", "2025-10-01", "2025-10-02", "2026-01-31", "2000-02-29", "0001-01-01",
        "9999-12-31",
    ]
    static let texts = ["Same", "Oakfield", "cqc", "", "Oakfield ", "oakfield", "é", "e\u{301}", "1-101234567"]
    static let parameters: [(name: String, value: String)] = [
        ("p_zero", "0"), ("p_one", "1"), ("p_many", "4"), ("p_half", "0.5"), ("p_big", "1000000"),
    ]

    /// Scalars and element fields by the kind of value they hold.
    private var scalars: [FieldKindClass: [String]] = [:]
    private var enumScalars: [(path: String, type: EnumType)] = []

    enum FieldKindClass: Hashable { case count, number, boolean, date, text }

    /// What is in scope while generating: a criterion, a level or a trigger condition, inside some folds.
    struct Scope {
        var criteria: [String] = []
        var severities: [String] = []
        var levels: [String]? = nil
        var folds: [ListSpec] = []
    }

    init(seed: UInt64, schema: EvidenceSchema = .standard) {
        random = SeededRandom(seed: seed)
        self.schema = schema
        for path in schema.scalarOrder {
            switch schema.scalars[path]!.kind {
            case .count: scalars[.count, default: []].append(path)
            case .number: scalars[.number, default: []].append(path)
            case .boolean: scalars[.boolean, default: []].append(path)
            case .date: scalars[.date, default: []].append(path)
            case .text: scalars[.text, default: []].append(path)
            case .enumeration(let e): enumScalars.append((path, e))
            case .levelID, .constant, .list: break
            }
        }
    }

    // MARK: expressions

    /// Element fields of the enclosing folds that a bare name reaches (an inner fold's field hides an outer one's).
    private func elementFields(_ scope: Scope, _ kind: (FieldKind) -> Bool) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for list in scope.folds.reversed() {
            for name in list.elementFieldOrder where !seen.contains(name) {
                seen.insert(name)
                if kind(list.elementFields[name]!.kind) { names.append(name) }
            }
        }
        return names
    }

    private mutating func field(_ scope: Scope, _ cls: FieldKindClass) -> String {
        let element = elementFields(scope) { kind in
            switch (kind, cls) {
            case (.count, .count), (.number, .number), (.boolean, .boolean), (.date, .date), (.text, .text): return true
            default: return false
            }
        }
        if !element.isEmpty, random.chance(60) { return random.pick(element) }
        return random.pick(scalars[cls] ?? [])
    }

    mutating func condition(_ scope: Scope, depth: Int) -> String {
        let leafOnly = depth <= 0
        let choice = Int.random(in: 0..<(leafOnly ? 11 : 16), using: &random)
        switch choice {
        case 0, 1: return numberComparison(scope, depth: depth)
        case 2: return enumComparison(scope)
        case 3: return membership(scope, depth: depth)
        case 4: return textComparison(scope)
        case 5:
            let f = field(scope, .boolean)
            return random.chance(50) ? f : "\(f) \(random.pick(["==", "!="])) \(random.pick(["true", "false"]))"
        case 6:
            let path = random.chance(70) ? random.pick(schema.scalarOrder) : random.pick(schema.listOrder)
            return "exists(\(path))"
        case 7: return dateComparison(scope, depth: depth)
        case 8:
            if !scope.criteria.isEmpty, random.chance(70) { return random.pick(scope.criteria) }
            return random.chance(50) ? "p_flag" : "\(random.pick(["true", "false"]))"
        case 9:
            let op = random.pick(["==", "!=", "<", "<=", ">", ">="])
            if let levels = scope.levels, random.chance(60) { return "level \(op) \(random.pick(levels))" }
            if !scope.criteria.isEmpty { return "previous.level \(op) \(random.pick(["3", "2", "1"]))" }
            return numberComparison(scope, depth: depth)
        case 10:
            if !scope.severities.isEmpty {
                return
                    "count(\(random.pick(scope.severities))) \(random.pick([">=", ">", "==", "<"])) \(random.pick(["0", "1", "2", "p_many"]))"
            }
            return enumComparison(scope)
        case 11, 12:
            return
                "(\(condition(scope, depth: depth - 1)) \(random.pick(["and", "or"])) \(condition(scope, depth: depth - 1)))"
        case 13: return "not (\(condition(scope, depth: depth - 1)))"
        default:
            let list = random.pick(schema.listOrder)
            var inner = scope
            inner.folds.append(schema.lists[list]!)
            return "\(random.pick(["any", "all"]))(\(list), \(condition(inner, depth: depth - 1)))"
        }
    }

    private mutating func numberComparison(_ scope: Scope, depth: Int) -> String {
        let op = random.pick(["==", "!=", "<", "<=", ">", ">="])
        return "\(number(scope, depth: depth - 1)) \(op) \(number(scope, depth: depth - 1))"
    }

    mutating func number(_ scope: Scope, depth: Int) -> String {
        let choice = Int.random(in: 0..<(depth <= 0 ? 6 : 11), using: &random)
        switch choice {
        case 0, 1: return field(scope, random.chance(70) ? .count : .number)
        case 2: return random.pick(Self.numbers)
        case 3: return random.pick(Self.parameters).name
        case 4:
            let list = random.pick(schema.listOrder)
            return "count(\(list))"
        case 5:
            if !scope.severities.isEmpty, random.chance(50) { return "count(\(random.pick(scope.severities)))" }
            return "\(random.pick(["days_since", "months_since"]))(\(date(scope, depth: depth - 1)))"
        case 6, 7:
            let op = random.pick(["+", "-", "*", "/"])
            var right = number(scope, depth: depth - 1)
            // A divisor fixed by the policy could be 0, which the checker rightly refuses: divide by evidence.
            let withoutParameters = Self.parameters.reduce(right) { $0.replacingOccurrences(of: $1.name, with: "") }
            if op == "/", !withoutParameters.contains(where: \.isLetter) { right = "provider.size" }
            return "(\(number(scope, depth: depth - 1)) \(op) \(right))"
        case 8: return "-\(number(scope, depth: depth - 1))"
        case 9:
            let list = random.pick(schema.listOrder)
            var inner = scope
            inner.folds.append(schema.lists[list]!)
            return "count(\(list), \(condition(inner, depth: depth - 1)))"
        default:
            return "\(random.pick(["days_since", "months_since"]))(\(date(scope, depth: depth - 1)))"
        }
    }

    /// A number that is always whole, for days(n) and months(n).
    private mutating func whole(_ scope: Scope, depth: Int) -> String {
        switch Int.random(in: 0..<(depth <= 0 ? 3 : 4), using: &random) {
        case 0: return random.pick(["0", "1", "3", "12", "-2", "36500", "p_many", "p_zero"])
        case 1: return field(scope, .count)
        case 2: return "count(\(random.pick(schema.listOrder)))"
        default:
            return
                "(\(whole(scope, depth: depth - 1)) \(random.pick(["+", "-", "*"])) \(whole(scope, depth: depth - 1)))"
        }
    }

    mutating func date(_ scope: Scope, depth: Int) -> String {
        switch Int.random(in: 0..<(depth <= 0 ? 3 : 4), using: &random) {
        case 0: return field(scope, .date)
        case 1: return random.pick(Self.dates)
        case 2: return "as_of"
        default:
            return
                "\(date(scope, depth: depth - 1)) \(random.pick(["+", "-"])) \(random.pick(["days", "months"]))(\(whole(scope, depth: depth - 1)))"
        }
    }

    private mutating func dateComparison(_ scope: Scope, depth: Int) -> String {
        let op = random.pick(["==", "!=", "<", "<=", ">", ">="])
        return "\(date(scope, depth: depth - 1)) \(op) \(date(scope, depth: depth - 1))"
    }

    /// An enum field (of the evidence or of an element) and its type.
    private mutating func enumField(_ scope: Scope) -> (String, EnumType) {
        var element: [(String, EnumType)] = []
        var seen = Set<String>()
        for list in scope.folds.reversed() {
            for name in list.elementFieldOrder where !seen.contains(name) {
                seen.insert(name)
                if case .enumeration(let e) = list.elementFields[name]!.kind { element.append((name, e)) }
            }
        }
        if !element.isEmpty, random.chance(60) { return random.pick(element) }
        let (path, type) = random.pick(enumScalars)
        return (path, type)
    }

    private mutating func enumComparison(_ scope: Scope) -> String {
        let (f, type) = enumField(scope)
        let ops = type.isOrdered ? ["==", "!=", "<", "<=", ">", ">="] : ["==", "!="]
        let op = random.pick(ops)
        let value = random.pick(type.members)
        if random.chance(15) {
            let (g, other) = enumField(scope)
            if other == type { return "\(f) \(op) \(g)" }
        }
        return random.chance(20) ? "\(value) \(op) \(f)" : "\(f) \(op) \(value)"
    }

    private mutating func membership(_ scope: Scope, depth: Int) -> String {
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            let (f, type) = enumField(scope)
            let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in random.pick(type.members) }
            return "\(f) in [\(items.joined(separator: ", "))]"
        case 1:
            let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                random.chance(80) ? random.pick(Self.numbers) : field(scope, .count)
            }
            return "\(number(scope, depth: depth - 1)) in [\(items.joined(separator: ", "))]"
        default:
            let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                random.chance(80) ? "\"\(random.pick(Self.texts))\"" : field(scope, .text)
            }
            return "\(field(scope, .text)) in [\(items.joined(separator: ", "))]"
        }
    }

    private mutating func textComparison(_ scope: Scope) -> String {
        let op = random.pick(["==", "!="])
        let left = field(scope, .text)
        let right = random.chance(60) ? "\"\(random.pick(Self.texts))\"" : field(scope, .text)
        return random.chance(20) ? "\(right) \(op) \(left)" : "\(left) \(op) \(right)"
    }

    // MARK: policies

    /// A policy of `criteriaCount` random criteria, three levels and two triggers, all conditions random.
    mutating func policy(criteriaCount: Int, depth: Int) -> String {
        let severities = ["low", "moderate", "major"]
        var criteria: [String] = []
        var ids: [String] = []
        for i in 0..<criteriaCount {
            let id = "c\(i)"
            ids.append(id)
            let when = condition(Scope(), depth: depth)
            criteria.append(
                """
                  - id: \(id)
                    title: \(id)
                    domain: quality
                    indicates: \(random.pick(severities))
                    when: '\(when)'
                    because: x
                    source: s
                """)
        }
        let levelScope = Scope(criteria: ids, severities: severities)
        var triggerScope = levelScope
        triggerScope.levels = ["3", "2", "1"]
        let requires =
            random.chance(15) ? "requires: [\(random.pick(schema.scalarOrder.filter { $0 != "as_of" }))]\n" : ""
        let flag = random.chance(50) ? "true" : "false"
        return """
            policy: 1
            id: random
            authority: A
            title: T
            version: "1"
            source: 000_4d0eb8f41c1d8ba7.txt
            \(requires)severities: [low, moderate, major]
            domains: {quality: Quality}
            parameters:
            \(Self.parameters.map { "  \($0.name): {value: \($0.value), means: m, source: s}" }.joined(separator: "\n"))
              p_flag: {value: \(flag), means: m, source: s}
            routes:
              board: {name: B, source: s}
            criteria:
            \(criteria.joined(separator: "\n"))
            levels:
              - id: 3
                name: High
                label: H
                when: '\(condition(levelScope, depth: depth))'
                source: s
              - id: 2
                name: Medium
                label: M
                when: '\(condition(levelScope, depth: depth))'
                source: s
              - id: 1
                name: Low
                label: L
                otherwise: true
                source: s
            triggers:
              - id: t0
                title: t0
                when: '\(condition(triggerScope, depth: depth))'
                route: board
                urgency: routine
                because: x
                source: s
              - id: t1
                title: t1
                when: '\(condition(triggerScope, depth: depth))'
                route: board
                urgency: immediate
                because: x
                source: s
            """
    }

    // MARK: evidence

    private mutating func value(_ kind: FieldKind) -> ReferenceEvidence.Value? {
        switch kind {
        case .count:
            return .number(random.pick([0, 1, 2, 3, 4, 5, 31, 32, 999, 1000, 1001, 5000, 5001, 1e12, 9e15]))
        case .number: return .number(random.pick([0, 0.5, 1, 1.5, 2, 3, 5, 1000, 1e6, 1e15]))
        case .boolean: return .boolean(random.chance(50))
        case .date:
            if random.chance(25) { return .date(Day.parse(random.pick(Self.dates))!) }
            return .date(Self.asOf + Int.random(in: -900...30, using: &random))
        case .text: return .text(random.pick(Self.texts))
        case .enumeration(let e): return .member(random.pick(e.members))
        case .levelID: return .text(random.pick(["3", "2", "1"]))
        case .constant, .list: return nil
        }
    }

    /// Random evidence: every field present, absent, at a boundary or far out of range; lists absent, empty or full.
    mutating func evidence() -> ReferenceEvidence {
        var e = ReferenceEvidence(asOf: Self.asOf)
        e.scalars["evidence"] = .number(1)
        e.scalars["as_of"] = .date(Self.asOf)
        let presence = random.pick([10, 50, 90])
        for path in schema.scalarOrder {
            let spec = schema.scalars[path]!
            if path == "as_of" || path == "evidence" { continue }
            if path == "provider.id" {
                e.scalars[path] = .text(random.pick(Self.texts.filter { !$0.isEmpty }))
                continue
            }
            if random.chance(presence), let v = value(spec.kind) { e.scalars[path] = v }
        }
        for path in schema.listOrder {
            guard random.chance(presence) else { continue }
            let spec = schema.lists[path]!
            var elements: [[String: ReferenceEvidence.Value]] = []
            for _ in 0..<random.pick([0, 1, 1, 2, 3]) {
                var element: [String: ReferenceEvidence.Value] = [:]
                for name in spec.elementFieldOrder where random.chance(85) {
                    element[name] = value(spec.elementFields[name]!.kind)
                }
                elements.append(element)
            }
            e.lists[path] = elements
        }
        return e
    }

    /// The evidence as one line of JSON, as `qaf evaluate` reads it.
    static func json(_ e: ReferenceEvidence, schema: EvidenceSchema) -> String {
        func text(_ v: ReferenceEvidence.Value) -> String {
            switch v {
            case .number(let n): return n == n.rounded() && abs(n) < 1e17 ? String(Int64(n)) : String(n)
            case .boolean(let b): return b ? "true" : "false"
            case .date(let d): return "\"\(Day.format(d))\""
            case .text(let s), .member(let s): return "\"\(s)\""
            }
        }
        var root = Node()
        for path in e.scalars.keys.sorted() {
            root.set(path.split(separator: ".").map(String.init), text(e.scalars[path]!))
        }
        for path in e.lists.keys.sorted() {
            let elements = e.lists[path]!
            let items = elements.map { element in
                "{" + element.keys.sorted().map { "\"\($0)\": \(text(element[$0]!))" }.joined(separator: ", ") + "}"
            }
            root.set(path.split(separator: ".").map(String.init), "[" + items.joined(separator: ", ") + "]")
        }
        return root.render()
    }

    /// A JSON object built from dotted paths.
    private struct Node {
        var leaves: [(String, String)] = []
        var children: [(String, Node)] = []

        mutating func set(_ path: [String], _ json: String) {
            if path.count == 1 {
                leaves.append((path[0], json))
                return
            }
            if let i = children.firstIndex(where: { $0.0 == path[0] }) {
                children[i].1.set(Array(path.dropFirst()), json)
            } else {
                var child = Node()
                child.set(Array(path.dropFirst()), json)
                children.append((path[0], child))
            }
        }

        func render() -> String {
            let parts = leaves.map { "\"\($0.0)\": \($0.1)" } + children.map { "\"\($0.0)\": \($0.1.render())" }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }
}
