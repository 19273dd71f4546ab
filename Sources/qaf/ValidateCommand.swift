import ArgumentParser
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
            and evidence against the policies in its folder. Evidence may hold the standard vocabulary and the \
            fields declared by the policies of the run (those among the paths, those named with --policy) and by \
            'vocabulary: 1' files among the paths.

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

    @OptionGroup var output: ProblemOptions

    func run() throws {
        try requireReadable(paths + policy)
        let run = Validation.run(paths, policies: policy)
        let problems = run.problems, checked = run.checked
        output.report(problems.problems())
        let errors = problems.sorted.filter { $0.severity == .error }.count
        if errors > 0 {
            if !output.quiet { Output.error("qaf: \(errors) error(s) in \(checked) file(s)") }
            throw Exit.invalidInput
        }
        output.summary("\(checked) file(s) valid")
    }
}
