import QAFCore

/// Where a fact came from: the text its record's `provenance:` gives, the place an error message points at, and the
/// names `--prefer` may give it.
public struct FactSource: Hashable, Sendable {
    /// `CQC API location 1-125856395, report 2019-10-31`, `contracts.csv:14`.
    public var provenance: String
    /// The file and line the fact was read from (for errors about it).
    public var origin: SourceLocation
    /// `cqc` for CQC's data; `local` and the file's path for the authority's records.
    public var names: [String]

    public init(provenance: String, origin: SourceLocation, names: [String]) {
        (self.provenance, self.origin, self.names) = (provenance, origin, names)
    }

    /// How an error names the source: the provenance, and the file and line when the provenance does not say them.
    public var described: String {
        let place = "\(origin.file):\(origin.line)"
        return provenance.contains(place) || provenance == origin.file ? provenance : "\(provenance) (\(place))"
    }
}

/// One value of the evidence vocabulary, as gathered.
public enum FactValue: Hashable, Sendable, CustomStringConvertible {
    case text(String)
    /// A value of an enumeration (`requires_improvement`).
    case word(String)
    case number(Double)
    case boolean(Bool)
    /// Days since 1970-01-01.
    case date(Int)

    public var description: String {
        switch self {
        case .text(let s): return "'\(s)'"
        case .word(let s): return s
        case .number(let n): return NumberText.format(n)
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return Day.format(d)
        }
    }
}

/// A fact: a value and where it came from.
public struct Fact: Sendable {
    public var value: FactValue
    public var source: FactSource
}

/// An entry of a list (an event, a breach): its fields, and where it came from.
public struct ListEntry: Sendable {
    public var fields: [String: FactValue]
    public var source: FactSource
}

/// What is known of a list: its entries, or a statement that there are none.
public struct ListFact: Sendable {
    public var entries: [ListEntry] = []
    /// Set when a source stated that the list is empty (`[]`).
    public var statedEmpty: FactSource?
}

/// Everything gathered about one provider, by field path.
public struct ProviderFacts: Sendable {
    public var id: String
    public var scalars: [String: Fact] = [:]
    public var lists: [String: ListFact] = [:]
    /// Where the provider was first met (for messages about it).
    public var origin: SourceLocation
    /// Whether CQC's data is among the sources.
    public var fromCQC = false

    public init(id: String, origin: SourceLocation) {
        (self.id, self.origin) = (id, origin)
    }

    /// The paths of the known scalar facts: the vocabulary's order, then per-policy `previous` entries by name.
    public func scalarPaths(_ schema: EvidenceSchema) -> [String] {
        schema.scalarOrder.filter { scalars[$0] != nil }
            + scalars.keys.filter { schema.scalars[$0] == nil }.sorted()
    }

    public mutating func set(_ path: String, _ value: FactValue, from source: FactSource) {
        scalars[path] = Fact(value: value, source: source)
    }

    public mutating func add(_ list: String, _ fields: [String: FactValue], from source: FactSource) {
        lists[list, default: ListFact()].entries.append(ListEntry(fields: fields, source: source))
    }
}
