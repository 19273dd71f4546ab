/// How values and fields of the evidence vocabulary read to a person: "requires improvement", not
/// `requires_improvement`; "yes", not `true`. The one place raw values become words: a value's words are the
/// vocabulary's own (`Vocabulary/standard.yaml`, a policy's `vocabulary:`), a group's name its `words`.
public enum ValueWords {
    /// An enum value in running text: `requires_improvement` → "requires improvement", from the words `type`
    /// declares for it; a word with no declared words (a severity, a level id) reads with spaces for underscores.
    public static func value(_ raw: String, of type: EnumType? = nil) -> String {
        if let declared = type?.words(for: raw) { return runningText(declared) }
        return raw.split(separator: "_").joined(separator: " ")
    }

    /// Declared words ("Requires improvement") as they read mid-sentence; an initialism keeps its capitals.
    static func runningText(_ words: String) -> String {
        guard let first = words.first, first.isUppercase else { return words }
        if let second = words.dropFirst().first, second.isUppercase { return words }
        return first.lowercased() + words.dropFirst()
    }

    /// An enum value standing alone, as a label or table cell: "Requires improvement".
    public static func label(_ raw: String) -> String { capitalised(value(raw)) }

    /// A truth value in running text.
    public static func truth(_ value: Bool) -> String { value ? "yes" : "no" }

    public static func capitalised(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// A field of the evidence as a person names it, from the schema's description: `cqc.key_questions.safe` →
    /// "CQC key question: safe", the group's `words` before the field's description. A list element's field reads
    /// as its list.
    public static func field(_ path: String, schema: EvidenceSchema) -> String {
        let path = listPath(path)
        guard let doc = schema.docs(along: path).last.map(trimmed), !doc.isEmpty else { return path }
        let parent = path.split(separator: ".").dropLast().joined(separator: ".")
        guard let group = schema.member(at: parent)?.words else { return doc }
        let first = doc.prefix(2)
        let lowered = first.allSatisfy(\.isUppercase) ? doc : doc.prefix(1).lowercased() + doc.dropFirst()
        return "\(group): \(lowered)"
    }

    /// The list a list element's field belongs to (`mdra.ratings[].rating` → `mdra.ratings`); other paths as they are.
    public static func listPath(_ path: String) -> String {
        path.firstRange(of: "[].").map { String(path[..<$0.lowerBound]) } ?? path
    }

    private static func trimmed(_ doc: String) -> String {
        var s = Substring(doc)
        if let open = s.firstRange(of: " (") { s = s[..<open.lowerBound] }
        while s.last == "." { s = s.dropLast() }
        return String(s)
    }
}

extension EvidenceSchema {
    /// The descriptions of each member along a dotted path, outermost first; empty when the path is unknown.
    public func docs(along path: String) -> [String] {
        var members = root
        var docs: [String] = []
        for name in path.split(separator: ".") {
            guard let member = members.first(where: { $0.name == name }) else { return [] }
            docs.append(member.doc)
            switch member.node {
            case .object(let inner): members = inner
            case .field(.list(let inner)): members = inner
            default: members = []
            }
        }
        return docs
    }
}
