import QAFCore
import Yams

/// The standard evidence vocabulary, read from `Vocabulary/standard.yaml` as the build embedded it in the binary.
public enum StandardVocabulary {
    static let file = "Vocabulary/standard.yaml"

    /// The named sets of values (`cqc_rating`, …), which a policy's own fields may also use.
    public static let valueSets: [String: EnumType] = parsed.valueSets

    /// Every field of the standard vocabulary.
    public static let declarations: [FieldDeclaration] = parsed.declarations

    public static let schema: EvidenceSchema = {
        var tree = VocabularyTree()
        for declaration in declarations { tree.add(declaration) }
        precondition(!tree.diagnostics.hasErrors, "\(file) is not a valid vocabulary:\n\(tree.diagnostics)")
        return tree.schema
    }()

    private static let parsed = read(file: file, text: standardVocabularyText)

    /// The standard vocabulary file read; the embedded file is checked by the tests, so a problem here is a bug.
    static func read(file: String, text: String) -> (valueSets: [String: EnumType], declarations: [FieldDeclaration]) {
        let (sets, declarations, problems) = readChecked(file: file, text: text)
        precondition(!problems.hasErrors, "\(file) is not a valid vocabulary:\n\(problems)")
        return (sets, declarations)
    }

    /// Every problem of a standard vocabulary file (`qaf validate Vocabulary/standard.yaml`, before a rebuild).
    public static func check(file: String, text: String) -> Diagnostics {
        var (_, declarations, problems) = readChecked(file: file, text: text)
        var tree = VocabularyTree()
        for declaration in declarations { tree.add(declaration) }
        problems.append(contentsOf: tree.diagnostics)
        return problems
    }

    /// The file read with every problem reported, for tests of the file itself.
    public static func readChecked(file: String, text: String)
        -> (valueSets: [String: EnumType], declarations: [FieldDeclaration], problems: Diagnostics)
    {
        let source = SourceText(file: file, text: text)
        let r = NodeReader(source: source)
        let root: Node?
        do { root = try source.compose() } catch { return ([:], [], error) }
        guard let root,
            let top = r.mapping(
                root, "the standard vocabulary", allowed: ["vocabulary", "value_sets", "fields"],
                required: ["vocabulary", "value_sets", "fields"])
        else { return ([:], [], r.diagnostics) }
        var sets: [String: EnumType] = [:]
        if let node = top["value_sets"], case .mapping(let map) = node {
            let reader = DeclarationReader(r: r, valueSets: [:], declaredIn: nil)
            for (key, value) in map {
                guard let name = r.identifier(key, "a value set's name") else { continue }
                sets[name.value] = reader.valueSet(value, named: name.value)
            }
        }
        let declarations = top["fields"].map {
            VocabularyReader.declarations($0, r, valueSets: sets, declaredIn: nil)
        }
        return (sets, declarations ?? [], r.diagnostics)
    }
}

extension EvidenceSchema {
    /// The standard evidence vocabulary (`Vocabulary/standard.yaml`).
    public static var standard: EvidenceSchema { StandardVocabulary.schema }
}

extension EvidenceRecord {
    /// Whether two records of the standard vocabulary say the same about a provider.
    public func isSameEvidence(as other: EvidenceRecord) -> Bool { isSameEvidence(as: other, schema: .standard) }
}
