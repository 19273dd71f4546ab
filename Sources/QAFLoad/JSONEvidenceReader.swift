import QAFCore

/// Reads one provider's evidence from one JSON object (one line of a JSON Lines file) straight into the evaluator's
/// layout, for batches of millions of records.
///
/// The bytes are parsed here, not by Foundation: keys and enum values are matched as bytes against tables built at
/// `init`, so the hot path makes a String only for text values. The record, and the message for every value that
/// does not fit the vocabulary, is the one `EvidenceReader` gives for the same JSON: `null` is absent (in list entries
/// too), a misspelt key or value is an error with a suggestion. Syntax errors stop the line; they are worded for
/// JSON ("expected ',' or '}' …"), and JSON's own rules hold (no raw control characters in strings; `\u` escapes may
/// be surrogate pairs). A repeated key is reported where it repeats.
///
/// Positions are `file:line:column`, with `line` as given and the column the 1-based byte offset in `bytes`, which
/// should be the whole line (a line break at its end is allowed).
public struct JSONEvidenceReader: Sendable {
    public let schema: EvidenceSchema
    let tables: ByteSchema
    /// A record with every field absent, copied for each line (cheaper than making one).
    let blank: EvidenceRecord

    public init(schema: EvidenceSchema = .standard) {
        self.schema = schema
        self.tables = ByteSchema(schema)
        self.blank = EvidenceRecord(schema: schema)
    }

    public func read(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int
    ) -> Result<EvidenceRecord, Diagnostics> {
        var parser = JSONRecordParser(
            tables: tables, bytes: bytes, record: blank, file: file, line: line)
        parser.readLine()
        return parser.problems.isEmpty ? .success(parser.record) : .failure(Diagnostics(parser.problems))
    }

