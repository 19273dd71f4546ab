import QAFCompile
import QAFCore
import QAFLoad

/// `qaf test`'s run: each suite loaded with the policy it names (found beside it and in the folder above, or among
/// the policies chosen), checked against it, and its cases run.
public struct SuiteRun {
    /// Policy files or folders to run the suites of; empty: every suite, each against the policy beside it.
    public var chosenPolicies: [String]
    /// Only the cases whose "policy/case" name contains this text.
    public var filter: String?

    public init(chosenPolicies: [String], filter: String?) {
        self.chosenPolicies = chosenPolicies
        self.filter = filter
    }

    /// Why nothing could be run: the words of a usage error.
    public enum Refusal: Error, Sendable {
        case noPolicies([String])
        case noSuiteTests([String])

        public var message: String {
            switch self {
            case .noPolicies(let paths): return "No policies found in \(paths.joined(separator: ", "))"
            case .noSuiteTests(let ids): return "No fixture suite tests \(ids.joined(separator: ", "))"
            }
        }
    }

    public struct Outcome {
        public var results: [CaseResult] = []
        /// Suites, policies or expectations that could not be loaded or checked; with errors, nothing was run.
        public var problems = Diagnostics()
        /// The suites run, with their policies, for coverage.
        public var coverage = CoverageReport(suites: [])
        /// The failing cases of each suite file, for `--update`.
        public var updates: [String: [(Expectation, ActualOutcome)]] = [:]
        /// The policy each suite file was run against.
        public var suitePolicies: [String: CompiledPolicy] = [:]
        /// Suites of other policies than those chosen.
        public var skipped = 0
        /// The file of each policy loaded, by id.
        public var policyFiles: [String: String] = [:]
    }

    /// The matcher of `filter` over "policy/case" names.
    public var matches: ((String) -> Bool)? { filter.map { text in { (name: String) in name.contains(text) } } }

    public func run(_ suiteFiles: [String]) -> Result<Outcome, Refusal> {
        var outcome = Outcome()
        var loaded: [String: CompiledPolicy] = [:]
        func policies(for suite: String) -> [String: CompiledPolicy] {
            let folders = chosenPolicies.isEmpty ? SuiteDiscovery.policyFolders(for: suite) : chosenPolicies
            for file in FileText.expand(folders, extensions: ["yaml", "yml"]) where !file.hasSuffix(".tests.yaml") {
                guard loaded.values.allSatisfy({ $0.model.file != file }),
                    case .success(let text) = FileText.read(file), DocumentKind.of(file: file, text: text) == .policy
                else { continue }
                switch PolicyCompiler.compile(file: file, text: text) {
                case .success(let p):
                    if let first = loaded[p.id] {
                        outcome.problems.append(
                            Diagnostic(
                                "duplicate policy id '\(p.id)': \(first.model.file) has the same id, so a suite cannot tell which it tests",
                                at: PolicyCompiler.idLocation(in: file)))
                    } else {
                        loaded[p.id] = p
                    }
                case .failure(let d): outcome.problems.append(contentsOf: d)
                }
            }
            return loaded
        }
        var chosen: Set<String>?
        if !chosenPolicies.isEmpty {
            chosen = Set(policies(for: "").keys)
            if chosen!.isEmpty, !outcome.problems.hasErrors { return .failure(.noPolicies(chosenPolicies)) }
        }
        for file in suiteFiles {
            let suite: FixtureSuite
            let found = policies(for: file)
            switch FixtureSuiteLoader.load(file: file, schema: { found[$0]?.schema ?? .standard }) {
            case .success(let s): suite = s
            case .failure(let d):
                outcome.problems.append(contentsOf: d)
                continue
            }
            if let chosen, !chosen.contains(suite.policy.value) {
                outcome.skipped += 1
                continue
            }
            guard let compiled = found[suite.policy.value] else {
                outcome.problems.append(
                    Diagnostic(
                        "no policy with id '\(suite.policy.value)' found for this suite"
                            + NearestName.hint(suite.policy.value, among: loaded.keys.sorted()),
                        at: suite.policy.location))
                continue
            }
            outcome.suitePolicies[file] = compiled
            let runner = FixtureRunner(policy: compiled)
            let suiteProblems = runner.check(suite)
            if suiteProblems.hasErrors {
                outcome.problems.append(contentsOf: suiteProblems)
                continue
            }
            let suiteResults = runner.run(suite, filter: matches)
            outcome.results += suiteResults
            for (c, r) in zip(
                suite.cases.filter { matches?("\(suite.policy.value)/\($0.name.value)") ?? true }, suiteResults)
            where !r.passed {
                outcome.updates[file, default: []].append((c.expect, r.actual))
            }
            outcome.coverage.suites.append((file, compiled))
        }
        outcome.policyFiles = loaded.mapValues(\.model.file)
        if let chosen, outcome.results.isEmpty, !outcome.problems.hasErrors, outcome.skipped == suiteFiles.count {
            return .failure(.noSuiteTests(chosen.sorted()))
        }
        return .success(outcome)
    }
}
