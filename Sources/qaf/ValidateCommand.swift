import ArgumentParser
import QAFBatch
import QAFCompile
import QAFCore
import QAFLoad
import QAFTesting
import Yams

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check policies, evidence files and fixture suites without evaluating anything.",
        discussion: """
            Each file's kind is read from its first key: 'policy:' for a policy, 'evidence:' for an evidence \
            file, 'suite:' for a fixture suite. JSON Lines (.jsonl) and CSV (.csv) files are checked record by \
            record, as qaf evaluate reads them. Folders are searched for .yaml, .yml, .json, .jsonl and .csv \
            files. Every problem is printed as file:line:column: error: …, with the nearest valid name for a \
            likely typo. Evidence may hold the standard vocabulary and the fields declared by the policies of the \
            run (those among the paths, those named with --policy) and by 'vocabulary: 1' files among the paths.

            Examples:
              qaf validate Policies/ Examples/
              qaf validate --policy Examples/local/agency-staff.yaml Examples/local/agency-staff.csv
            """)

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
    var paths: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A policy (or folder) whose declared evidence the evidence may hold; not itself checked. Repeatable.",
            valueName: "policy"))
    var policy: [String] = []

    func run() throws {
        let files = FileChecker.expandRecursively(paths)
        var (schema, problems) = FileChecker.runSchema(
            files + FileText.expand(policy, extensions: ["yaml", "yml"]))
        var checked = 0
        for file in files {
            checked += 1
            problems.append(contentsOf: FileChecker.check(file, schema: schema))
        }
        Output.report(problems)
        let errors = problems.sorted.filter { $0.severity == .error }.count
        if errors > 0 {
            Output.error("qaf: \(errors) error(s) in \(checked) file(s)")
            throw Exit.invalidInput
        }
        Output.write("\(checked) file(s) valid\n")
    }
}

/// Tells a policy from evidence from a fixture suite, and checks each with its own reader.
enum FileChecker {
    static func expandRecursively(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            guard FileText.isDirectory(path) else { return [path] }
            // A JSON Schema beside the evidence (`qaf schema --policy P > x.schema.json`) is for the editor.
            let here = FileText.files(in: path, extensions: ["yaml", "yml", "json", "jsonl", "ndjson", "csv"])
                .filter { !$0.hasSuffix(".schema.json") }
            let subfolders = FileText.subfolders(of: path)
            return here + expandRecursively(subfolders)
        }
    }

    /// The schema of a run: the standard vocabulary, the fields its policies declare and its vocabulary files.
    static func runSchema(_ files: [String]) -> (EvidenceSchema, Diagnostics) {
        var policies: [PolicySyntax] = []
        var problems = Diagnostics()
        var shared: [FieldDeclaration] = []
        for file in files where EvidenceSource.kind(of: file) == .files {
            guard case .success(let text) = FileText.read(file) else { continue }
            switch kind(of: file, text: text) {
            case "policy":
                if let syntax = PolicyReader.read(file: file, text: text).0 { policies.append(syntax) }
            case "vocabulary" where !isStandardVocabulary(text):
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

    static func check(_ file: String, schema: EvidenceSchema) -> Diagnostics {
        if EvidenceSource.kind(of: file) != .files { return checkRecords(file, schema: schema) }
        let text: String
        switch FileText.read(file) {
        case .success(let t): text = t
        case .failure(let d): return Diagnostics([d])
        }
        switch kind(of: file, text: text) {
        case "policy":
            if case .failure(let d) = PolicyCompiler.check(file: file, text: text, schema: schema) { return d }
        case "evidence":
            if case .failure(let d) = EvidenceReader(schema: schema).read(file: file, text: text) { return d }
        case "suite":
            if case .failure(let d) = FixtureSuiteLoader.load(file: file, text: text, schema: { _ in schema }) {
                return d
            }
        case "vocabulary":
            // A shared file was read with the run's schema above; the standard one is checked on its own.
            if isStandardVocabulary(text) { return StandardVocabulary.check(file: file, text: text) }
        default:
            return Diagnostics([
                Diagnostic(
                    "cannot tell what this file is: a policy starts with 'policy: 1', evidence with 'evidence: 1', a fixture suite with 'suite: 1', a vocabulary with 'vocabulary: 1'",
                    at: SourceLocation(file: file, line: 1, column: 1))
            ])
        }
        return Diagnostics()
    }

    /// Every record of a JSON Lines or CSV file, read as `qaf evaluate` would read it.
    static func checkRecords(_ file: String, schema: EvidenceSchema) -> Diagnostics {
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

    /// The standard vocabulary (`Vocabulary/standard.yaml`) has named value sets; a shared vocabulary file has none.
    static func isStandardVocabulary(_ text: String) -> Bool {
        guard let root = try? SourceText(file: "", text: text).compose(), case .mapping(let map) = root else {
            return false
        }
        return map["value_sets"] != nil
    }

    static func kind(of file: String, text: String) -> String? {
        guard let root = try? SourceText(file: file, text: text).compose(), case .mapping(let map) = root else {
            // An unreadable file: let the evidence reader report where the YAML breaks.
            return (try? SourceText(file: file, text: text).compose()) == nil ? "evidence" : nil
        }
        for key in ["suite", "evidence", "policy", "vocabulary"] where map[key] != nil { return key }
        return nil
    }
}