    /// Reads a line held in any collection of bytes (`[UInt8]`, `ArraySlice<UInt8>`, `String.UTF8View`, …).
    public func read(_ bytes: some Collection<UInt8>, file: String, line: Int) -> Result<EvidenceRecord, Diagnostics> {
        if let result = bytes.withContiguousStorageIfAvailable({ read($0, file: file, line: line) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { read($0, file: file, line: line) }
    }
}

/// A syntax error has been reported: the rest of the line cannot be read.
struct JSONStop: Error {}

/// The state of reading one line. Lists do not nest, so the entries of the list being read share one buffer.
struct JSONRecordParser {
    let tables: ByteSchema
    let bytes: UnsafeBufferPointer<UInt8>
    var record: EvidenceRecord
    let file: String
    let line: Int
    var i = 0
    var problems: [Diagnostic] = []
    var entries: [Double] = []

    private var current: UInt8 { i < bytes.count ? bytes[i] : 0 }

    mutating func readLine() {
        do throws(JSONStop) {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }  // a byte order mark
            skipSpace()
            guard i < bytes.count else { return report("the evidence is empty", at: 0) }
            guard current == UInt8(ascii: "{") else {
                let at = i
                return report("the evidence must be a mapping of keys to values, found \(try describeValue())", at: at)
            }
            try readObject(0, base: 0, inList: false)
            skipSpace()
            if i < bytes.count { try stop("expected the end of the line after the evidence, found \(found())") }
        } catch {}  // reported where it was found
    }

    /// Reads the object at `i` (on its `{`) against object table `t`. Its leaves go to the record's scalars, or, for
    /// an entry of a list, to `entries` from `base`.
    private mutating func readObject(_ t: Int, base: Int, inList: Bool) throws(JSONStop) {
        let object = tables.objects[t]
        let start = i
        i += 1
        var seen: UInt64 = 0
        skipSpace()
        if current == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else {
                    try stop("expected a key in double quotes, found \(found())")
                }
                let keyStart = i
                let (key, escaped) = try scanString()
                skipSpace()
                guard current == UInt8(ascii: ":") else {
                    try stop("expected ':' after the key '\(text(key, escaped))', found \(found())")
                }
                i += 1
                skipSpace()
                let member =
                    escaped
                    ? decode(key).withUnsafeBufferPointer { tables.leaves.names.value(of: $0, in: object.keys) }
                    : tables.leaves.names.value(of: slice(key), in: object.keys)
                if let m = member, seen & (1 << m) == 0 {
                    seen |= 1 << m
                    try readMember(tables.targets[object.firstTarget + m], base: base, inList: inList)
                } else {
                    let name = text(key, escaped)
                    let keys = tables.keyNames(object)
                    report(
                        member != nil
                            ? "duplicate key '\(name)': each key may appear once in a mapping"
                            : "unknown key '\(name)' in \(tables.objectNames[t]); expected one of "
                                + keys.joined(separator: ", ") + NearestName.hint(name, among: keys),
                        at: keyStart)
                    try skipValue(depth: 0)
                }
                skipSpace()
                if current == UInt8(ascii: ",") {
                    i += 1
                } else if current == UInt8(ascii: "}") {
                    i += 1
                    break
                } else {
                    try stop("expected ',' or '}' after a member of \(tables.objectNames[t]), found \(found())")
                }
            }
        }
        guard object.required & ~seen != 0 else { return }
        for (m, key) in tables.keyNames(object).enumerated() where object.required & ~seen & (1 << m) != 0 {
            report("\(tables.objectNames[t]) is missing the required key '\(key)'", at: start)
        }
    }

    private mutating func readMember(_ target: ByteSchema.Target, base: Int, inList: Bool) throws(JSONStop) {
        let at = i
        if current == UInt8(ascii: "n") {
            _ = try scanLiteral()
            return  // an explicit null is the same as leaving the field out: unknown
        }
        switch target {
        case .leaf(let l):
            let leaf = tables.leaves[l]
            guard let value = try readLeaf(leaf) else { return }
            if inList { entries[base + leaf.slot] = value } else { record.scalars[leaf.slot] = value }
        case .object(let o):
            guard current == UInt8(ascii: "{") else {
                let what = tables.objectNames[o]
                return report("\(what) must be a mapping of keys to values, found \(try describeValue())", at: at)
            }
            try readObject(o, base: 0, inList: false)
        case .list(let l):
            guard current == UInt8(ascii: "[") else {
                return report("'\(tables.listPaths[l])' must be a list, found \(try describeValue())", at: at)
            }
            try readList(l)
        }
    }

    private mutating func readList(_ l: Int) throws(JSONStop) {
        let list = tables.lists[l]
        i += 1
        var count = 0
        skipSpace()
        if current == UInt8(ascii: "]") {
            i += 1
        } else {
            entries = []
            entries.reserveCapacity(4 * list.stride)
            while true {
                skipSpace()
                if current == UInt8(ascii: "{") {
                    entries.append(contentsOf: repeatElement(.nan, count: list.stride))
                    try readObject(list.entry, base: count * list.stride, inList: true)
                    count += 1
                } else {
                    let at = i
                    let found = try describeValue()
                    report(
                        "an entry of '\(tables.listPaths[l])' must be a mapping of keys to values, found \(found)",
                        at: at)
                }
                skipSpace()
                if current == UInt8(ascii: ",") {
                    i += 1
                } else if current == UInt8(ascii: "]") {
                    i += 1
                    break
                } else {
                    try stop("expected ',' or ']' after an entry of '\(tables.listPaths[l])', found \(found())")
                }
            }
        }
        record.lists[list.index] = EvidenceList(count: count, values: count == 0 ? [] : entries)
        entries = []
    }

    /// The value of a leaf at `i`, or nil after reporting why it does not fit.
    private mutating func readLeaf(_ leaf: ByteLeaf) throws(JSONStop) -> Double? {
        let at = i
        switch current {
        case UInt8(ascii: "\""):
            let (content, escaped) = try scanString()
            switch leaf.kind {
            case .text:
                let s =
                    escaped ? decode(content).withUnsafeBufferPointer(ByteText.string) : ByteText.string(slice(content))
                if let s { return addText(s) }
            case .date:
                if !escaped, let day = ByteScan.day(slice(content)) { return Double(day) }
            case .enumeration:
                let ordinal =
                    escaped
                    ? decode(content).withUnsafeBufferPointer { tables.leaves.ordinal(leaf, of: $0) }
                    : tables.leaves.ordinal(leaf, of: slice(content))
                if let ordinal { return Double(ordinal) }
            default:
                break  // a number or true/false in quotes is text, as in YAML
            }
            report(tables.leaves.mismatch(leaf, text(content, escaped)), at: at)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (token, number) = try scanNumber()
            if let value = leaf.value(of: number) { return value }
            if leaf.kind == .text { return addText(String(decoding: slice(token), as: UTF8.self)) }
            report(tables.leaves.mismatch(leaf, String(decoding: slice(token), as: UTF8.self)), at: at)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let word = try scanLiteral() == UInt8(ascii: "t") ? "true" : "false"
            if leaf.kind == .boolean { return word == "true" ? 1 : 0 }
            if leaf.kind == .text { return addText(word) }
            report(tables.leaves.mismatch(leaf, word), at: at)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            report(tables.leaves.notScalar(leaf, try describeValue()), at: at)
        default:
            try stop("expected a value, found \(found())")
        }
        return nil
    }

    private mutating func addText(_ text: String) -> Double {
        record.texts.append(text)
        return Double(record.texts.count - 1)
    }

    // MARK: Scanning

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    /// Scans the string at `i` (on its opening quote) to past its closing quote: its content, and whether that holds
    /// escapes (decoded on a slow path).
    private mutating func scanString() throws(JSONStop) -> (Range<Int>, escaped: Bool) {
        let open = i
        var escaped = false
        i += 1
        while i < bytes.count {
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            while i + 8 <= bytes.count, !Self.hasStringSpecial(UnsafeRawPointer(bytes.baseAddress! + i)) { i += 8 }
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return (open + 1..<i - 1, escaped)
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                switch i + 1 < bytes.count ? bytes[i + 1] : 0 {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u") where i + 5 < bytes.count && (2..<6).allSatisfy({ hex(bytes[i + $0]) != nil }):
                    i += 6
                default:
                    let escape = String(decoding: slice(i..<min(i + 2, bytes.count)), as: UTF8.self)
                    try stop(
                        "invalid escape '\(escape)' in a string; JSON has "
                            + #"\" \\ \/ \b \f \n \r \t and \u with four hex digits"#)
                }
            } else if b < 0x20 {
                try stop("a control character in a string must be written as an escape such as \\n or \\t")
            } else {
                i += 1
            }
        }
        i = open
        try stop("a string is not closed before the end of the line")
    }

    /// Whether any of the eight bytes at `p` is `"`, `\\` or below 0x20 (bit tricks that find a byte in a word).
    private static func hasStringSpecial(_ p: UnsafeRawPointer) -> Bool {
        let word = p.loadUnaligned(as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
            || (word &- ones &* 0x20) & ~word & highs != 0
    }

    /// The bytes of a string's content with its escapes decoded; an unpaired surrogate becomes U+FFFD.
    private func decode(_ content: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        var k = content.lowerBound
        while k < content.upperBound {
            let b = bytes[k]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                k += 1
                continue
            }
            let e = bytes[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(k)
                k += 4
                if (0xD800..<0xDC00).contains(scalar), k + 6 <= content.upperBound, bytes[k] == UInt8(ascii: "\\"),
                    bytes[k + 1] == UInt8(ascii: "u"), (0xDC00..<0xE000).contains(hex4(k + 2))
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(k + 2) - 0xDC00)
                    k += 6
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
            default: out.append(e)  // \" \\ \/
            }
        }
        return out
    }

    private func hex(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - 55)
        default: return nil
        }
    }

    private func hex4(_ k: Int) -> UInt32 { (k..<k + 4).reduce(0) { $0 << 4 | hex(bytes[$1])! } }

    /// Scans a number at `i`; a run of number characters that is not a JSON number is a syntax error.
    private mutating func scanNumber() throws(JSONStop) -> (Range<Int>, ByteNumber) {
        let start = i
        while i < bytes.count, ByteScan.isNumberByte(bytes[i]) { i += 1 }
        guard let number = ByteScan.number(slice(start..<i)) else {
            let token = String(decoding: slice(start..<i), as: UTF8.self)
            i = start
            try stop("'\(token)' is not a number as JSON writes numbers")
        }
        return (start..<i, number)
    }

    /// Scans `true`, `false` or `null` to past its end; returns its first byte, which tells which it is.
    private mutating func scanLiteral() throws(JSONStop) -> UInt8 {
        let start = i
        while i < bytes.count, (0x61...0x7A).contains(bytes[i]) { i += 1 }
        let word = slice(start..<i)
        guard ByteText.equals(word, "true") || ByteText.equals(word, "false") || ByteText.equals(word, "null")
        else {
            let found = word.isEmpty ? found() : "'\(String(decoding: word, as: UTF8.self))'"
            i = start
            try stop("expected a value, found \(found)")
        }
        return bytes[start]
    }

    /// Skips any JSON value, checking its syntax.
    private mutating func skipValue(depth: Int) throws(JSONStop) {
        switch current {
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            _ = try scanLiteral()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = current == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if depth >= 64 { try stop("the JSON nests deeper than 64 levels") }
            i += 1
            skipSpace()
            if current == close {
                i += 1
                return
            }
            while true {
                skipSpace()
                if isObject {
                    guard current == UInt8(ascii: "\"") else {
                        try stop("expected a key in double quotes, found \(found())")
                    }
                    _ = try scanString()
                    skipSpace()
                    guard current == UInt8(ascii: ":") else { try stop("expected ':' after a key, found \(found())") }
                    i += 1
                    skipSpace()
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    i += 1
                } else if current == close {
                    i += 1
                    return
                } else {
                    let what = isObject ? "',' or '}' in a mapping" : "',' or ']' in a list"
                    try stop("expected \(what), found \(found())")
                }
            }
        default:
            try stop("expected a value, found \(found())")
        }
    }

    /// Skips the value at `i` and describes it as `EvidenceReader` describes a node of the wrong shape.
    private mutating func describeValue() throws(JSONStop) -> String {
        let start = i
        switch current {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue(depth: 0)
            return bytes[start] == UInt8(ascii: "{") ? "a mapping" : "a list"
        case UInt8(ascii: "\""):
            let (content, escaped) = try scanString()
            return content.isEmpty ? "nothing" : "'\(text(content, escaped))'"
        default:
            try skipValue(depth: 0)
            return "'\(String(decoding: slice(start..<i), as: UTF8.self))'"
        }
    }

    // MARK: Text and messages

    private func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    private func text(_ content: Range<Int>, _ escaped: Bool) -> String {
        escaped ? String(decoding: decode(content), as: UTF8.self) : String(decoding: slice(content), as: UTF8.self)
    }

    /// The byte at `i` as a message names it.
    private func found() -> String {
        guard i < bytes.count else { return "the end of the line" }
        let character = String(decoding: slice(i..<min(i + 4, bytes.count)), as: UTF8.self).first ?? "?"
        return "'\(character)'"
    }

    private mutating func report(_ message: String, at offset: Int) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        problems.append(
            Diagnostic(
                message, at: SourceLocation(file: file, line: line, column: offset + 1),
                sourceLine: String(decoding: slice(0..<end), as: UTF8.self)))
    }

    private mutating func stop(_ message: String) throws(JSONStop) -> Never {
        report(message, at: i)
        throw JSONStop()
    }
}

