import QAFCore
import QAFLoad

/// Evidence as CSV: one column for every field of the vocabulary, named by its dotted path (`cqc.overall`,
/// `cqc.key_questions.safe`), and lists spread over indexed columns (`events[0].type`, `events[0].date`,
/// `events[1].type`, …) up to `maxListEntries` entries. An empty cell means the field is absent (unknown).
/// Each list also has a column named by its path (`events`, `cqc.enforcement`) that holds `[]` when the list is
/// known to be empty (no events), as `CSVEvidenceReader` reads it; entry cells all empty and no `[]` is unknown.
///
/// The columns come from `EvidenceSchema.standard`, so a field added to the vocabulary gets its column here.
enum CSVRow {
    /// The most entries a list keeps in CSV; the generator never writes longer lists.
    static let maxListEntries = 3

    static func header(schema: EvidenceSchema = .standard) -> String {
        var names: [String] = []
        columns(schema.root, prefix: "", into: &names)
        return names.map(CSVField.quoted).joined(separator: ",")
    }

    static func render(_ members: EvidenceMembers, schema: EvidenceSchema = .standard) -> String {
        var out = ""
        out.reserveCapacity(900)
        var first = true
        cells(schema.root, members, into: &out, first: &first)
        return out
    }

    private static func columns(_ schema: [SchemaMember], prefix: String, into names: inout [String]) {
        for member in schema {
            let path = prefix + member.name
            switch member.node {
            case .object(let children): columns(children, prefix: path + ".", into: &names)
            case .field(.list(let elementFields)):
                names.append(path)
                for i in 0..<maxListEntries {
                    for f in elementFields { names.append("\(path)[\(i)].\(f.name)") }
                }
            case .field: names.append(path)
            }
        }
    }

    /// Walks the schema and the record together, so every row has the header's columns in the header's order.
    private static func cells(
        _ schema: [SchemaMember], _ members: EvidenceMembers, into out: inout String, first: inout Bool
    ) {
        for member in schema {
            let value = members.first { $0.name == member.name }?.value
            switch member.node {
            case .object(let children):
                if case .object(let inner) = value {
                    cells(children, inner, into: &out, first: &first)
                } else {
                    cells(children, [], into: &out, first: &first)
                }
            case .field(.list(let elementFields)):
                var entries: [EvidenceMembers] = []
                if case .list(let list) = value { entries = list }
                cell(value != nil && entries.isEmpty ? "[]" : nil, into: &out, first: &first)
                for i in 0..<maxListEntries {
                    cells(elementFields, i < entries.count ? entries[i] : [], into: &out, first: &first)
                }
            case .field:
                cell(value.map(text), into: &out, first: &first)
            }
        }
    }

    private static func cell(_ text: String?, into out: inout String, first: inout Bool) {
        if !first { out.append(",") }
        first = false
        if let text { out.append(CSVField.quoted(text)) }
    }

    private static func text(_ value: EvidenceValue) -> String {
        switch value {
        case .count(let n): return String(n)
        case .halves(let h): return JSONLine.halves(h)
        case .boolean(let b): return b ? "true" : "false"
        case .text(let s): return s
        case .date(let d): return Day.format(d)
        case .object, .list: return ""
        }
    }

}
