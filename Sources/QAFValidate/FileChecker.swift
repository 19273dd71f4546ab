import Foundation
import QAFBatch
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFTesting

/// The one checker behind `qaf validate` and `qaf lsp`: tells a policy from evidence from a fixture suite, and
/// checks each with its own reader; a suite is also checked against its policy, and evidence against the
/// policies beside it.
public enum FileChecker {
    public typealias Kind = DocumentKind

    public static let extensions: Set<String> = ["yaml", "yml", "json", "jsonl", "ndjson", "csv"]

    /// A JSON Lines or CSV file, read record by record rather than as one document.
    public static func isBatchFile(_ file: String) -> Bool { EvidenceSource.kind(of: file) != .files }

    /// The schema of a run: the standard vocabulary, the fields its policies declare and its vocabulary files.
    public static func runSchema(_ files: [String]) -> (EvidenceSchema, Diagnostics) {
        var policies: [PolicySyntax] = []
        var problems = Diagnostics()
        var shared: [FieldDeclaration] = []
        for file in files where EvidenceSource.kind(of: file) == .files {
            guard case .success(let text) = FileText.read(file) else { continue }
            switch DocumentKind.of(file: file, text: text) {
            case .policy:
                if let syntax = PolicyReader.read(file: file, text: text).0 { policies.append(syntax) }
            case .vocabulary where !isStandardVocabulary(text):
                let (found, fileProblems) = VocabularyReader.sharedFile(file: file, text: text)
                problems.append(contentsOf: fileProblems)
                shared += found
            default: break
            }
        }
        let (schema, vocabularyProblems) = RunVocabulary.schema(for: policies, also: shared)
        problems.append(contentsOf: vocabularyProblems)
        return (schema, problems)
    }

    /// The evidence an editor's document may name: a policy's own `vocabulary:` (from its text, saved or not) or,
    /// for evidence and suites, the local fields of the policies beside it and those named in settings.
    public static func evidenceSchema(for file: String, text: String, namedPolicies: [String]) -> EvidenceSchema {
        if !isBatchFile(file), DocumentKind.of(file: file, text: text) == .policy {
            guard let syntax = PolicyReader.read(file: file, text: text).0 else { return .standard }
            return RunVocabulary.schema(for: [syntax]).0
        }
        let folder = (file as NSString).deletingLastPathComponent
        let beside = FileText.expand([folder.isEmpty ? "." : folder] + namedPolicies, extensions: ["yaml", "yml"])
        return runSchema(beside.filter { $0 != file }).0
    }

    /// A file on disk, checked with the policies found beside it and the run's evidence schema.
    public static func check(
        _ file: String, policies: PolicyLibrary = PolicyLibrary(), schema: EvidenceSchema = .standard
    ) -> Diagnostics {
        if EvidenceSource.kind(of: file) != .files { return checkRecords(file, schema: schema) }
        switch FileText.read(file) {
        case .success(let text): return check(file: file, text: text, policies: policies, schema: schema)
        case .failure(let d): return Diagnostics([d])
        }
    }

    /// The text of a file (as an editor holds it, perhaps unsaved), checked as `qaf validate` checks it.
    public static func check(
        file: String, text: String, policies: PolicyLibrary = PolicyLibrary(), schema: EvidenceSchema = .standard
    ) -> Diagnostics {
        switch DocumentKind.of(file: file, text: text) {
        case .policy:
            if case .failure(let d) = PolicyCompiler.check(file: file, text: text, schema: schema) { return d }
        case .evidence:
            switch EvidenceReader(schema: schema).read(file: file, text: text) {
            case .failure(let d): return d
            case .success(let record): return policies.evidenceWarnings(record, file: file, text: text)
            }
        case .suite:
            switch FixtureSuiteLoader.load(file: file, text: text, schema: { _ in schema }) {
            case .failure(let d): return d
            case .success(let suite): return policies.checkSuite(suite, text: text)
            }
        case .vocabulary:
            // A shared file was read with the run's schema; the standard one is checked on its own.
            if isStandardVocabulary(text) { return StandardVocabulary.check(file: file, text: text) }
        case nil:
            return Diagnostics([
                Diagnostic(
                    "cannot tell what this file is: a policy starts with 'policy: 1', evidence with 'evidence: 1', a fixture suite with 'suite: 1', a vocabulary with 'vocabulary: 1'",
                    at: SourceLocation(file: file, line: 1, column: 1))
            ])
        }
        return Diagnostics()
    }

    /// The standard vocabulary (`Vocabulary/standard.yaml`) has named value sets; a shared vocabulary file has none.
    static func isStandardVocabulary(_ text: String) -> Bool {
        guard let root = try? SourceText(file: "", text: text).compose(), case .mapping(let map) = root else {
            return false
        }
        return map["value_sets"] != nil
    }

    /// Every record of a JSON Lines or CSV file, read as `qaf evaluate` would read it.
    public static func checkRecords(_ file: String, schema: EvidenceSchema = .standard) -> Diagnostics {
        let source = EvidenceSource(paths: [file])
        var problems = Diagnostics()
        let parser = ChunkParser(schema: schema)
        while let chunk = source.next() {
            parser.parse(chunk) { item in
                if case .failure(let d) = item.record { problems.append(contentsOf: d) }
            }
        }
        for p in source.problems { problems.append(p) }
        return problems
    }
}