// MARK: - Tables shared with CSVEvidenceReader

/// The evidence schema as tables a byte-level reader walks: one table of keys per object, with what each key holds.
/// Every entry is plain data, so reading the tables costs no reference counting; names for messages are kept apart.
/// A class, so that the parser of each line holds one reference rather than copies of a dozen arrays.
final class ByteSchema: Sendable {
    enum Target: Sendable {
        case object(Int)
        case list(Int)
        case leaf(Int)
    }

    struct Object: Sendable {
        var keys = NamePool.Table()
        /// Key `m` holds `targets[firstTarget + m]`.
        var firstTarget = 0
        /// The required keys, as a set of key indexes.
        var required: UInt64 = 0
    }

    struct List: Sendable {
        let index: Int
        let stride: Int
        /// The object table of its entries.
        let entry: Int
    }

    let leaves: ByteLeaves
    /// `objects[0]` is the root.
    let objects: [Object]
    let targets: [Target]
    let lists: [List]
    /// Objects as messages name them (`the evidence`, `'cqc.key_questions'`, `an entry of 'events'`); list paths.
    let objectNames: [String]
    let listPaths: [String]

    init(_ schema: EvidenceSchema) {
        var tables = Builder()
        _ = tables.addObject(schema.root, prefix: "", what: "the evidence", schema)
        (leaves, objects, targets, lists) = (tables.leaves, tables.objects, tables.targets, tables.lists)
        (objectNames, listPaths) = (tables.objectNames, tables.listPaths)
    }

