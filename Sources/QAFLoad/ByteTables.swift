import QAFCore

// The byte-level tables JSONEvidenceReader and CSVEvidenceReader share: keys and enum values matched as bytes.

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
        _ = tables.addObject(schema.places, what: "the evidence")
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

        mutating func addObject(_ members: [SchemaPlace], what: String) -> Int {
            // The keys seen while an object is read are a 64-bit set.
            precondition(members.count <= 64, "an object of the evidence has more than 64 keys")
            let index = objects.count
            objects.append(Object())
            objectNames.append(what)
            var targets: [Target] = []
            for place in members {
                switch place.layout {
                case .object(let children):
                    targets.append(.object(addObject(children, what: "'\(place.path)'")))
                case .list(let spec):
                    let entry = spec.elementFieldOrder.map { name in
                        let field = spec.elementFields[name]!
                        return Target.leaf(
                            leaves.add(path: "\(place.path)[].\(name)", kind: field.kind, slot: field.slot))
                    }
                    let entryIndex = addEntry(
                        named: "an entry of '\(place.path)'", keys: spec.elementFieldOrder, entry)
                    lists.append(List(index: spec.index, stride: spec.stride, entry: entryIndex))
                    listPaths.append(place.path)
                    targets.append(.list(lists.count - 1))
                case .scalar(let spec):
                    targets.append(.leaf(leaves.add(path: place.path, kind: spec.kind, slot: spec.slot)))
                }
            }
            objects[index].keys = leaves.names.add(members.map(\.member.name), values: Array(members.indices))
            objects[index].firstTarget = self.targets.count
            objects[index].required = members.indices.reduce(0) { members[$1].member.required ? $0 | 1 << $1 : $0 }
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
    /// The range of a count or number, both ends included.
    var min = 0.0
    var max = Double.infinity

    /// A number as a count, number or format version, checked as `EvidenceReader` checks it; nil when it does not fit.
    func value(of number: ByteNumber) -> Double? {
        switch kind {
        // `+ 0` makes -0 the 0 that Int("-0") gives. `min` and `max` are a policy's own bounds (`vocabulary:`).
        case .count:
            return number.isInteger && NumberRange.count.contains(number.value) && number.value >= min
                && number.value <= max ? number.value + 0 : nil
        case .number:
            return NumberRange.number.contains(number.value) && number.value >= min && number.value <= max
                ? number.value : nil
        case .constant(let c): return number.isInteger && number.value == Double(c) ? Double(c) : nil
        default: return nil
        }
    }

    /// The range a number of the right form is outside (a count of 10^12), for its message.
    func range(missedBy number: ByteNumber) -> NumberRange? {
        switch kind {
        case .count where number.isInteger && number.value >= 0 && !NumberRange.count.contains(number.value):
            return .count
        case .number where number.value >= 0 && !NumberRange.number.contains(number.value): return .number
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
        var range = ValueRange.nonNegative
        switch fieldKind {
        case .constant(let value): kind = .constant(value)
        case .count(let r): (kind, range) = (.count, r)
        case .number(let r): (kind, range) = (.number, r)
        case .boolean: kind = .boolean
        case .date: kind = .date
        case .text, .levelID: kind = .text
        case .enumeration(let type):
            kind = .enumeration
            members = names.add(type.members, values: type.members.map { type.ordinal(of: $0)! })
        case .list: preconditionFailure("a list is not a leaf")
        }
        leaves.append(
            ByteLeaf(id: leaves.count, kind: kind, slot: slot, members: members, min: range.min, max: range.max))
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

    /// The message for a number outside its documented range, worded as `EvidenceReader` words it.
    func outOfRange(_ leaf: ByteLeaf, _ found: String, _ range: NumberRange) -> String {
        "'\(paths[leaf.id])' must be \(range.words), found '\(found)'"
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
