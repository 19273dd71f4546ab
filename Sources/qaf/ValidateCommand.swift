import ArgumentParser
import QAFCompile
import QAFCore
import QAFValidate

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check policies, evidence files and fixture suites without evaluating anything.",
        discussion: """
            Each file's kind is read from its first key: 'policy:' for a policy, 'evidence:' for an evidence \
            file, 'suite:' for a fixture suite. JSON Lines (.jsonl) and CSV (.csv) files are checked record by \
            record, as qaf evaluate reads them. Folders are searched for .yaml, .yml, .json, .jsonl and .csv \
            files. Every problem is printed as file:line:column: error: …, with the nearest valid name for a \
            likely typo. A fixture suite is also checked against its policy (beside it or in the folder above), \
            and evidence against the policies in its folder.

            Example:
              qaf validate Policies/ Examples/
            """)

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
    var paths: [String]

    @OptionGroup var output: ProblemOptions

    func run() throws {
        try requireReadable(paths)
        var problems = Diagnostics()
        var checked = 0
        let policies = PolicyLibrary()
        let listing = FileText.walk(paths, extensions: ["yaml", "yml", "json", "jsonl", "ndjson", "csv"])
        for notice in listing.skipped { problems.append(notice) }
        for file in listing.files {
            checked += 1
            problems.append(contentsOf: FileChecker.check(file, policies: policies))
        }
        output.report(problems.problems())
        let errors = problems.sorted.filter { $0.severity == .error }.count
        if errors > 0 {
            if !output.quiet { Output.error("qaf: \(errors) error(s) in \(checked) file(s)") }
            throw Exit.invalidInput
        }
        output.summary("\(checked) file(s) valid")
    }
}
