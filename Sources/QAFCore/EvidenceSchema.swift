/// The shape of a provider evidence file: the contract between the people who gather evidence and the policies.
/// The standard shape is data (`Vocabulary/standard.yaml`); a policy may add fields of its own (`vocabulary:`).
/// `Schemas/evidence.schema.json` is generated from the standard one and a test keeps them equal.
public indirect enum SchemaNode: Sendable {
    case object([SchemaMember])
    case field(FieldKind)
}

public struct SchemaMember: Sendable {
    public let name: String
    public let node: SchemaNode
    public let doc: String
    public let required: Bool
    /// The file that declared it when it is local evidence (a policy's `vocabulary:`); nil for a standard field.
    public let declaredIn: String?
    /// How a group is named before its fields' descriptions on a page ("CQC key question"); nil for most.
    public let words: String?

    public init(
        _ name: String, _ node: SchemaNode, _ doc: String, required: Bool = false, declaredIn: String? = nil,
        words: String? = nil
    ) {
        self.name = name
        self.node = node
        self.doc = doc
        self.required = required
        self.declaredIn = declaredIn
        self.words = words
    }
}

/// The kinds of value a leaf of the evidence can hold.
public enum FieldKind: Sendable {
    /// A whole number within its range (by default 0 or more).
    case count(ValueRange)
    /// A number within its range (by default 0 or more; a percentage is 0 to 100).
    case number(ValueRange)
    case boolean
    case date
    case text
    case enumeration(EnumType)
    /// A level id of a policy: a whole number or a word.
    case levelID
    /// A list of records, each with scalar fields of its own.
    case list([SchemaMember])
    /// A fixed number (the format version).
    case constant(Int)
}

/// The values a count or number may take, both ends included.
public struct ValueRange: Hashable, Sendable {
    public let min: Double
    public let max: Double
    /// Written and shown as a percentage.
    public let isPercent: Bool

    public init(min: Double = 0, max: Double = .infinity, isPercent: Bool = false) {
        self.min = min
        self.max = max
        self.isPercent = isPercent
    }

    /// 0 or more: every standard count and number.
    public static let nonNegative = ValueRange()
    public static let percent = ValueRange(min: 0, max: 100, isPercent: true)

    public func contains(_ value: Double) -> Bool { value >= min && value <= max }

    /// "of 0 or more", "from 0 to 100", "of at most 20": how messages and documents word the range.
    public var words: String {
        switch (min.isFinite, max.isFinite) {
        case (true, true): return "from \(NumberText.format(min)) to \(NumberText.format(max))"
        case (true, false): return "of \(NumberText.format(min)) or more"
        case (false, true): return "of at most \(NumberText.format(max))"
        case (false, false): return "of any size"
        }
    }
}

/// A scalar leaf of the evidence with its place in the runtime layout.
public struct FieldSpec: Sendable {
    public let path: String
    public let kind: FieldKind
    public let doc: String
    /// Index into `EvidenceRecord.scalars` (top-level fields) or into an element's stride (list element fields).
    public let slot: Int
}

/// A list field: where its elements live and what fields each has.
public struct ListSpec: Sendable {
    public let path: String
    public let doc: String
    public let index: Int
    public let elementFields: [String: FieldSpec]
    public let elementFieldOrder: [String]
    public var stride: Int { elementFieldOrder.count }
}

/// A member of the evidence at its path, with its place in the runtime layout.
public struct SchemaPlace: Sendable {
    public enum Layout: Sendable {
        /// A group of members, each with its own place.
        case object([SchemaPlace])
        case list(ListSpec)
        case scalar(FieldSpec)
    }

    public let member: SchemaMember
    /// Dotted from the root: `cqc.key_questions.safe`.
    public let path: String
    public let layout: Layout
}

/// The evidence vocabulary, flattened for the checker and the evaluator.
public final class EvidenceSchema: Sendable {
    public let root: [SchemaMember]
    public let scalars: [String: FieldSpec]
    public let scalarOrder: [String]
    public let lists: [String: ListSpec]
    public let listOrder: [String]

