import QAFCore

/// What a YAML or JSON file of qaf's is, by its top-level key: a fixture suite, evidence, a policy or a shared
/// vocabulary file.
public enum DocumentKind: String, Sendable {
    case policy, evidence, suite, vocabulary

    /// The kind `text` declares; nil for a mapping with none of the keys. Text that is not YAML is taken for
    /// evidence, so the evidence reader reports where it breaks.
    public static func of(file: String, text: String) -> DocumentKind? {
        guard let root = try? SourceText(file: file, text: text).compose() else { return .evidence }
        guard case .mapping(let map) = root else { return nil }
        for key in ["suite", "evidence", "policy", "vocabulary"] where map[key] != nil {
            return DocumentKind(rawValue: key)
        }
        return nil
    }
}
