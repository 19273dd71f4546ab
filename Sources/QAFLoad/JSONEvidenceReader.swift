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
    /// The object table of `previous` and the slots of its two fields, for per-policy entries.
    let previous: JSONRecordParser.PreviousTable?

    public init(schema: EvidenceSchema = .standard) {
        self.schema = schema
        self.tables = ByteSchema(schema)
        self.blank = EvidenceRecord(schema: schema)
        if let object = tables.objectNames.firstIndex(of: "'previous'"), let level = schema.scalars["previous.level"],
            let since = schema.scalars["previous.since"]
        {
            previous = .init(object: object, levelSlot: level.slot, sinceSlot: since.slot)
        } else {
            previous = nil
        }
    }

    public func read(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int
    ) -> Result<EvidenceRecord, Diagnostics> {
        var parser = JSONRecordParser(
            tables: tables, schema: schema, bytes: bytes, record: blank, file: file, line: line, previous: previous)
        parser.readLine()
        return parser.problems.isEmpty ? .success(parser.record) : .failure(Diagnostics(parser.problems.items))
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
    let schema: EvidenceSchema
    let bytes: UnsafeBufferPointer<UInt8>
    var record: EvidenceRecord
    let file: String
    let line: Int
    var i = 0
    var problems = RecordProblems()
    var entries: [Double] = []
    var previous: PreviousTable? = nil

    struct PreviousTable: Sendable {
        let object: Int
        let levelSlot: Int
        let sinceSlot: Int
    }

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
        var seenProvenance = false
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
                    if object.required & (1 << m) != 0, current == UInt8(ascii: "n") {
                        let at = i
                        _ = try scanLiteral()
                        report(
                            "\(tables.objectNames[t]) needs a value for the required key '\(text(key, escaped))', found null",
                            at: at)
                    } else {
                        try readMember(tables.targets[object.firstTarget + m], base: base, inList: inList)
                    }
                } else if t == 0, member == nil, text(key, escaped) == Provenance.key, !seenProvenance {
                    seenProvenance = true
                    try readProvenance()
                } else if member == nil, let previous, t == previous.object, current == UInt8(ascii: "{"),
                    case let name = text(key, escaped), PolicyPrevious.isPolicyKey(name)
                {
                    try readPolicyPrevious(name, previous)
                } else if problems.isFull {
                    try skipValue(depth: 0)
                } else {
                    let name = text(key, escaped)
                    let keys = tables.keyNames(object)
                    let unlisted = t == 0 ? [Provenance.key] : []
                    report(
                        member != nil || name == Provenance.key
                            ? "duplicate key '\(name)': each key may appear once in a mapping"
                            : "unknown key '\(name)' in \(tables.objectNames[t]); expected one of "
                                + keys.joined(separator: ", ") + NearestName.hint(name, among: keys + unlisted),
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

    /// `"previous": {"salford": {"level": 2, "since": "2026-04-01"}}`: read with the table of `previous` itself, into
    /// its two slots, which are put back afterwards.
    private mutating func readPolicyPrevious(_ policy: String, _ table: PreviousTable) throws(JSONStop) {
        let saved = (record.scalars[table.levelSlot], record.scalars[table.sinceSlot])
        record.scalars[table.levelSlot] = .nan
        record.scalars[table.sinceSlot] = .nan
        previous = nil  // no policy inside a policy
        defer { previous = table }
        try readObject(table.object, base: 0, inList: false)
        let level = record.scalars[table.levelSlot]
        record.previousByPolicy.append(
            PolicyPrevious(
                policy: policy, level: level.isNaN ? nil : record.texts[Int(level)],
                since: record.scalars[table.sinceSlot]))
        (record.scalars[table.levelSlot], record.scalars[table.sinceSlot]) = saved
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

    /// `"provenance": {"cqc.overall": "CQC API location …", …}`: each key a field path, each value text.
    private mutating func readProvenance() throws(JSONStop) {
        let at = i
        if current == UInt8(ascii: "n") {
            _ = try scanLiteral()
            return
        }
        guard current == UInt8(ascii: "{") else {
            return report(
                "'provenance' must be a mapping of field paths to sources, found \(try describeValue())", at: at)
        }
        i += 1
        skipSpace()
        if current == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { try stop("expected a key in double quotes, found \(found())") }
            let keyStart = i
            let (key, keyEscaped) = try scanString()
            let path = text(key, keyEscaped)
            skipSpace()
            guard current == UInt8(ascii: ":") else {
                try stop("expected ':' after the key '\(path)', found \(found())")
            }
            i += 1
            skipSpace()
            let valueStart = i
            if !Provenance.isPath(path, in: schema) {
                report(Provenance.unknownPath(path, in: schema), at: keyStart)
                try skipValue(depth: 0)
            } else if record.provenance[path] != nil {
                report("duplicate key '\(path)': each key may appear once in a mapping", at: keyStart)
                try skipValue(depth: 0)
            } else if current == UInt8(ascii: "\"") {
                let (content, escaped) = try scanString()
                let source = text(content, escaped)
                if source.isEmpty {
                    report("the source of '\(path)' in 'provenance' must be text, found nothing", at: valueStart)
                } else {
                    record.provenance[path] = source
                }
            } else {
                let found = try describeValue()
                report("the source of '\(path)' in 'provenance' must be text, found \(found)", at: valueStart)
            }
            skipSpace()
            if current == UInt8(ascii: ",") {
                i += 1
            } else if current == UInt8(ascii: "}") {
                i += 1
                return
            } else {
                try stop("expected ',' or '}' after a member of 'provenance', found \(found())")
            }
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
                if !escaped, let day = Day.parse(bytes: slice(content)) { return Double(day) }
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
            if let range = leaf.range(missedBy: number) {
                report(tables.leaves.outOfRange(leaf, String(decoding: slice(token), as: UTF8.self), range), at: at)
                return nil
            }
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
        problems.append(message, file: file, line: line, column: offset + 1, text: bytes)
    }

    private mutating func stop(_ message: String) throws(JSONStop) -> Never {
        report(message, at: i)
        throw JSONStop()
    }
}
