import Foundation
import QAFCompile
import QAFCore
import QAFTesting
import Testing

@Suite("The test reporters: text, JUnit and coverage")
struct TestReporterTests {
    /// Salford's first two cases run for real; the second made to fail as a changed policy would fail it.
    func results() throws -> (CompiledPolicy, [CaseResult]) {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let suite = try FixtureSuiteLoader.load(file: path("Policies/tests/salford.tests.yaml")).get()
        var results = Array(FixtureRunner(policy: policy).run(suite).prefix(2))
        try #require(results.count == 2 && results.allSatisfy(\.passed))
        results[1].mismatches = ["level: expected 1, got 2 & <more>"]
        return (policy, results)
    }

    @Test func textShowsFailuresThenACount() throws {
        let (_, r) = try results()
        let failing =
            "FAIL salford/\(r[1].name) (\(r[1].location.file):\(r[1].location.line))\n"
            + "     level: expected 1, got 2 & <more>\n"
        #expect(TestTextReport(verbose: false).render(r) == failing + "1 passed, 1 failed\n")
        #expect(
            TestTextReport(verbose: true).render(r) == "PASS salford/\(r[0].name)\n" + failing
                + "1 passed, 1 failed\n")
        #expect(TestTextReport(verbose: false, quiet: true).render(r) == failing)
    }

    @Test func junitIsOneSuiteAPolicyWithEscapedFailures() throws {
        let (_, r) = try results()
        let file = r[0].location.file
        let report = JUnitReport(
            coverageFailures: [.init(policy: "salford", message: "coverage of salford is 50.0%, below 99")])
        #expect(
            report.render(r) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="qaf" tests="3" failures="2" errors="0">
                  <testsuite name="salford" tests="3" failures="2" errors="0" skipped="0" file="\(r[0].suite)">
                    <testcase name="\(r[0].name)" classname="salford" file="\(file)" line="\(r[0].location.line)"/>
                    <testcase name="\(r[1].name)" classname="salford" file="\(file)" line="\(r[1].location.line)">
                      <failure message="level: expected 1, got 2 &amp; &lt;more&gt;" type="mismatch">level: expected 1, got 2 &amp; &lt;more&gt;</failure>
                    </testcase>
                    <testcase name="coverage" classname="salford">
                      <failure message="coverage of salford is 50.0%, below 99" type="coverage">coverage of salford is 50.0%, below 99</failure>
                    </testcase>
                  </testsuite>
                </testsuites>

                """)
        let load = Diagnostic("cannot read this file", at: SourceLocation(file: "x.tests.yaml", line: 3, column: 1))
        #expect(
            JUnitReport(loadErrors: [load]).render([]) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="qaf" tests="1" failures="0" errors="1">
                  <testsuite name="x.tests.yaml" tests="1" failures="0" errors="1" skipped="0" file="x.tests.yaml">
                    <testcase name="load" classname="x.tests.yaml" file="x.tests.yaml" line="3">
                      <error message="x.tests.yaml:3:1: error: cannot read this file" type="invalid-input">x.tests.yaml:3:1: error: cannot read this file</error>
                    </testcase>
                  </testsuite>
                </testsuites>

                """)
    }

    @Test func coverageIsASuiteAtATimeAndNamesWhatIsLeft() throws {
        let (policy, r) = try results()
        let report = CoverageReport(suites: [(r[0].suite, policy), ("elsewhere.tests.yaml", policy)])
        let coverages = report.coverages(of: r)
        #expect(coverages.count == 2)
        // The second suite ran no case: nothing of the policy is exercised.
        let p = policy.model
        let items = p.criteria.count + p.levels.count + p.interventions.count + p.triggers.count + p.thresholds.count
        #expect(coverages[1].items.count == items && coverages[1].uncovered.count == items)
        #expect(coverages[1].text.hasPrefix("salford: 0.0% covered (0 of \(items))\n"))
        #expect(report.render(r) == coverages[0].text + coverages[1].text)
        #expect(coverages[0].percent > 0 && coverages[0].percent < 100)
        let low = report.failures(r, below: 100)
        #expect(
            low.map(\.message) == [
                "coverage of salford is \(String(format: "%.1f", coverages[0].percent))%, below --coverage-min 100.0",
                "coverage of salford is 0.0%, below --coverage-min 100.0",
            ])
        #expect(report.failures(r, below: 0).isEmpty)
    }
}