    func keyNames(_ object: Object) -> [String] { Array(leaves.names.strings(object.keys)) }

    private struct Builder {
        var leaves = ByteLeaves()
        var objects: [Object] = []
        var targets: [Target] = []
        var lists: [List] = []
        var objectNames: [String] = []
        var listPaths: [String] = []

        mutating func addObject(_ members: [SchemaMember], prefix: String, what: String, _ schema: EvidenceSchema)
            -> Int
        {
            // The keys seen while an object is read are a 64-bit set.
            precondition(members.count <= 64, "an object of the evidence has more than 64 keys")
            let index = objects.count
            objects.append(Object())
            objectNames.append(what)
            var targets: [Target] = []
            for member in members {
                let path = prefix.isEmpty ? member.name : prefix + "." + member.name
                switch member.node {
                case .object(let children):
                    targets.append(.object(addObject(children, prefix: path, what: "'\(path)'", schema)))
                case .field(.list):
                    let spec = schema.lists[path]!
                    let entry = spec.elementFieldOrder.map { name in
                        let field = spec.elementFields[name]!
                        return Target.leaf(leaves.add(path: "\(path)[].\(name)", kind: field.kind, slot: field.slot))
                    }
                    let entryIndex = addEntry(named: "an entry of '\(path)'", keys: spec.elementFieldOrder, entry)
                    lists.append(List(index: spec.index, stride: spec.stride, entry: entryIndex))
                    listPaths.append(path)
                    targets.append(.list(lists.count - 1))
                case .field(let kind):
                    targets.append(.leaf(leaves.add(path: path, kind: kind, slot: schema.scalars[path]!.slot)))
                }
            }
            objects[index].keys = leaves.names.add(members.map(\.name), values: Array(members.indices))
            objects[index].firstTarget = self.targets.count
            objects[index].required = members.indices.reduce(0) { members[$1].required ? $0 | 1 << $1 : $0 }
            self.targets += targets
            return index
        }

