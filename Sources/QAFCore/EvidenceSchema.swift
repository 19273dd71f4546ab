/// The shape of a provider evidence file: the contract between the people who gather evidence and the policies.
/// `Schemas/evidence.schema.json` is generated from this table (`qaf schema evidence`) and a test keeps them equal.
public indirect enum SchemaNode: Sendable {
    case object([SchemaMember])
    case field(FieldKind)
}

public struct SchemaMember: Sendable {
    public let name: String
    public let node: SchemaNode
    public let doc: String
    public let required: Bool

    public init(_ name: String, _ node: SchemaNode, _ doc: String, required: Bool = false) {
        self.name = name
        self.node = node
        self.doc = doc
        self.required = required
    }
}

/// The kinds of value a leaf of the evidence can hold.
public enum FieldKind: Sendable {
    case count  // a whole number, never negative
    case number  // a number, never negative
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

/// The evidence vocabulary, flattened for the checker and the evaluator.
public final class EvidenceSchema: Sendable {
    public let root: [SchemaMember]
    public let scalars: [String: FieldSpec]
    public let scalarOrder: [String]
    public let lists: [String: ListSpec]
    public let listOrder: [String]

    public init(root: [SchemaMember]) {
        self.root = root
        var scalars: [String: FieldSpec] = [:]
        var scalarOrder: [String] = []
        var lists: [String: ListSpec] = [:]
        var listOrder: [String] = []
        func walk(_ members: [SchemaMember], prefix: String) {
            for member in members {
                let path = prefix.isEmpty ? member.name : prefix + "." + member.name
                switch member.node {
                case .object(let children):
                    walk(children, prefix: path)
                case .field(.list(let elementMembers)):
                    var fields: [String: FieldSpec] = [:]
                    var order: [String] = []
                    for (i, element) in elementMembers.enumerated() {
                        guard case .field(let kind) = element.node else { continue }
                        fields[element.name] = FieldSpec(path: element.name, kind: kind, doc: element.doc, slot: i)
                        order.append(element.name)
                    }
                    lists[path] = ListSpec(
                        path: path, doc: member.doc, index: listOrder.count, elementFields: fields,
                        elementFieldOrder: order)
                    listOrder.append(path)
                case .field(let kind):
                    scalars[path] = FieldSpec(path: path, kind: kind, doc: member.doc, slot: scalarOrder.count)
                    scalarOrder.append(path)
                }
            }
        }
        walk(root, prefix: "")
        self.scalars = scalars
        self.scalarOrder = scalarOrder
        self.lists = lists
        self.listOrder = listOrder
    }

    /// Every path a policy may name: scalar fields, list fields, and the objects that contain them.
    public var allPaths: [String] { scalarOrder + listOrder }
}
