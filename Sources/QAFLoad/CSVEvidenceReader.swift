import QAFCore

/// Reads evidence from CSV, one provider a row, straight into the evaluator's layout (as `JSONEvidenceReader` does
/// for JSON Lines): the header is read once into a table of what each column holds.
///
/// - The header row names each column by the dotted path of a field: `as_of`, `provider.id`, `cqc.overall`,
///   `cqc.key_questions.safe`, `safeguarding.concerns`, … A column the evidence has no field for is an error.
/// - An empty cell is an absent field: unknown. `evidence` may be left out, as a column or a cell: it is 1.
/// - A list's entries are columns with an index: `events[0].type`, `events[0].date`, `events[1].type`, … Entries
///   are numbered from 0; a row fills as many as it has, from [0] without gaps, and leaves the rest empty.
/// - A list whose entry cells are all empty in a row is absent (unknown). To state that a list is empty (there are
///   none), give the list a column of its own named by its path (`events`, `cqc.enforcement`) and write `[]` in it;
///   that column holds `[]` or nothing.
/// - Booleans are `true` or `false` (`TRUE` and `FALSE` too, as spreadsheets write them); dates are YYYY-MM-DD;
///   numbers are written as JSON writes them.
/// - Quoting follows RFC 4180: a cell in double quotes may hold commas and double quotes written twice (`""`).
///   A row is one line: a quoted cell may not hold a line break.
///
/// Problems are reported at `file:line:column`, the column being the 1-based byte offset of the cell's start.
public struct CSVEvidenceReader: Sendable {
    public let schema: EvidenceSchema
    public let file: String
    let tables: CSVTables
    /// A record with every field absent, copied for each row (cheaper than making one).
    let blank: EvidenceRecord

    enum Column: Sendable {
        case leaf(ByteLeaf)
        case entry(list: Int, entry: Int, leaf: ByteLeaf)
        /// The list's own column, holding `[]` to state that it is empty.
        case emptyList(Int)
        /// `provenance.cqc.overall`: where the row's `cqc.overall` came from.
        case provenance(String)
    }

    struct ListColumns: Sendable {
        let index: Int
        let stride: Int
        var entries = 0
        /// Where the list's entries start in a row's buffer of entry values, and in its buffer of entry flags.
        var valueBase = 0
        var entryBase = 0
    }

    public init(header: some Collection<UInt8>, file: String, schema: EvidenceSchema = .standard) throws(Diagnostics) {
        self.schema = schema
        self.file = file
        let bytes = CSVCursor.trimmed(Array(header))
        var problems: [Diagnostic] = []
        let shown = bytes.count <= RecordProblems.longestShownLine ? String(decoding: bytes, as: UTF8.self) : nil
        func problem(_ message: String, at offset: Int) {
            guard problems.count < RecordProblems.listed else { return }
            problems.append(
                Diagnostic(message, at: SourceLocation(file: file, line: 1, column: offset + 1), sourceLine: shown))
        }
        var lists = schema.listOrder.map { path in
            let spec = schema.lists[path]!
            return ListColumns(index: spec.index, stride: spec.stride)
        }
        var columns: [Column] = []
        var leaves = ByteLeaves()
        var seen: [String: Int] = [:]
        do throws(CSVProblem) {
            try bytes.withUnsafeBufferPointer { (row) throws(CSVProblem) in
                var cursor = CSVCursor(row)
                var number = 0
                while let cell = try cursor.next() {
                    number += 1
                    var name = String(decoding: cell.text(in: row), as: UTF8.self)
                    if number == 1, name.hasPrefix("\u{FEFF}") { name.removeFirst() }  // a byte order mark
                    if let first = seen[name] {
                        problem("duplicate column '\(name)' (also column \(first))", at: cell.start)
                    } else if name.isEmpty {
                        problem("column \(number) of the header has no name", at: cell.start)
                    }
                    seen[name] = seen[name] ?? number
                    if let spec = schema.scalars[name] {
                        let leaf = leaves.add(path: name, kind: spec.kind, slot: spec.slot)
                        columns.append(.leaf(leaves[leaf]))
                    } else if let spec = schema.lists[name] {
                        columns.append(.emptyList(spec.index))
                    } else if let (path, entry, field) = Self.entryColumn(name), let spec = schema.lists[path],
                        let fieldSpec = spec.elementFields[field], entry < 1000
                    {
                        lists[spec.index].entries = max(lists[spec.index].entries, entry + 1)
                        let added = leaves.add(path: name, kind: fieldSpec.kind, slot: fieldSpec.slot)
                        let leaf = leaves[added]
                        columns.append(.entry(list: spec.index, entry: entry, leaf: leaf))
                    } else if name.hasPrefix(Provenance.key + ".") {
                        let path = String(name.dropFirst(Provenance.key.count + 1))
                        if Provenance.isPath(path, in: schema) {
                            columns.append(.provenance(path))
                        } else {
                            problem("column '\(name)': " + Provenance.unknownPath(path, in: schema), at: cell.start)
                        }
                    } else if !name.isEmpty {
                        problem(Self.unknownColumn(name, schema), at: cell.start)
                    }
                }
            }
        } catch {
            problem(error.message, at: error.at)
        }
        var values = 0
        var entries = 0
        for l in lists.indices {
            (lists[l].valueBase, lists[l].entryBase) = (values, entries)
            values += lists[l].entries * lists[l].stride
            entries += lists[l].entries
        }
        var required: [(column: Int, slot: Int, message: String)] = []
        var defaults: [(slot: Int, value: Double)] = []
        for (path, what, key) in Self.requiredLeaves(schema.places, what: "the evidence") {
            let spec = schema.scalars[path]!
            if case .constant(let value) = spec.kind {
                defaults.append((spec.slot, Double(value)))
            } else if let column = seen[path] {
                required.append((column - 1, spec.slot, "\(what) is missing the required key '\(key)'"))
            } else {
                problem("the header has no column '\(path)': every record needs it", at: 0)
            }
        }
        guard problems.isEmpty else { throw Diagnostics(problems) }
        blank = EvidenceRecord(schema: schema)
        tables = CSVTables(columns: columns, leaves: leaves, lists: lists, required: required, defaults: defaults)
    }

