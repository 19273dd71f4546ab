/// One provider's evidence in the layout the evaluator reads: every scalar at a fixed slot, absent as NaN.
///
/// Numbers, booleans (0/1), dates (day numbers) and enum values (ordinals) all fit a Double exactly, so a
/// criterion reads a field with one array index and no look-up by name.
public struct EvidenceRecord: Sendable {
    public var scalars: [Double]
    public var lists: [EvidenceList]
    /// Text values (provider id and name, partners, word level ids); a text slot holds an index into this.
    public var texts: [String]
    /// Where each fact came from (field path → source), as `qaf gather` writes it; reports show it, conditions never
    /// read it.
    public var provenance: [String: String] = [:]

    public init(schema: EvidenceSchema) {
        scalars = Array(repeating: .nan, count: schema.scalarOrder.count)
        lists = Array(repeating: EvidenceList(), count: schema.listOrder.count)
        texts = []
    }

    public func text(slot: Int) -> String? {
        let value = scalars[slot]
        return value.isNaN ? nil : texts[Int(value)]
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
