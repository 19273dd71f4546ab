/// How values and fields of the evidence vocabulary read to a person: "requires improvement", not
/// `requires_improvement`; "yes", not `true`. The one place raw values become words, so the vocabulary's own
/// words for each value can replace these rules without touching a report.
public enum ValueWords {
    /// Words that keep their capitals, or read differently from their spelling with underscores.
    static let special: [String: String] = [
        "cqc": "CQC", "pamms": "PAMMS", "mdra": "MDRA", "well_led": "well-led",
        "large_scale_enquiry": "large-scale enquiry",
        "on_track": "on track", "not_rated": "not rated", "partly_met": "partly met", "not_met": "not met",
        "ok": "OK",
    ]

    /// An enum value in running text: `requires_improvement` → "requires improvement". `type` is where the
    /// vocabulary's declared words for the value will be read from.
    public static func value(_ raw: String, of type: EnumType? = nil) -> String {
        if let words = special[raw] { return words }
        return raw.split(separator: "_").map { special[String($0)] ?? String($0) }.joined(separator: " ")
    }

    /// An enum value standing alone, as a label or table cell: "Requires improvement".
    public static func label(_ raw: String) -> String { capitalised(value(raw)) }

    /// A truth value in running text.
    public static func truth(_ value: Bool) -> String { value ? "yes" : "no" }

    public static func capitalised(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Groups of fields whose own descriptions need the group's name to be understood.
    static let groups: [String: String] = [
        "cqc.key_questions": "CQC key question", "quality_standards": "Quality standard", "findings": "Visit finding",
        "quality_concerns": "Quality concerns", "safeguarding": "Safeguarding", "mdra": "MDRA",
    ]

    /// A field of the evidence as a person names it, from the schema's description: `cqc.key_questions.safe` →
    /// "CQC key question: safe". A list element's field reads as its list.
    public static func field(_ path: String, schema: EvidenceSchema = .standard) -> String {
        let path = listPath(path)
        guard let doc = schema.docs(along: path).last.map(trimmed), !doc.isEmpty else { return path }
        let parent = path.split(separator: ".").dropLast().joined(separator: ".")
        guard let group = groups[parent] else { return doc }
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