    public func read(row: UnsafeBufferPointer<UInt8>, line: Int) -> Result<EvidenceRecord, Diagnostics> {
        var reader = CSVRowReader(
            tables: tables, schema: schema, file: file, bytes: CSVCursor.trimmed(row), line: line,
            record: blank)
        reader.read()
        return reader.problems.isEmpty ? .success(reader.record) : .failure(Diagnostics(reader.problems.items))
    }

    /// Reads a row held in any collection of bytes (`[UInt8]`, `ArraySlice<UInt8>`, `String.UTF8View`, …).
    public func read(row: some Collection<UInt8>, line: Int) -> Result<EvidenceRecord, Diagnostics> {
        if let result = row.withContiguousStorageIfAvailable({ read(row: $0, line: line) }) { return result }
        return Array(row).withUnsafeBufferPointer { read(row: $0, line: line) }
    }

    /// `events[2].type` as (`events`, 2, `type`); the index is written without leading zeros.
    static func entryColumn(_ name: String) -> (String, Int, String)? {
        guard let open = name.firstIndex(of: "["), let close = name[open...].firstIndex(of: "]") else { return nil }
        let digits = name[name.index(after: open)..<close]
        let rest = name[name.index(after: close)...]
        guard let entry = Int(digits), digits.allSatisfy(\.isASCII), String(entry) == digits, rest.hasPrefix(".")
        else { return nil }
        return (String(name[..<open]), entry, String(rest.dropFirst()))
    }

    static func unknownColumn(_ name: String, _ schema: EvidenceSchema) -> String {
        if let (path, entry, _) = entryColumn(name), schema.lists[path] != nil, entry >= 1000 {
            return "column '\(name)': a row may hold at most 1000 entries of '\(path)'"
        }
        let entry = entryColumn(name)?.1 ?? 0
        let entryFields = schema.listOrder.flatMap { path in
            schema.lists[path]!.elementFieldOrder.map { "\(path)[\(entry)].\($0)" }
        }
        return "unknown column '\(name)'; expected the dotted name of an evidence field, such as "
            + "'\(schema.exampleField)', or of a field of a list's entry, such as '\(schema.exampleEntryColumn)'"
            + NearestName.hint(name, among: schema.allPaths + entryFields)
    }

    /// The leaves that are required all the way from the root: (path, what holds it, key) as messages name them.
    static func requiredLeaves(_ places: [SchemaPlace], what: String) -> [(String, String, String)] {
        places.filter(\.member.required).flatMap { place -> [(String, String, String)] in
            guard case .object(let children) = place.layout else { return [(place.path, what, place.member.name)] }
            return requiredLeaves(children, what: "'\(place.path)'")
        }
    }
}

/// What the header says each column holds; a class, so that reading a row copies one reference.
final class CSVTables: Sendable {
    /// What each column holds, in header order, and the leaves the columns name.
    let columns: [CSVEvidenceReader.Column]
    let leaves: ByteLeaves
    /// Every list of the schema, with room in a row's scratch buffers for the entries the header has columns for.
    let lists: [CSVEvidenceReader.ListColumns]
    /// Leaves every record needs: the column that holds each, and the message when its cell is empty.
    let required: [(column: Int, slot: Int, message: String)]
    /// Leaves with one possible value (the format version), set when a row leaves them empty.
    let defaults: [(slot: Int, value: Double)]

