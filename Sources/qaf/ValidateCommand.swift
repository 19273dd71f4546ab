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
            likely typo.

            Example:
              qaf validate Policies/ Examples/
            """)

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
    var paths: [String]

    func run() throws {
        try requireReadable(paths)
        var problems = Diagnostics()
        var checked = 0
        let listing = FileText.walk(paths, extensions: ["yaml", "yml", "json", "jsonl", "ndjson", "csv"])
        for notice in listing.skipped { problems.append(notice) }
        for file in listing.files {
            checked += 1
            problems.append(contentsOf: FileChecker.check(file))
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
    static func check(_ file: String) -> Diagnostics {
        if EvidenceSource.kind(of: file) != .files { return checkRecords(file) }
        let text: String
        switch FileText.read(file) {
        case .success(let t): text = t
        case .failure(let d): return Diagnostics([d])
        }
        switch kind(of: file, text: text) {
        case "policy":
            if case .failure(let d) = PolicyCompiler.check(file: file, text: text) { return d }
        case "evidence":
            if case .failure(let d) = EvidenceReader().read(file: file, text: text) { return d }
        case "suite":
            if case .failure(let d) = FixtureSuiteLoader.load(file: file, text: text) { return d }
        default:
            return Diagnostics([
                Diagnostic(
                    "cannot tell what this file is: a policy starts with 'policy: 1', evidence with 'evidence: 1', a fixture suite with 'suite: 1'",
                    at: SourceLocation(file: file, line: 1, column: 1))
            ])
        }
        return Diagnostics()
    }

    /// Every record of a JSON Lines or CSV file, read as `qaf evaluate` would read it.
    static func checkRecords(_ file: String) -> Diagnostics {
        let source = EvidenceSource(paths: [file])
        var problems = Diagnostics()
        let parser = ChunkParser()
        var records = 0
        while let chunk = source.next() {
            parser.parse(chunk) { item in
                records += 1
                if case .failure(let d) = item.record { problems.append(contentsOf: d) }
            }
        }
        for p in source.problems { problems.append(p) }
        if records == 0, source.problems.isEmpty {
            problems.append(
                Diagnostic(
                    "no evidence records in this file", at: SourceLocation(file: file, line: 1, column: 1),
                    severity: .warning))
        }
        return problems
    }

    static func kind(of file: String, text: String) -> String? {
        guard let root = try? SourceText(file: file, text: text).compose(), case .mapping(let map) = root else {
            // An unreadable file: let the evidence reader report where the YAML breaks.
            return (try? SourceText(file: file, text: text).compose()) == nil ? "evidence" : nil
        }
        for key in ["suite", "evidence", "policy"] where map[key] != nil { return key }
        return nil
    }
}