    /// The members as the one walk of the schema found them, each with its path and its place in the layout:
    /// what every reader of the tree that needs paths or slots (the byte-level evidence readers' tables, the tables
    /// of fields) takes rather than walking `root` again.
    public let places: [SchemaPlace]

    public init(root: [SchemaMember]) {
        self.root = root
        var scalars: [String: FieldSpec] = [:]
        var scalarOrder: [String] = []
        var lists: [String: ListSpec] = [:]
        var listOrder: [String] = []
        func walk(_ members: [SchemaMember], prefix: String) -> [SchemaPlace] {
            members.map { member in
                let path = prefix.isEmpty ? member.name : prefix + "." + member.name
                switch member.node {
                case .object(let children):
                    return SchemaPlace(member: member, path: path, layout: .object(walk(children, prefix: path)))
                case .field(.list(let elementMembers)):
                    var fields: [String: FieldSpec] = [:]
                    var order: [String] = []
                    for (i, element) in elementMembers.enumerated() {
                        guard case .field(let kind) = element.node else { continue }
                        fields[element.name] = FieldSpec(path: element.name, kind: kind, doc: element.doc, slot: i)
                        order.append(element.name)
                    }
                    let list = ListSpec(
                        path: path, doc: member.doc, index: listOrder.count, elementFields: fields,
                        elementFieldOrder: order)
                    lists[path] = list
                    listOrder.append(path)
                    return SchemaPlace(member: member, path: path, layout: .list(list))
                case .field(let kind):
                    let scalar = FieldSpec(path: path, kind: kind, doc: member.doc, slot: scalarOrder.count)
                    scalars[path] = scalar
                    scalarOrder.append(path)
                    return SchemaPlace(member: member, path: path, layout: .scalar(scalar))
                }
            }
        }
        self.places = walk(root, prefix: "")
        self.scalars = scalars
        self.scalarOrder = scalarOrder
        self.lists = lists
        self.listOrder = listOrder
    }

    /// Every field (scalars and lists, not the groups that hold them) in the order of the layout.
    public var fields: [SchemaPlace] {
        func flatten(_ places: [SchemaPlace]) -> [SchemaPlace] {
            places.flatMap { place -> [SchemaPlace] in
                if case .object(let children) = place.layout { return flatten(children) }
                return [place]
            }
        }
        return flatten(places)
    }

    /// Every path a policy may name: scalar fields, list fields, and the objects that contain them.
    public var allPaths: [String] { scalarOrder + listOrder }

    /// A value of an enumerated field in plain words: `words(for: "requires_improvement", at: "cqc.overall")` is
    /// "Requires improvement". `path` is a scalar's path or a list entry's field (`events[].type`); nil when the
    /// field holds no such value.
    public func words(for value: String, at path: String) -> String? {
        enumeration(at: path)?.words(for: value)
    }

    /// The set of values a field holds, by a scalar's path or a list entry's field (`events[].type`).
    public func enumeration(at path: String) -> EnumType? {
        let kind: FieldKind?
        if let range = path.firstRange(of: "[].") {
            let list = lists[String(path[..<range.lowerBound])]
            kind = list?.elementFields[String(path[range.upperBound...])]?.kind
        } else {
            kind = scalars[path]?.kind
        }
        if case .enumeration(let type) = kind { return type }
        return nil
    }

    /// The member at a dotted path (a group, a field or a list); nil when there is none.
    public func member(at path: String) -> SchemaMember? {
        var members = root
        var found: SchemaMember?
        for name in path.split(separator: ".") {
            guard let member = members.first(where: { $0.name == name }) else { return nil }
            found = member
            if case .object(let inner) = member.node { members = inner } else { members = [] }
        }
        return found
    }

    /// The fields a policy declared (local evidence), in the order of the layout.
    public var localMembers: [(path: String, member: SchemaMember)] {
        fields.filter { $0.member.declaredIn != nil }.map { ($0.path, $0.member) }
    }
}
