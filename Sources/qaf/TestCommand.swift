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
        var problems = Diagnostics()
        var loaded: [String: CompiledPolicy] = [:]
        func policies(for suite: String) -> [String: CompiledPolicy] {
            let folders = policy.isEmpty ? SuiteDiscovery.policyFolders(for: suite) : policy
            for file in FileText.expand(folders, extensions: ["yaml", "yml"]) where !file.hasSuffix(".tests.yaml") {
                guard loaded.values.allSatisfy({ $0.model.file != file }),
                    case .success(let text) = FileText.read(file), FileChecker.kind(of: file, text: text) == .policy
                else { continue }
                switch PolicyCompiler.compile(file: file, text: text) {
                case .success(let p):
                    if let first = loaded[p.id] {
                        problems.append(
                            Diagnostic(
                                "duplicate policy id '\(p.id)': \(first.model.file) has the same id, so a suite cannot tell which it tests",
                                at: PolicyOptions.idLocation(in: file)))
                    } else {
                        loaded[p.id] = p
                    }
                case .failure(let d): problems.append(contentsOf: d)
                }
            }
            return loaded
        }
        let junitTarget = try Output.target(junit, inputs: suiteFiles + paths + policy)
        var results: [CaseResult] = []
        var coverages: [Coverage] = []
        var updates: [String: [(Expectation, ActualOutcome)]] = [:]
        var suitePolicies: [String: CompiledPolicy] = [:]
        var chosen: Set<String>?
        if !policy.isEmpty {
            chosen = Set(policies(for: "").keys)
            if chosen!.isEmpty, !problems.hasErrors {
                throw ValidationError("No policies found in \(policy.joined(separator: ", "))")
            }
        }
        var skipped = 0
        for file in suiteFiles {
            let suite: FixtureSuite
            let found = policies(for: file)
            switch FixtureSuiteLoader.load(file: file, schema: { found[$0]?.schema ?? .standard }) {
            case .success(let s): suite = s
            case .failure(let d):
                problems.append(contentsOf: d)
                continue
            }
            if let chosen, !chosen.contains(suite.policy.value) {
                skipped += 1
                continue
            }
            guard let compiled = found[suite.policy.value] else {
                problems.append(
                    Diagnostic(
                        "no policy with id '\(suite.policy.value)' found for this suite"
                            + NearestName.hint(suite.policy.value, among: loaded.keys.sorted()),
                        at: suite.policy.location))
                continue
            }
            suitePolicies[file] = compiled
            let runner = FixtureRunner(policy: compiled)
            let suiteProblems = runner.check(suite)
            if suiteProblems.hasErrors {
                problems.append(contentsOf: suiteProblems)
                continue
            }
            let matches: ((String) -> Bool)? = filter.map { text in { (name: String) in name.contains(text) } }
            let suiteResults = runner.run(suite, filter: matches)
            results += suiteResults
            for (c, r) in zip(
                suite.cases.filter { matches?("\(suite.policy.value)/\($0.name.value)") ?? true }, suiteResults)
            where !r.passed {
                updates[file, default: []].append((c.expect, r.actual))
            }
            coverages.append(Coverage(policy: compiled, results: suiteResults))
        }
        if let chosen, results.isEmpty, !problems.hasErrors, skipped == suiteFiles.count {
            throw ValidationError("No fixture suite tests \(chosen.sorted().joined(separator: ", "))")
        }
        if problems.hasErrors {
            if junitTarget != nil {
                try Output.save(JUnitReport.render(results, loadErrors: problems.sorted), to: junitTarget)
            }
            output.report(problems.problems())
            if !output.quiet { Output.error("qaf: the suites or policies have errors; fix them before testing") }
            throw Exit.invalidInput
        }
        let lowCoverage = coverageMin.map { minimum in coverages.filter { $0.percent < minimum } } ?? []
        let coverageFailures = lowCoverage.map { low in
            JUnitReport.CoverageFailure(
                policy: low.policy,
                message:
                    "coverage of \(low.policy) is \(String(format: "%.1f", low.percent))%, below --coverage-min \(coverageMin ?? 0)"
            )
        }
        if junitTarget != nil {
            try Output.save(JUnitReport.render(results, coverageFailures: coverageFailures), to: junitTarget)
        }
        if update {
            try apply(updates, policies: suitePolicies)
            return
        }
        var report = TestReport.text(results, verbose: verbose && !output.quiet, quiet: output.quiet)
        if !output.quiet, skipped > 0 {
            report += "\(skipped) suite(s) of other policies not run (--policy)\n"
        }
        if !output.quiet, coverage || coverageMin != nil { report = coverages.map(\.text).joined() + report }
        switch output.errorFormat {
        case .text: Output.write(TerminalText.safe(report))
        case .github:
            Output.write(report)
            output.report(failureProblems(results, coverageFailures, files: loaded.mapValues(\.model.file)))
        case .json, .sarif:
            if !report.isEmpty { Output.error(report) }
            output.report(failureProblems(results, coverageFailures, files: loaded.mapValues(\.model.file)))
        }
        if results.contains(where: { !$0.passed }) { throw Exit.failures }
        if !coverageFailures.isEmpty {
            if output.errorFormat == .text {
                for failure in coverageFailures { Output.error("qaf: " + failure.message) }
            }
            throw Exit.failures
        }
    }

    /// Failing cases and low coverage as problems for the machine formats.
    func failureProblems(
        _ results: [CaseResult], _ coverage: [JUnitReport.CoverageFailure], files: [String: String]
    ) -> [Problem] {
        let failed = results.filter { !$0.passed }.map { r in
            Problem(
                Diagnostic(
                    "fixture case \(r.decision.model.id)/\(r.name) failed: \(r.mismatches.joined(separator: "; "))",
                    at: r.location),
                rule: .fixtureFailed)
        }
        let low = coverage.map { c in
            Problem(
                Diagnostic(
                    c.message,
                    at: SourceLocation(
                        file: files[c.policy] ?? c.policy, line: 1, column: 1)),
                rule: .coverageBelowMinimum)
        }
        return failed + low
    }
}

