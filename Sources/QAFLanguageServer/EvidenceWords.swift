import QAFCore

/// What the evidence vocabulary says about a field, read through the schema API (`EvidenceSchema`), so local
/// fields a policy adds are described the same way as the standard ones.
struct EvidenceWords {
    let schema: EvidenceSchema

    static func kindWords(_ kind: FieldKind) -> String {
        switch kind {
        case .count: return "count (a whole number, never negative)"
        case .number: return "number (never negative)"
        case .boolean: return "true or false"
        case .date: return "date (YYYY-MM-DD)"
        case .text: return "text"
        case .levelID: return "level id (a whole number or a word)"
        case .constant(let v): return "always \(v)"
        case .list: return "list of records"
        case .enumeration(let e):
            let order =
                e.isOrdered
                ? " — ordered best to worst: "
                    + e.members.filter { !e.unorderedMembers.contains($0) }.joined(separator: ", ")
                    + (e.unorderedMembers.isEmpty
                        ? "" : "; unordered: " + e.unorderedMembers.sorted().joined(separator: ", "))
                : " — unordered: only ==, != and in"
            return "`\(e.name)`\(order)"
        }
    }

    /// The enum members a field (or a list's element field) allows, if it is an enum.
    func members(of path: String, inList list: String? = nil) -> [String]? {
        let kind = list.flatMap { schema.lists[$0]?.elementFields[path]?.kind } ?? schema.scalars[path]?.kind
        if case .enumeration(let e)? = kind { return e.members }
        return nil
    }

    /// Hover text for an evidence field, a list, or an element field of the list in scope.
    func describe(_ path: String, inList list: String? = nil) -> String? {
        let declared = "Declared in the evidence vocabulary (`qaf schema evidence`)."
        if let list, let field = schema.lists[list]?.elementFields[path] {
            var text =
                "**\(path)** — field of each `\(list)` entry: \(field.doc)\n\nType: \(Self.kindWords(field.kind))"
            if case .enumeration(let e) = field.kind {
                text += "\n\nAllowed values: " + e.members.map { "`\($0)`" }.joined(separator: ", ")
            }
            return text + "\n\n" + declared
        }
        if let field = schema.scalars[path] {
            var text = "**\(path)** — evidence field: \(field.doc)\n\nType: \(Self.kindWords(field.kind))"
            if case .enumeration(let e) = field.kind {
                text += "\n\nAllowed values: " + e.members.map { "`\($0)`" }.joined(separator: ", ")
            }
            return text + "\n\nAbsent means unknown, never 'no concerns'.\n\n" + declared
        }
        if let list = schema.lists[path] {
            let fields = list.elementFieldOrder.map { "`\($0)`" }.joined(separator: ", ")
            return
                "**\(path)** — evidence list: \(list.doc)\n\nEach entry has: \(fields). Use with count, any or all.\n\n"
                + declared
        }
        return nil
    }

    /// Hover text for a bare enum value: the enums that have it.
    func describeValue(_ word: String) -> String? {
        var owners: [String] = []
        var seen = Set<String>()
        for path in schema.scalarOrder {
            if case .enumeration(let e) = schema.scalars[path]!.kind, e.members.contains(word),
                seen.insert(e.name).inserted
            {
                owners.append("`\(e.name)` (e.g. `\(path)`)")
            }
        }
        for path in schema.listOrder {
            for name in schema.lists[path]!.elementFieldOrder {
                if case .enumeration(let e) = schema.lists[path]!.elementFields[name]!.kind, e.members.contains(word),
                    seen.insert(e.name).inserted
                {
                    owners.append("`\(e.name)` (`\(path)[].\(name)`)")
                }
            }
        }
        if owners.isEmpty { return nil }
        return "**\(word)** — a value of \(owners.joined(separator: ", "))"
    }
}

/// What the text before the cursor says about an expression: the list function it is inside, and the field it
/// is being compared with.
struct ExpressionScope {
    /// The list whose element fields are in scope (`any(events, …|`).
    var list: String?
    /// The field on the left of `==`, `!=`, `<`… or `in [`, whose values fit here.
    var comparedField: String?
    /// True right after `count(`, where a severity may go.
    var inCount: Bool

    init(before text: String) {
        let scalars = Array(text.unicodeScalars)
        // The innermost unclosed list function call.
        var depth = 0
        var list: String?
        var i = scalars.count - 1
        while i >= 0 {
            let c = scalars[i]
            if c == ")" { depth += 1 }
            if c == "(" {
                if depth == 0 {
                    var j = i - 1
                    while j >= 0, TextDocument.isNameScalar(scalars[j]) { j -= 1 }
                    let function = String(String.UnicodeScalarView(scalars[(j + 1)..<i]))
                    let argument = String(String.UnicodeScalarView(scalars[(i + 1)...])).split(
                        separator: ",", maxSplits: 1)
                    if ["any", "all", "count"].contains(function), argument.count == 2 {
                        list = argument[0].trimmingCharacters(in: .whitespaces)
                        break
                    }
                } else {
                    depth -= 1
                }
            }
            i -= 1
        }
        self.list = list
        // Drop the partial word being typed, then look for `field op` or `field in [a, b,` at the end.
        var rest = text
        while let last = rest.unicodeScalars.last, TextDocument.isNameScalar(last) { rest.unicodeScalars.removeLast() }
        let trimmedRest = rest.trimmingCharacters(in: .whitespaces)
        inCount = trimmedRest.hasSuffix("count(")
        var field: String?
        var probe = trimmedRest
        if let bracket = probe.lastIndex(of: "["), !probe[bracket...].contains("]") {
            probe = String(probe[..<bracket]).trimmingCharacters(in: .whitespaces)
            if probe.hasSuffix(" in") {
                probe = String(probe.dropLast(3)).trimmingCharacters(in: .whitespaces)
            } else {
                probe = ""
            }
        } else {
            var stripped = false
            for op in ["==", "!=", "<=", ">=", "<", ">"] where probe.hasSuffix(op) {
                probe = String(probe.dropLast(op.count)).trimmingCharacters(in: .whitespaces)
                stripped = true
                break
            }
            if !stripped { probe = "" }
        }
        if !probe.isEmpty {
            var name = String.UnicodeScalarView()
            for s in probe.unicodeScalars.reversed() {
                guard TextDocument.isNameScalar(s) else { break }
                name.insert(s, at: name.startIndex)
            }
            if !name.isEmpty { field = String(name) }
        }
        comparedField = field
    }
}
