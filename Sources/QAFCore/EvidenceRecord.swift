/// One provider's evidence in the layout the evaluator reads: every scalar at a fixed slot, absent as NaN.
///
/// Numbers, booleans (0/1), dates (day numbers) and enum values (ordinals) all fit a Double exactly, so a
/// criterion reads a field with one array index and no look-up by name.
public struct EvidenceRecord: Sendable {
    public var scalars: [Double]
    public var lists: [EvidenceList]
    /// Text values (provider id and name, partners, word level ids); a text slot holds an index into this.
    public var texts: [String]
    /// Previous levels given per policy (`previous: {salford: {level: 2, since: …}}`), beside the plain
    /// `previous.level` / `previous.since`; empty for most evidence.
    public var previousByPolicy: [PolicyPrevious]
    /// Where each fact came from (field path → source), as `qaf gather` writes it; reports show it, conditions never
    /// read it.
    public var provenance: [String: String] = [:]

    public init(schema: EvidenceSchema) {
        scalars = Array(repeating: .nan, count: schema.scalarOrder.count)
        lists = Array(repeating: EvidenceList(), count: schema.listOrder.count)
        texts = []
        previousByPolicy = []
    }

    public func text(slot: Int) -> String? {
        let value = scalars[slot]
        return value.isNaN ? nil : texts[Int(value)]
    }
}

/// The level one policy last gave, as a per-policy entry of `previous`.
public struct PolicyPrevious: Sendable, Equatable {
    public var policy: String
    /// The level id as written; nil when the entry gives none.
    public var level: String?
    /// The day number of `since`; NaN when absent.
    public var since: Double

    public init(policy: String, level: String?, since: Double) {
        self.policy = policy
        self.level = level
        self.since = since
    }

    /// Whether a `previous` key names a policy: a policy id is lower_snake_case.
    public static func isPolicyKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// A list field: absent (unknown) is different from empty (a statement that there are none).
public struct EvidenceList: Sendable {
    /// -1 when the list is absent.
    public var count: Int = -1
    /// `count × stride` values, element after element.
    public var values: [Double] = []

    public init(count: Int = -1, values: [Double] = []) {
        self.count = count
        self.values = values
    }
}

/// Where a record came from, for batch reports and error messages.
public struct EvidenceOrigin: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// Line of the record in a JSON Lines file, row in a CSV file; nil for a file holding one provider.
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    public var description: String { line.map { "\(file):\($0)" } ?? file }
}
