import QAFCore

/// Builds the evidence schema from declarations: the standard vocabulary first, then the fields of every policy in a
/// run. A declaration may not redeclare a standard field, sit inside a field, or differ from another policy's
/// declaration of the same field; identical declarations (one shared file named by two policies) are one field.
public struct VocabularyTree {
    private final class Branch {
        let name: String
        var doc: String
        var required: Bool
        var declaredIn: String?
        var words: String?
        /// nil for a group of fields.
        var kind: FieldKind?
        var children: [Branch] = []
        /// The local declaration that made it, to compare with a later one of the same path.
        var declaration: FieldDeclaration?

        init(name: String, doc: String, required: Bool, declaredIn: String?, kind: FieldKind?) {
            (self.name, self.doc, self.required, self.declaredIn, self.kind) = (name, doc, required, declaredIn, kind)
        }

        func child(_ name: String) -> Branch? { children.first { $0.name == name } }

        var member: SchemaMember {
            SchemaMember(
                name, kind.map(SchemaNode.field) ?? .object(children.map(\.member)), doc, required: required,
                declaredIn: declaredIn, words: words)
        }
    }

    /// The most keys one object of the evidence (or one list entry) may have.
    public static let mostKeys = 64

    private let root = Branch(name: "", doc: "", required: true, declaredIn: nil, kind: nil)
    public private(set) var diagnostics = Diagnostics()

    /// A tree holding the members of `schema` (the standard vocabulary).
    public init(_ schema: EvidenceSchema) {
        func branch(_ member: SchemaMember) -> Branch {
            let b = Branch(
                name: member.name, doc: member.doc, required: member.required, declaredIn: member.declaredIn,
                kind: nil)
            b.words = member.words
            switch member.node {
            case .object(let children): b.children = children.map(branch)
            case .field(let kind): b.kind = kind
            }
            return b
        }
        root.children = schema.root.map(branch)
    }

    init() {}

    /// Adds a declaration, or reports why it cannot be added.
    public mutating func add(_ declaration: FieldDeclaration) {
        let path = declaration.path.value
        let parts = path.split(separator: ".").map(String.init)
        let member = declaration.member
        var here = root
        for (i, part) in parts.enumerated() {
            let soFar = parts[...i].joined(separator: ".")
            let last = i == parts.count - 1
            if let existing = here.child(part) {
                if last {
                    report(declaration, existing: existing, path: soFar)
                    return
                }
                guard existing.kind == nil else {
                    diagnostics.append(
                        declaration.diagnostic(
                            "'\(soFar)' is \(existing.declaredIn == nil ? "a standard field" : "a field"), so "
                                + "'\(path)' cannot be declared inside it; choose a path of its own"))
                    return
                }
                here = existing
                continue
            }
            // The readers keep the keys seen in one object as a 64-bit set.
            guard here.children.count < Self.mostKeys else {
                let group = parts[..<i].joined(separator: ".")
                diagnostics.append(
                    declaration.diagnostic(
                        "\(group.isEmpty ? "the evidence" : "'\(group)'") already holds \(Self.mostKeys) fields, the "
                            + "most one object of the evidence may hold; put '\(path)' in a group (a dotted path) of its own"
                    ))
                return
            }
            if member.declaredIn != nil, here.declaredIn == nil { warnIfNearStandard(declaration, path: path) }
            let made = Branch(
                name: part, doc: last ? member.doc : "Local evidence.", required: last && member.required,
                declaredIn: member.declaredIn, kind: nil)
            if last { made.words = member.words }
            if last, case .field(let kind) = member.node {
                made.kind = kind
                made.declaration = declaration
            }
            here.children.append(made)
            here = made
        }
    }

    /// The schema of every declaration added: standard fields keep their places, local ones follow.
    public var schema: EvidenceSchema { EvidenceSchema(root: root.children.map(\.member)) }

    private mutating func report(_ declaration: FieldDeclaration, existing: Branch, path: String) {
        guard existing.declaredIn != nil else {
            let what = existing.kind == nil ? "a group of standard evidence" : "standard evidence"
            diagnostics.append(
                declaration.diagnostic(
                    "'\(path)' is \(what); a policy uses it as it is and cannot declare it again: remove this "
                        + "declaration, or give your own field a path of its own"))
            return
        }
        guard let first = existing.declaration, first.signature == declaration.signature else {
            let place = existing.declaration.map { " at \($0.path.location)" } ?? ""
            diagnostics.append(
                declaration.diagnostic(
                    "'\(path)' is declared differently\(place); policies in one run must declare a field the same "
                        + "way: keep one declaration, in a shared vocabulary file both policies name"))
            return
        }
    }

    /// A local field one typo away from a standard one is most likely meant to be it.
    private mutating func warnIfNearStandard(_ declaration: FieldDeclaration, path: String) {
        let standard = EvidenceSchema.standard.allPaths
        if let near = NearestName.suggest(path, among: standard), near != path {
            diagnostics.append(
                declaration.diagnostic(
                    "'\(path)' is declared as local evidence; did you mean the standard field '\(near)'?",
                    severity: .warning))
        }
    }
}