    init(
        columns: [CSVEvidenceReader.Column], leaves: ByteLeaves, lists: [CSVEvidenceReader.ListColumns],
        required: [(column: Int, slot: Int, message: String)], defaults: [(slot: Int, value: Double)]
    ) {
        (self.columns, self.leaves, self.lists, self.required, self.defaults) =
            (columns, leaves, lists, required, defaults)
    }
}

/// The state of reading one row.
struct CSVRowReader {
    let tables: CSVTables
    let schema: EvidenceSchema
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    let line: Int
    var record: EvidenceRecord
    var problems = RecordProblems()
    /// The values of every list's entries, and whether each entry has a cell filled; then where each list's `[]` is.
    lazy var entryValues = [Double](
        repeating: .nan, count: tables.lists.last.map { $0.valueBase + $0.entries * $0.stride } ?? 0)
    lazy var filled = [Bool](repeating: false, count: tables.lists.last.map { $0.entryBase + $0.entries } ?? 0)
    var emptyListCells: [Int] = []

    init(
        tables: CSVTables, schema: EvidenceSchema, file: String, bytes: UnsafeBufferPointer<UInt8>, line: Int,
        record: EvidenceRecord
    ) {
        (self.tables, self.schema, self.file, self.bytes, self.line, self.record) =
            (tables, schema, file, bytes, line, record)
    }

    mutating func read() {
        guard !bytes.isEmpty else { return report("the row is empty", at: 0) }
        var cursor = CSVCursor(bytes)
        var c = 0
        do throws(CSVProblem) {
            while let cell = try cursor.next() {
                let count = tables.columns.count
                guard c < count else {
                    throw CSVProblem("the row has more cells than the header has columns (\(count))", cell.start)
                }
                if !cell.content.isEmpty {
                    if cell.hasDoubledQuotes {
                        cell.unquoted(in: bytes).withUnsafeBufferPointer { store($0, column: c, at: cell.start) }
                    } else {
                        store(UnsafeBufferPointer(rebasing: bytes[cell.content]), column: c, at: cell.start)
                    }
                }
                c += 1
            }
            if c < tables.columns.count {
                throw CSVProblem(
                    "the row has \(c) cells but the header has \(tables.columns.count) columns", bytes.count)
            }
        } catch {
            return report(error.message, at: error.at)
        }
        finishLists()
        for (slot, value) in tables.defaults where record.scalars[slot].isNaN { record.scalars[slot] = value }
        for (column, slot, message) in tables.required where record.scalars[slot].isNaN {
            let at = cellStart(column)
            // A value that was there but did not fit has been reported already.
            if !problems.items.contains(where: { $0.location.column == at + 1 }) { report(message, at: at) }
        }
    }

    private mutating func store(_ text: UnsafeBufferPointer<UInt8>, column c: Int, at: Int) {
        switch tables.columns[c] {
        case .leaf(let leaf):
            if let value = value(text, leaf, at: at) { record.scalars[leaf.slot] = value }
        case .entry(let l, let entry, let leaf):
            let list = tables.lists[l]
            if let value = value(text, leaf, at: at) {
                entryValues[list.valueBase + entry * list.stride + leaf.slot] = value
            }
            filled[list.entryBase + entry] = true  // even when its value was wrong: the entry is there
        case .provenance(let path):
            record.provenance[path] = String(decoding: text, as: UTF8.self)
        case .emptyList(let l):
            if emptyListCells.isEmpty { emptyListCells = Array(repeating: -1, count: tables.lists.count) }
            if ByteText.equals(text, "[]") { return emptyListCells[l] = at }
            let path = schema.listOrder[l]
            let field = schema.lists[path]!.elementFieldOrder.first ?? "field"
            let found = String(decoding: text, as: UTF8.self)
            report(
                "'\(path)' must be [] to state that the list is empty, found '\(found)'; give its entries in columns "
                    + "such as '\(path)[0].\(field)'", at: at)
        }
    }

