/// The `provenance:` mapping of an evidence record: for each gathered fact, where it came from
/// (`CQC API location 1-…, report 2019-10-31`, `contracts.csv:14`). It is part of the evidence format but no
/// condition reads it; decisions quote it beside the evidence a reason rests on.
public enum Provenance {
    /// The key of the mapping at the top of an evidence record.
    public static let key = "provenance"

    /// Whether `path` names something a source can be given for: a field (`cqc.overall`), a list (`events`) or one
    /// entry of a list (`events[0]`).
    public static func isPath(_ path: String, in schema: EvidenceSchema) -> Bool {
        if schema.scalars[path] != nil || schema.lists[path] != nil { return true }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "previous", ["level", "since"].contains(parts[2]),
            PolicyPrevious.isPolicyKey(String(parts[1]))
        {
            return true  // a per-policy entry of `previous`
        }
        guard let (list, _) = entry(path) else { return false }
        return schema.lists[list] != nil
    }

    /// The message for a key of `provenance:` that names no field, with the nearest name for a likely typo.
    public static func unknownPath(_ path: String, in schema: EvidenceSchema) -> String {
        "unknown field '\(path)' in 'provenance'; expected the dotted name of an evidence field such as "
            + "'\(schema.exampleField)', or an entry of a list such as '\(schema.exampleListEntry)'"
            + NearestName.hint(path, among: schema.allPaths)
    }

    /// `events[3]` as (`events`, 3); the index is written without leading zeros.
    public static func entry(_ path: String) -> (String, Int)? {
        guard path.hasSuffix("]"), let open = path.lastIndex(of: "[") else { return nil }
        let digits = path[path.index(after: open)..<path.index(before: path.endIndex)]
        guard let index = Int(digits), index >= 0, String(index) == digits else { return nil }
        return (String(path[..<open]), index)
    }

    /// The sources of the known facts among `paths` (a criterion's fields; `events[].type` stands for every entry of
    /// `events`), in order and without repeats.
    public static func sources(of paths: [String], in record: EvidenceRecord, schema: EvidenceSchema) -> [String] {
        guard !record.provenance.isEmpty else { return [] }
        var found: [String] = []
        func add(_ key: String) {
            if let source = record.provenance[key], !found.contains(source) { found.append(source) }
        }
        for path in paths {
            let listPath = path.firstIndex(of: "[").map { String(path[..<$0]) } ?? path
            if let list = schema.lists[listPath] {
                let count = record.lists[list.index].count
                guard count >= 0 else { continue }
                add(listPath)
                for i in 0..<count { add("\(listPath)[\(i)]") }
            } else if let spec = schema.scalars[path], !record.scalars[spec.slot].isNaN {
                add(path)
            }
        }
        return found
    }
}
