import ArgumentParser
import Foundation
import QAFBatch
import QAFCompile
import QAFCore
import QAFTesting
import QAFValidate

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run policies' fixture suites: evidence cases with the decisions their owners expect.",
        discussion: """
            With no path, runs every suite in Policies/tests against the policy it names (found beside the \
            suite or in the folder above it). With --policy, runs only the suites of the policies named there. \
            Each failure is shown in words: the level expected against the level given, and the criteria that \
            fired or did not, with the evidence they read.

            Examples:
              qaf test
              qaf test Policies/tests/salford.tests.yaml --filter cqc
            """)

    @Argument(help: ArgumentHelp("Suite files (*.tests.yaml) or folders of them.", valueName: "path"))
    var paths: [String] = []

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Run only the suites of these policies (files or folders); by default every suite, each against the policy beside it.",
            valueName: "policy"))
    var policy: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Run only the cases whose 'policy/case' name contains this text.", valueName: "text"))
    var filter: String?

    @Flag(name: .long, help: "List every case, not only the failures.")
    var verbose = false

    @Option(
        name: .long, help: ArgumentHelp("Also write the results as JUnit XML to this file, for CI.", valueName: "file"))
    var junit: String?

    @Flag(
        name: .long,
        help: "Rewrite the expectations of failing cases to what the policies now decide, after showing each change.")
    var update = false

    @Flag(
        name: .long,
        help:
            "List the criteria, levels, interventions and triggers no fixture exercises, and the thresholds no fixture tests on both sides."
    )
    var coverage = false

    @Option(
        name: .customLong("coverage-min"),
        help: ArgumentHelp("Fail (exit 1) when a policy's coverage is below this percentage.", valueName: "percent"))
    var coverageMin: Double?

    func validate() throws {
        if let coverageMin, !NumberRange.percent.contains(coverageMin) {
            throw ValidationError("--coverage-min must be \(NumberRange.percent.words), not \(coverageMin)")
        }
    }

    @OptionGroup var output: ProblemOptions

    func run() throws {
        try requireReadable((paths.isEmpty ? ["Policies/tests"] : paths) + policy)
        let suiteFiles = SuiteDiscovery.suites(in: paths)
        if suiteFiles.isEmpty {
            throw ValidationError(
                "No fixture suites (*.tests.yaml) found in \(paths.isEmpty ? "Policies/tests" : paths.joined(separator: ", "))"
            )
        }
        let junitTarget = try Output.target(junit, inputs: suiteFiles + paths + policy)
        let suites = SuiteRun(
            chosenPolicies: policy, filter: filter)
        let run: SuiteRun.Outcome
        switch suites.run(suiteFiles) {
        case .success(let outcome): run = outcome
        case .failure(let refusal): throw ValidationError(refusal.message)
        }
        let results = run.results
        if run.problems.hasErrors {
            if junitTarget != nil {
                try Output.save(JUnitReport(loadErrors: run.problems.sorted).render(results), to: junitTarget)
            }
            output.report(run.problems.problems())
            if !output.quiet { Output.error("qaf: the suites or policies have errors; fix them before testing") }
            throw Exit.invalidInput
        }
        let coverageFailures = coverageMin.map { run.coverage.failures(results, below: $0) } ?? []
        if junitTarget != nil {
            try Output.save(JUnitReport(coverageFailures: coverageFailures).render(results), to: junitTarget)
        }
        if update {
            try apply(run.updates, policies: run.suitePolicies, matches: suites.matches)
            return
        }
        var report = TestTextReport(verbose: verbose && !output.quiet, quiet: output.quiet).render(results)
        if !output.quiet, run.skipped > 0 {
            report += "\(run.skipped) suite(s) of other policies not run (--policy)\n"
        }
        if !output.quiet, coverage || coverageMin != nil { report = run.coverage.render(results) + report }
        switch output.errorFormat {
        case .text: Output.write(TerminalText.safe(report))
        case .github:
            Output.write(report)
            output.report(
                Problem.fixtureFailures(results, coverage: coverageFailures, policyFiles: run.policyFiles))
        case .json, .sarif:
            if !report.isEmpty { Output.error(report) }
            output.report(
                Problem.fixtureFailures(results, coverage: coverageFailures, policyFiles: run.policyFiles))
        }
        if results.contains(where: { !$0.passed }) { throw Exit.failures }
        if !coverageFailures.isEmpty {
            if output.errorFormat == .text {
                for failure in coverageFailures { Output.error("qaf: " + failure.message) }
            }
            throw Exit.failures
        }
    }
}

extension Test {
    /// Shows each change, then rewrites the suites: a deliberate policy change accepted in one reviewed step.
    /// Every suite is rewritten in memory and read back first; a suite that would no longer load, or whose updated
    /// cases would still fail, is left as it was, and nothing is written (exit 74).
    func apply(
        _ updates: [String: [(Expectation, ActualOutcome)]], policies: [String: CompiledPolicy],
        matches: ((String) -> Bool)?
    ) throws {
        var count = 0
        var rewritten: [(OutputTarget, String)] = []
        for file in updates.keys.sorted() {
            guard let changes = updates[file], let policy = policies[file] else { continue }
            let target = try Output.target(file, inputs: [])
            let updated: String
            switch SuiteUpdate.rewrite(file, changes: changes, policy: policy, matches: matches) {
            case .success(let text): updated = text
            case .failure(let refusal):
                Output.error(refusal.message)
                throw Exit.io
            }
            for (expected, actual) in changes {
                Output.write("UPDATE \(file):\(expected.location?.line ?? 0)\n")
                for line in ExpectationUpdater.describe(expected, actual) { Output.write("     \(line)\n") }
                count += 1
            }
            if let target { rewritten.append((target, updated)) }
        }
        for (target, text) in rewritten { try Output.save(text, to: target) }
        Output.write(
            count == 0
                ? "Nothing to update: every case passes.\n"
                : "Updated \(count) case(s) in \(updates.count) suite(s). Review with git diff, then commit.\n")
    }
}