    /// The value of a cell for a leaf, checked as `EvidenceReader` checks a plain YAML value.
    private mutating func value(_ text: UnsafeBufferPointer<UInt8>, _ leaf: ByteLeaf, at: Int) -> Double? {
        switch leaf.kind {
        case .text:
            if let s = ByteText.string(text) {
                record.texts.append(s)
                return Double(record.texts.count - 1)
            }
        case .date:
            if let day = Day.parse(bytes: text) { return Double(day) }
        case .enumeration:
            if let ordinal = tables.leaves.ordinal(leaf, of: text) { return Double(ordinal) }
        case .boolean:
            if ByteText.equals(text, "true") || ByteText.equals(text, "TRUE") { return 1 }
            if ByteText.equals(text, "false") || ByteText.equals(text, "FALSE") { return 0 }
        case .count, .number, .constant:
            if let number = ByteScan.number(text) {
                if let value = leaf.value(of: number) { return value }
                if let range = leaf.range(missedBy: number) {
                    report(tables.leaves.outOfRange(leaf, String(decoding: text, as: UTF8.self), range), at: at)
                    return nil
                }
            }
        }
        report(tables.leaves.mismatch(leaf, String(decoding: text, as: UTF8.self)), at: at)
        return nil
    }

    /// Each list's count: its filled entries from [0] without gaps; absent when none is filled and no `[]` is given.
    private mutating func finishLists() {
        for (l, list) in tables.lists.enumerated() {
            let emptyListCell = emptyListCells.isEmpty ? -1 : emptyListCells[l]
            guard list.entries > 0 || emptyListCell >= 0 else { continue }
            let count = (0..<list.entries).last { filled[list.entryBase + $0] }.map { $0 + 1 } ?? 0
            if let gap = (0..<count).first(where: { !filled[list.entryBase + $0] }) {
                let column = tables.columns.firstIndex {
                    if case .entry(l, count - 1, _) = $0 { return true } else { return false }
                }
                report(
                    "entry \(gap) of '\(schema.listOrder[l])' is empty but entry \(count - 1) is not; fill entries "
                        + "from [0] without gaps", at: cellStart(column ?? 0))
            } else if emptyListCell >= 0 {
                guard count == 0 else {
                    report(
                        "'\(schema.listOrder[l])' is [] (empty) but cells of its entries are filled", at: emptyListCell)
                    continue
                }
                record.lists[list.index] = EvidenceList(count: 0)
            } else if count > 0 {
                let start = list.valueBase
                record.lists[list.index] = EvidenceList(
                    count: count, values: Array(entryValues[start..<start + count * list.stride]))
            }
        }
    }

    /// Where cell `column` starts (a slow path, for messages).
    private func cellStart(_ column: Int) -> Int {
        var cursor = CSVCursor(bytes)
        for _ in 0..<column { _ = try? cursor.next() }
        return (try? cursor.next())?.start ?? bytes.count
    }

    private mutating func report(_ message: String, at offset: Int) {
        problems.append(message, file: file, line: line, column: offset + 1, text: bytes)
    }
}

struct CSVProblem: Error {
    let message: String
    let at: Int
    init(_ message: String, _ at: Int) { (self.message, self.at) = (message, at) }
}

/// Walks the cells of one CSV row as RFC 4180 writes them, without copying them.
struct CSVCursor {
    struct Cell {
        let start: Int
        let content: Range<Int>
        let hasDoubledQuotes: Bool

        /// A quoted cell's content with each doubled quote made single.
        func unquoted(in row: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            var k = content.lowerBound
            while k < content.upperBound {
                out.append(row[k])
                k += row[k] == UInt8(ascii: "\"") ? 2 : 1
            }
            return out
        }

        func text(in row: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            hasDoubledQuotes ? unquoted(in: row) : Array(row[content])
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var done = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() throws(CSVProblem) -> Cell? {
        guard !done else { return nil }
        let start = i
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            while i < bytes.count, bytes[i] != UInt8(ascii: ",") { i += 1 }
            defer { finishCell() }
            return Cell(start: start, content: start..<i, hasDoubledQuotes: false)
        }
        i += 1
        var doubled = false
        while true {
            guard i < bytes.count else {
                throw CSVProblem(
                    "a quoted cell is not closed before the end of the line (a cell may not hold a line break)", start)
            }
            if bytes[i] == UInt8(ascii: "\"") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") else { break }
                doubled = true
                i += 1
            }
            i += 1
        }
        let content = start + 1..<i
        i += 1
        guard i == bytes.count || bytes[i] == UInt8(ascii: ",") else {
            throw CSVProblem(
                "expected ',' after the closing quote of a cell; a quote inside a quoted cell is written twice (\"\")",
                i)
        }
        finishCell()
        return Cell(start: start, content: content, hasDoubledQuotes: doubled)
    }

    /// Steps over the comma after a cell; the last cell has none.
    private mutating func finishCell() {
        if i < bytes.count { i += 1 } else { done = true }
    }

    /// A line without its line break.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[0..<end])
    }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return Array(bytes[0..<end])
    }
}