        private mutating func addEntry(named what: String, keys: [String], _ targets: [Target]) -> Int {
            var object = Object()
            object.keys = leaves.names.add(keys, values: Array(keys.indices))
            object.firstTarget = self.targets.count
            self.targets += targets
            objects.append(object)
            objectNames.append(what)
            return objects.count - 1
        }
    }
}

/// A scalar leaf of the evidence as plain data: what a byte-level reader needs to store a value in it.
struct ByteLeaf: Sendable {
    enum Kind: Equatable, Sendable {
        case constant(Int)
        case count, number, boolean, date, enumeration
        /// Text, and level ids, which are kept as their text.
        case text
    }

    /// Its place in `ByteLeaves`, where its path and kind are kept for messages.
    let id: Int
    let kind: Kind
    let slot: Int
    /// An enumeration's members, each with its ordinal.
    let members: NamePool.Table

    /// A number as a count, number or format version, checked as `EvidenceReader` checks it; nil when it does not fit.
    func value(of number: ByteNumber) -> Double? {
        switch kind {
        // Past 2^53 a Double no longer holds every whole number. `+ 0` makes -0 the 0 that Int("-0") gives.
        case .count: return number.isInteger && number.value >= 0 && number.value < 0x1p53 ? number.value + 0 : nil
        case .number: return number.value.isFinite && number.value >= 0 ? number.value : nil
        case .constant(let c): return number.isInteger && number.value == Double(c) ? Double(c) : nil
        default: return nil
        }
    }
}

