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
    public enum Kind: String, Sendable { case policy, evidence, suite }

    public static let extensions: Set<String> = ["yaml", "yml", "json", "jsonl", "ndjson", "csv"]

    public static func expandRecursively(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            guard FileText.isDirectory(path) else { return [path] }
            let here = FileText.files(in: path, extensions: extensions)
            let subfolders = FileText.subfolders(of: path)
            return here + expandRecursively(subfolders)
        }
    }

    /// A JSON Lines or CSV file, read record by record rather than as one document.
    public static func isBatchFile(_ file: String) -> Bool { EvidenceSource.kind(of: file) != .files }

    /// A file on disk, checked with the policies found beside it.
    public static func check(_ file: String, policies: PolicyLibrary = PolicyLibrary()) -> Diagnostics {
        if EvidenceSource.kind(of: file) != .files { return checkRecords(file) }
        switch FileText.read(file) {
        case .success(let text): return check(file: file, text: text, policies: policies)
        case .failure(let d): return Diagnostics([d])
        }
    }

    /// The text of a file (as an editor holds it, perhaps unsaved), checked as `qaf validate` checks it.
    public static func check(file: String, text: String, policies: PolicyLibrary = PolicyLibrary()) -> Diagnostics {
        switch kind(of: file, text: text) {
        case .policy:
            if case .failure(let d) = PolicyCompiler.check(file: file, text: text) { return d }
        case .evidence:
            switch EvidenceReader().read(file: file, text: text) {
            case .failure(let d): return d
            case .success(let record): return policies.evidenceWarnings(record, file: file, text: text)
            }
        case .suite:
            switch FixtureSuiteLoader.load(file: file, text: text) {
            case .failure(let d): return d
            case .success(let suite): return policies.checkSuite(suite, text: text)
            }
        case nil:
            return Diagnostics([
                Diagnostic(
                    "cannot tell what this file is: a policy starts with 'policy: 1', evidence with 'evidence: 1', a fixture suite with 'suite: 1'",
                    at: SourceLocation(file: file, line: 1, column: 1))
            ])
        }
        return Diagnostics()
    }

    /// Every record of a JSON Lines or CSV file, read as `qaf evaluate` would read it.
    public static func checkRecords(_ file: String) -> Diagnostics {
        let source = EvidenceSource(paths: [file])
        var problems = Diagnostics()
        let parser = ChunkParser()
        while let chunk = source.next() {
            parser.parse(chunk) { item in
                if case .failure(let d) = item.record { problems.append(contentsOf: d) }
            }
        }
        for p in source.problems { problems.append(p) }
        return problems
    }

    public static func kind(of file: String, text: String) -> Kind? {
        guard let root = try? SourceText(file: file, text: text).compose(), case .mapping(let map) = root else {
            // An unreadable file: let the evidence reader report where the YAML breaks.
            return (try? SourceText(file: file, text: text).compose()) == nil ? .evidence : nil
        }
        for key in ["suite", "evidence", "policy"] where map[key] != nil { return Kind(rawValue: key) }
        return nil
    }
}
