import QAFCheck
import QAFCompile
import QAFCore
import QAFReport
import QAFTesting
import Testing

@Suite("The four policies and their fixture suites")
struct FixtureSuiteTests {
    static let policies = ["salford", "herefordshire", "calderdale", "bath-and-north-east-somerset"]

    func load(_ name: String) throws -> (CompiledPolicy, FixtureSuite) {
        let policy = try PolicyCompiler.compile(file: path("Policies/\(name).yaml")).get()
        let suite = try FixtureSuiteLoader.load(file: path("Policies/tests/\(name).tests.yaml")).get()
        return (policy, suite)
    }

    @Test(arguments: policies)
    func everyCasePasses(_ name: String) throws {
        let (policy, suite) = try load(name)
        let runner = FixtureRunner(policy: policy)
        #expect(runner.check(suite).isEmpty)
        let results = runner.run(suite)
        #expect(results.count == suite.cases.count)
        for r in results where !r.passed { Issue.record("\(name)/\(r.name): \(r.mismatches.joined(separator: "; "))") }
    }

    @Test(arguments: policies)
    func everyCriterionLevelTriggerAndThresholdIsExercised(_ name: String) throws {
        let (policy, suite) = try load(name)
        let coverage = Coverage(policy: policy, results: FixtureRunner(policy: policy).run(suite))
        #expect(coverage.uncovered.isEmpty, "\(coverage.text)")
        #expect(!policy.model.thresholds.isEmpty || name == "calderdale")
    }

    @Test(arguments: policies)
    func everyPolicyCitesItsSeedBySection(_ name: String) throws {
        let p = try PolicyCompiler.compile(file: path("Policies/\(name).yaml")).get().model
        #expect(p.source.hasSuffix(".txt") && !p.source.contains("/"))
        for c in p.criteria { #expect(c.source.contains(p.source), "criterion \(c.id) cites \(c.source)") }
        for t in p.triggers { #expect(t.source.contains(".txt"), "trigger \(t.id) cites \(t.source)") }
    }

    /// A one-case Salford suite on an example file.
    func salfordCase(_ name: String, evidence: String, expect: String) throws -> FixtureSuite {
        let text = """
            suite: 1
            policy: salford
            cases:
              - name: \(name)
                evidence_file: \(path("Examples/\(evidence).yaml"))
                expect: \(expect)
            """
        return try FixtureSuiteLoader.load(file: "\(name).tests.yaml", text: text).get()
    }

    @Test func coverageOfAKnownSuiteIsCounted() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let suite = try salfordCase("major", evidence: "salford-major", expect: "{level: 3}")
        let coverage = Coverage(policy: policy, results: FixtureRunner(policy: policy).run(suite))
        let levels = coverage.items.filter { $0.kind == "level" }
        #expect(levels.map(\.covered) == [true, false, false])
        let thresholds = coverage.items.filter { $0.kind == "threshold" }
        #expect(thresholds.count == policy.model.thresholds.count)
        #expect(thresholds.allSatisfy { !$0.covered }, "one case can only see one side of each threshold")
        #expect(coverage.percent < 50)
    }

    @Test func aWrongExpectationFailsInWords() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let suite = try salfordCase(
            "wrong", evidence: "salford-no-concerns", expect: "{level: 3, fired: [cqc_inadequate]}")
        let result = try #require(FixtureRunner(policy: policy).run(suite).first)
        #expect(!result.passed)
        #expect(result.mismatches.first == "level: expected 3 (High), got 1 (Low) [status complete]")
        #expect(
            result.mismatches.contains {
                $0.hasPrefix(
                    "criterion cqc_inadequate was expected to fire but did not fire: when cqc.overall == inadequate — read cqc.overall = good"
                )
            })
    }

    @Test func expectationsNamingUnknownCriteriaAreErrors() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let suite = try salfordCase("typo", evidence: "salford-no-concerns", expect: "{fired: [cqc_inadequat]}")
        let problems = FixtureRunner(policy: policy).check(suite)
        #expect(
            problems.sorted.first?.message
                == "policy 'salford' has no criterion 'cqc_inadequat'; did you mean 'cqc_inadequate'?")
    }
}

@Suite("Traceability documents")
struct PolicyDocumentTests {
    @Test(arguments: FixtureSuiteTests.policies)
    func committedDocumentIsCurrent(_ name: String) throws {
        let model = try PolicyCompiler.compile(file: path("Policies/\(name).yaml")).get().model
        let committed = try String(contentsOfFile: path("Policies/\(name).md"), encoding: .utf8)
        #expect(
            committed == PolicyDocument.render(model, policyFile: "\(name).yaml"),
            "run: swift run qaf document Policies/")
    }

    @Test func everyCriterionAndTriggerAppearsInTheDocument() throws {
        let p = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get().model
        let document = PolicyDocument.render(p, policyFile: "salford.yaml")
        for c in p.criteria { #expect(document.contains("| `\(c.id)` |")) }
        for t in p.triggers { #expect(document.contains("| `\(t.id)`: ")) }
        for parameter in p.parameters { #expect(document.contains("| `\(parameter.name)` |")) }
    }
}