/// Leaves, the names of their enumerations, and what messages say about them.
struct ByteLeaves: Sendable {
    var names = NamePool()
    private(set) var leaves: [ByteLeaf] = []
    private var paths: [String] = []
    private var kinds: [FieldKind] = []

    subscript(_ l: Int) -> ByteLeaf { leaves[l] }

    /// Adds a leaf named `path` in messages (`cqc.overall`, `events[].type`; in CSV, the column's name).
    mutating func add(path: String, kind fieldKind: FieldKind, slot: Int) -> Int {
        var members = NamePool.Table()
        let kind: ByteLeaf.Kind
        switch fieldKind {
        case .constant(let value): kind = .constant(value)
        case .count: kind = .count
        case .number: kind = .number
        case .boolean: kind = .boolean
        case .date: kind = .date
        case .text, .levelID: kind = .text
        case .enumeration(let type):
            kind = .enumeration
            members = names.add(type.members, values: type.members.map { type.ordinal(of: $0)! })
        case .list: preconditionFailure("a list is not a leaf")
        }
        leaves.append(ByteLeaf(id: leaves.count, kind: kind, slot: slot, members: members))
        paths.append(path)
        kinds.append(fieldKind)
        return leaves.count - 1
    }

    func ordinal(_ leaf: ByteLeaf, of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        names.value(of: bytes, in: leaf.members)
    }

    /// The message for a value that does not fit, worded as `EvidenceReader` words it.
    func mismatch(_ leaf: ByteLeaf, _ found: String) -> String {
        guard case .enumeration(let type) = kinds[leaf.id] else { return notScalar(leaf, "'\(found)'") }
        return "'\(found)' is not a value of '\(paths[leaf.id])'; expected one of "
            + type.members.joined(separator: ", ") + NearestName.hint(found, among: type.members)
    }

    func notScalar(_ leaf: ByteLeaf, _ described: String) -> String {
        "'\(paths[leaf.id])' must be \(EvidenceReader.expectation(kinds[leaf.id])), found \(described)"
    }
}

/// Names as bytes in one pool, found without making a String: each table is a small open-addressed hash table on
/// a name's length and first eight bytes, and a candidate is then compared byte for byte.
struct NamePool: Sendable {
    struct Table: Sendable {
        var start = 0
        var count = 0
        /// The table's slots are `slots[slotStart..<slotStart + 1 << bits]`.
        var slotStart = 0
        var bits = 0
    }

    private struct Entry: Sendable {
        let length: Int
        let prefix: UInt64
        let start: Int
        let value: Int
    }

    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    private var names: [String] = []
    /// An entry index, or -1 for an empty slot.
    private var slots: [Int32] = []

    /// A table of `names`, each found with its value.
    mutating func add(_ names: [String], values: [Int]) -> Table {
        var bits = 2
        while 1 << bits < 4 * names.count { bits += 1 }  // a quarter full: few collisions
        let table = Table(start: entries.count, count: names.count, slotStart: slots.count, bits: bits)
        slots += repeatElement(-1, count: 1 << bits)
        for (name, value) in zip(names, values) {
            let utf8 = Array(name.utf8)
            let entry = Entry(
                length: utf8.count, prefix: utf8.withUnsafeBufferPointer(Self.prefix), start: bytes.count, value: value)
            var slot = Self.hash(entry.prefix, entry.length, bits)
            while slots[table.slotStart + slot] >= 0 { slot = (slot + 1) & (1 << bits - 1) }
            slots[table.slotStart + slot] = Int32(entries.count)
            entries.append(entry)
            bytes += utf8
            self.names.append(name)
        }
        return table
    }

