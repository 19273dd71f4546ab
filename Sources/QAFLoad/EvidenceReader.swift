import QAFCore
import Yams

/// Reads an evidence file (YAML or JSON) into the evaluator's layout, checking it against the evidence schema.
/// A misspelt field is an error with a suggestion: it must never silently become "unknown".
public struct EvidenceReader {
    public let schema: EvidenceSchema

    public init(schema: EvidenceSchema = .standard) { self.schema = schema }

    public func read(file: String, text: String) -> Result<EvidenceRecord, Diagnostics> {
        let source = SourceText(file: file, text: text)
        let root: Node?
        do { root = try source.compose() } catch { return .failure(error) }
        let reader = NodeReader(source: source)
        guard let root else {
            reader.error("the evidence file is empty", at: source.location(line: 1, column: 1))
            return .failure(reader.diagnostics)
        }
        return read(root, reader: reader)
    }

    /// Reads an already composed node (an inline `evidence:` of a fixture suite).
    public func read(_ root: Node, reader: NodeReader) -> Result<EvidenceRecord, Diagnostics> {
        var record = EvidenceRecord(schema: schema)
        let before = reader.diagnostics.items.count
        readObject(root, members: schema.root, prefix: "", what: "the evidence", into: &record, reader)
        let mine = Diagnostics(Array(reader.diagnostics.items[before...]))
        return mine.hasErrors ? .failure(mine) : .success(record)
    }

    private func readObject(
        _ node: Node, members: [SchemaMember], prefix: String, what: String, into record: inout EvidenceRecord,
        _ r: NodeReader
    ) {
        let atRoot = prefix.isEmpty
        var allowed = members.map(\.name)
        let perPolicy = prefix == "previous" ? Self.policyEntries(node, besides: allowed) : []
        allowed += perPolicy.map(\.key)
        guard
            let map = r.mapping(
                node, what, allowed: allowed, required: members.filter(\.required).map(\.name),
                unlisted: atRoot ? [Provenance.key] : [])
        else { return }
        for (policy, value) in perPolicy { readPolicyPrevious(policy, value, into: &record, r) }
        if atRoot, let sources = map[Provenance.key], !Self.isNull(sources) {
            readProvenance(sources, into: &record, r)
        }
        for member in members {
            guard let value = map[member.name] else { continue }
            let path = prefix.isEmpty ? member.name : prefix + "." + member.name
            if Self.isNull(value) {
                if member.required {
                    r.error("\(what) needs a value for the required key '\(member.name)', found null", at: value)
                }
                continue  // an explicit null is the same as leaving the field out: unknown
            }
            switch member.node {
            case .object(let children):
                readObject(value, members: children, prefix: path, what: "'\(path)'", into: &record, r)
            case .field(.list(let elementMembers)):
                readList(value, path: path, elementMembers: elementMembers, into: &record, r)
            case .field(let kind):
                guard let spec = schema.scalars[path] else { continue }
                if let v = scalar(value, kind: kind, path: path, record: &record, r) { record.scalars[spec.slot] = v }
            }
        }
    }

    /// `provenance:`, a mapping from field paths to the text of where each came from.
    private func readProvenance(_ node: Node, into record: inout EvidenceRecord, _ r: NodeReader) {
        guard case .mapping(let map) = node else {
            return r.error(
                "'provenance' must be a mapping of field paths to sources, found \(r.describe(node))", at: node)
        }
        for (key, value) in map {
            guard let path = key.scalar?.string else {
                r.error("'provenance' has a key that is not a plain name", at: key)
                continue
            }
            guard Provenance.isPath(path, in: schema) else {
                r.error(Provenance.unknownPath(path, in: schema), at: key)
                continue
            }
            guard let source = value.scalar?.string, !source.isEmpty, !Self.isNull(value) else {
                r.error("the source of '\(path)' in 'provenance' must be text, found \(r.describe(value))", at: value)
                continue
            }
            record.provenance[path] = source
        }
    }

    /// The keys of `previous` that name a policy (a lower_snake_case key holding a mapping), in order.
    private static func policyEntries(_ node: Node, besides names: [String]) -> [(key: String, value: Node)] {
        guard case .mapping(let map) = node else { return [] }
        return map.compactMap { key, value in
            guard let name = key.scalar?.string, !names.contains(name), PolicyPrevious.isPolicyKey(name),
                case .mapping = value
            else { return nil }
            return (name, value)
        }
    }