extension Test {
    /// Shows each change, then rewrites the suites: a deliberate policy change accepted in one reviewed step.
    /// Every suite is rewritten in memory and read back first; a suite that would no longer load, or whose updated
    /// cases would still fail, is left as it was, and nothing is written (exit 74).
    func apply(_ updates: [String: [(Expectation, ActualOutcome)]], policies: [String: CompiledPolicy]) throws {
        var count = 0
        var rewritten: [(OutputTarget, String)] = []
        for file in updates.keys.sorted() {
            guard let changes = updates[file], let policy = policies[file] else { continue }
            let target = try Output.target(file, inputs: [])
            let text: String
            switch FileText.read(file) {
            case .success(let t): text = t
            case .failure(let problem):
                Output.error(problem.rendered)
                throw Exit.io
            }
            guard let updated = ExpectationUpdater.rewrite(text, updates: changes) else {
                Output.error(
                    "qaf: cannot update \(file): an expect: block could not be found exactly; nothing was written")
                throw Exit.io
            }
            switch FixtureSuiteLoader.load(file: file, text: updated) {
            case .failure(let problems):
                Output.error(
                    "qaf: cannot update \(file): the rewritten suite would not load, so nothing was written:\n"
                        + problems.description)
                throw Exit.io
            case .success(let suite):
                let matches: ((String) -> Bool)? = filter.map { text in { (name: String) in name.contains(text) } }
                let stillFailing = FixtureRunner(policy: policy).run(suite, filter: matches).filter { !$0.passed }
                if let failing = stillFailing.first {
                    Output.error(
                        "qaf: cannot update \(file): case '\(failing.name)' would still fail after the rewrite, so nothing was written"
                    )
                    throw Exit.io
                }
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

/// The words a policy owner reads after `qaf test`.
enum TestReport {
    static func text(_ results: [CaseResult], verbose: Bool, quiet: Bool = false) -> String {
        var out = ""
        for r in results where verbose || !r.passed {
            let where_ = "\(r.location.file):\(r.location.line)"
            out +=
                r.passed
                ? "PASS \(r.decision.model.id)/\(r.name)\n" : "FAIL \(r.decision.model.id)/\(r.name) (\(where_))\n"
            for m in r.mismatches { out += "     \(m)\n" }
        }
        let passed = results.filter(\.passed).count
        if !quiet { out += "\(passed) passed, \(results.count - passed) failed\n" }
        return out
    }
}