    func strings(_ table: Table) -> ArraySlice<String> { names[table.start..<table.start + table.count] }

    func value(of key: UnsafeBufferPointer<UInt8>, in table: Table) -> Int? {
        let prefix = Self.prefix(key)
        var slot = Self.hash(prefix, key.count, table.bits)
        while true {
            let e = Int(slots[table.slotStart + slot])
            if e < 0 { return nil }
            let entry = entries[e]
            if entry.length == key.count, entry.prefix == prefix {
                var k = 8
                while k < key.count, bytes[entry.start + k] == key[k] { k += 1 }
                if k >= key.count { return entry.value }
            }
            slot = (slot + 1) & (1 << table.bits - 1)
        }
    }

    private static func hash(_ prefix: UInt64, _ length: Int, _ bits: Int) -> Int {
        Int(truncatingIfNeeded: ((prefix ^ UInt64(length) << 56) &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
    }

    /// The first eight bytes (fewer, for a shorter name), little-endian.
    private static func prefix(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var prefix: UInt64 = 0
        for k in 0..<min(8, b.count) { prefix |= UInt64(b[k]) << (8 * k) }
        return prefix
    }
}

struct ByteNumber {
    var value: Double
    /// Written without a fraction or an exponent.
    var isInteger: Bool
}

enum ByteScan {
    static func isNumberByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b | 0x20 == UInt8(ascii: "e")
    }

    private static let powersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, all of `b`.
    static func number(_ b: UnsafeBufferPointer<UInt8>) -> ByteNumber? {
        var i = 0
        var mantissa: UInt64 = 0
        var exponent = 0
        var exact = true  // mantissa holds every digit
        func digits(fraction: Bool) -> Int {
            let start = i
            while i < b.count, (0x30...0x39).contains(b[i]) {
                if mantissa < 1 << 53 / 10 {
                    mantissa = mantissa * 10 + UInt64(b[i] - 0x30)
                    if fraction { exponent -= 1 }
                } else {
                    exact = false
                }
                i += 1
            }
            return i - start
        }
        let negative = i < b.count && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let integerStart = i
        guard digits(fraction: false) > 0, b[integerStart] != 0x30 || i == integerStart + 1 else { return nil }
        var isInteger = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            isInteger = false
            guard digits(fraction: true) > 0 else { return nil }
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            isInteger = false
            let sign = i < b.count && b[i] == UInt8(ascii: "-") ? -1 : 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var e = 0
            let start = i
            while i < b.count, (0x30...0x39).contains(b[i]) {
                e = min(e * 10 + Int(b[i] - 0x30), 100_000)
                i += 1
            }
            guard i > start else { return nil }
            exponent += sign * e
        }
        guard i == b.count else { return nil }
        var value: Double
        if exact, (-22...22).contains(exponent) {
            // Both operands are exact, so one multiplication or division rounds correctly (Clinger's fast path).
            value = Double(mantissa)
            value = exponent < 0 ? value / powersOf10[-exponent] : value * powersOf10[exponent]
        } else {
            value =
                Double(String(decoding: UnsafeBufferPointer(rebasing: b[(negative ? 1 : 0)...]), as: UTF8.self)) ?? .nan
        }
        return ByteNumber(value: negative ? -value : value, isInteger: isInteger)
    }

    /// A date written YYYY-MM-DD as a day number: what `Day.parse(bytes:)` gives, without copying the bytes.
    static func day(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for k in range {
                let d = Int(b[k]) - 0x30
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        return Day.number(year: year, month: month, day: day)
    }
}

enum ByteText {
    /// The text of UTF-8 bytes; nil when they are not valid UTF-8 (decoding them changed them).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false }
        return ascii || text.utf8.elementsEqual(bytes) ? text : nil
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        for k in 0..<bytes.count where bytes[k] != word.utf8Start[k] { return false }
        return true
    }
}