    /// `previous: {salford: {level: 2, since: 2026-04-01}}`: the level one policy last gave.
    private func readPolicyPrevious(_ policy: String, _ node: Node, into record: inout EvidenceRecord, _ r: NodeReader)
    {
        let path = "previous.\(policy)"
        guard let map = r.mapping(node, "'\(path)'", allowed: ["level", "since"]) else { return }
        var entry = PolicyPrevious(policy: policy, level: nil, since: .nan)
        if let value = map["level"], !Self.isNull(value),
            let index = scalar(value, kind: .levelID, path: path + ".level", record: &record, r)
        {
            entry.level = record.texts[Int(index)]
        }
        if let value = map["since"], !Self.isNull(value),
            let day = scalar(value, kind: .date, path: path + ".since", record: &record, r)
        {
            entry.since = day
        }
        record.previousByPolicy.append(entry)
    }

    private func readList(
        _ node: Node, path: String, elementMembers: [SchemaMember], into record: inout EvidenceRecord, _ r: NodeReader
    ) {
        guard let spec = schema.lists[path], let items = r.sequence(node, "'\(path)'") else { return }
        var values: [Double] = []
        values.reserveCapacity(items.count * spec.stride)
        for item in items {
            guard let map = r.mapping(item, "an entry of '\(path)'", allowed: spec.elementFieldOrder) else { continue }
            for name in spec.elementFieldOrder {
                let field = spec.elementFields[name]!
                var v = Double.nan
                if let valueNode = map[name], !Self.isNull(valueNode),
                    let parsed = scalar(valueNode, kind: field.kind, path: "\(path)[].\(name)", record: &record, r)
                {
                    v = parsed
                }
                values.append(v)
            }
        }
        record.lists[spec.index] = EvidenceList(count: values.count / max(1, spec.stride), values: values)
    }

    private func scalar(_ node: Node, kind: FieldKind, path: String, record: inout EvidenceRecord, _ r: NodeReader)
        -> Double?
    {
        guard let s = node.scalar else {
            r.error("'\(path)' must be \(Self.expectation(kind)), found \(r.describe(node))", at: node)
            return nil
        }
        let text = s.string
        let plain = s.style == .plain
        func fail() -> Double? {
            r.error("'\(path)' must be \(Self.expectation(kind)), found '\(text)'", at: node)
            return nil
        }
        func outOfRange(_ range: NumberRange) -> Double? {
            r.error("'\(path)' must be \(range.words), found '\(text)'", at: node)
            return nil
        }
        switch kind {
        case .constant(let value):
            guard plain, Int(text) == value else { return fail() }
            return Double(value)
        case .count(let declared):
            guard plain, let v = Double(text), v >= 0, Int(text) != nil || text.allSatisfy(\.isASCIIDigit) else {
                return fail()
            }
            guard NumberRange.count.contains(v) else { return outOfRange(.count) }
            return declared.contains(v) ? v + 0 : fail()  // a policy's own bounds (`vocabulary:`)
        case .number(let declared):
            guard plain, let v = Double(text), v >= 0, !text.lowercased().contains("inf") else { return fail() }
            guard NumberRange.number.contains(v) else { return outOfRange(.number) }
            return declared.contains(v) ? v : fail()
        case .boolean:
            guard plain, text == "true" || text == "false" else { return fail() }
            return text == "true" ? 1 : 0
        case .date:
            guard let day = Day.parse(text) else { return fail() }
            return Double(day)
        case .text, .levelID:
            return Double(appendText(text, to: &record))
        case .enumeration(let type):
            guard let ordinal = type.ordinal(of: text) else {
                r.error(
                    "'\(text)' is not a value of '\(path)'; expected one of \(type.members.joined(separator: ", "))"
                        + NearestName.hint(text, among: type.members), at: node)
                return nil
            }
            return Double(ordinal)
        case .list:
            return fail()
        }
    }

    private func appendText(_ text: String, to record: inout EvidenceRecord) -> Int {
        record.texts.append(text)
        return record.texts.count - 1
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return s.string.isEmpty || s.string == "null" || s.string == "~"
    }

    public static func expectation(_ kind: FieldKind) -> String {
        switch kind {
        case .constant(let v): return "\(v)"
        case .count(let range): return "a whole number \(range.words)"
        case .number(let range): return "\(range.isPercent ? "a percentage" : "a number") \(range.words)"
        case .boolean: return "true or false"
        case .date: return "a date written YYYY-MM-DD"
        case .text: return "text"
        case .levelID: return "a level id (a whole number or a word)"
        case .enumeration(let type): return "one of \(type.members.joined(separator: ", "))"
        case .list: return "a list"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
