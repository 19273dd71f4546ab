import QAFCore

/// The evidence vocabulary as a Markdown table: the README's table of standard evidence (a test keeps it equal to
/// `Vocabulary/standard.yaml`) and the local evidence section of a policy document.
public enum VocabularyTable {
    public static func markdown(_ fields: [(path: String, member: SchemaMember)]) -> String {
        var out = "| field | type and values (best to worst where ordered) | means |\n|---|---|---|\n"
        for (path, member) in fields {
            guard case .field(let kind) = member.node else { continue }
            let name = if case .list = kind { "\(path)[]" } else { path }
            let values = MarkdownText.authoredCell(words(kind), trimmingLines: false)
            out += "| `\(name)` | \(values) | \(MarkdownText.authoredCell(member.doc, trimmingLines: false)) |\n"
        }
        return out
    }

    /// Every field of a schema, in order, with its path.
    public static func fields(of schema: EvidenceSchema) -> [(path: String, member: SchemaMember)] {
        schema.fields.map { ($0.path, $0.member) }
    }

    /// What a field holds, in the words of the README: "whole number of 0 or more", "good, mixed (ordered)".
    public static func words(_ kind: FieldKind) -> String {
        switch kind {
        case .constant(let v): return "always \(v)"
        case .count(let range): return "whole number \(range.words)"
        case .number(let range): return "\(range.isPercent ? "percentage" : "number") \(range.words)"
        case .boolean: return "true / false"
        case .date: return "date (YYYY-MM-DD)"
        case .text: return "text"
        case .levelID: return "a level id of the policy"
        case .enumeration(let e):
            let ordered = e.members.filter { !e.unorderedMembers.contains($0) }
            guard e.isOrdered else { return e.members.joined(separator: ", ") }
            let outside = e.members.filter { e.unorderedMembers.contains($0) }
            return ordered.joined(separator: ", ") + " (ordered)"
                + (outside.isEmpty ? "" : "; " + outside.joined(separator: ", ") + " (never better or worse)")
        case .list(let members):
            let entries = members.map { member -> String in
                guard case .field(let k) = member.node else { return member.name }
                return "\(member.name): \(words(k))"
            }
            return "list of `{" + entries.joined(separator: "; ") + "}`"
        }
    }
}
