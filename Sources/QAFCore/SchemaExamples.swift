/// Fields and values of a schema to show in messages ("such as exists(…)"), taken from the schema itself so that
/// no message names a field the vocabulary might not have.
extension EvidenceSchema {
    /// The first field holding a set of ordered values: what `exists(…)` and comparisons are shown with.
    public var exampleField: String {
        scalarOrder.first { if case .enumeration(let e) = scalars[$0]!.kind { e.isOrdered } else { false } }
            ?? scalarOrder.last ?? "a.field"
    }

    /// The two worst values of `exampleField`, as an `in` list: `[requires_improvement, inadequate]`.
    public var exampleValues: String {
        guard case .enumeration(let e)? = scalars[exampleField]?.kind else { return "[a, b]" }
        let ordered = e.members.filter { !e.unorderedMembers.contains($0) }
        return "[" + ordered.suffix(2).joined(separator: ", ") + "]"
    }

    /// A list and a condition on its entries: `events, type == police_incident`.
    public var exampleListCondition: String {
        for path in listOrder {
            let list = lists[path]!
            for name in list.elementFieldOrder {
                if case .enumeration(let e) = list.elementFields[name]!.kind, let value = e.members.first {
                    return "\(path), \(name) == \(value)"
                }
            }
        }
        return listOrder.first.map { "\($0), …" } ?? "a_list, …"
    }

    /// A list entry's field as a CSV column: `events[0].type`.
    public var exampleEntryColumn: String {
        listOrder.first.map { "\($0)[0].\(lists[$0]!.elementFieldOrder[0])" } ?? "a_list[0].field"
    }

    /// An entry of a list, as `provenance:` names one: `events[0]`.
    public var exampleListEntry: String { listOrder.first.map { "\($0)[0]" } ?? "a_list[0]" }

    /// A date the evidence holds other than `as_of`.
    public var exampleDate: String {
        for path in scalarOrder where path != "as_of" {
            if case .date = scalars[path]!.kind { return path }
        }
        return "as_of"
    }
}
