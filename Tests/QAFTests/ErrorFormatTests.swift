import Foundation
import QAFCore
import QAFValidate
import Testing

/// The text form's problem lines, `file:line:column: severity: message`, as (severity, file, line, column, message).
func textProblems(_ stderr: String) -> [String] {
    stderr.split(separator: "\n").compactMap { line -> String? in
        let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, Int(parts[1]) != nil, Int(parts[2]) != nil else { return nil }
        let severity = parts[3].trimmingCharacters(in: .whitespaces)
        return "\(severity)|invalid-input|\(parts[0])|\(parts[1])|\(parts[2])|\(parts[4].dropFirst())"
    }
}

@Suite("Problems for CI: JSON, SARIF, GitHub workflow commands, JUnit", .serialized)
struct ErrorFormatTests {
    /// GitHub's rules: in the message % CR LF are escaped; in a property also ':' and ','.
    @Test func githubWorkflowCommandsEscapeAsGitHubSays() {
        let problem = Problem(
            Diagnostic(
                "100% wrong:\r\nsecond, line", at: SourceLocation(file: "a,b:c%.yaml", line: 3, column: 7)))
        #expect(
            ProblemReport.githubCommand(problem)
                == "::error file=a%2Cb%3Ac%25.yaml,line=3,col=7,title=qaf invalid-input::100%25 wrong:%0D%0Asecond, line"
        )
        let warning = Problem(
            Diagnostic("w", at: SourceLocation(file: "f.yaml", line: 1, column: 1), severity: .warning),
            rule: .fixtureFailed)
        #expect(
            ProblemReport.githubCommand(warning) == "::warning file=f.yaml,line=1,col=1,title=qaf fixture-failed::w")
    }

    /// SARIF names files by URI reference: spaces and non-ASCII bytes percent-encoded, absolute paths as file URIs.
    @Test func sarifLocationsAreURIs() throws {
        let problems = [
            Problem(Diagnostic("m", at: SourceLocation(file: "my dir/é.yaml", line: 2, column: 3))),
            Problem(Diagnostic("m", at: SourceLocation(file: "/tmp/a#b.yaml", line: 1, column: 1))),
        ]
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(ErrorFormat.sarif.render(problems).utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let uris = (run["results"] as? [[String: Any]] ?? []).compactMap { result in
            (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uris == ["my%20dir/%C3%A9.yaml", "file:///tmp/a%23b.yaml"])
    }

    @Test func validateAsGitHubCommands() throws {
        let run = try runQAF(["validate", "Tests/Fixtures/bad-policy.yaml", "--error-format", "github"])
        #expect(run.code == 2)
        #expect(
            run.stdout == """
                ::error file=Tests/Fixtures/bad-policy.yaml,line=17,col=11,title=qaf invalid-input::unknown name 'cqc.overal': not an evidence field, parameter or value; did you mean 'cqc.overall'?
                ::error file=Tests/Fixtures/bad-policy.yaml,line=24,col=27,title=qaf invalid-input::'pooor' is not a value of pamms_rating; expected one of excellent, good, requires_improvement, poor; did you mean 'poor'?
                ::error file=Tests/Fixtures/bad-policy.yaml,line=31,col=36,title=qaf invalid-input::unknown name 'repeatd': not an evidence field, parameter or value; did you mean 'repeated'?

                """)
        #expect(run.stderr == "qaf: 3 error(s) in 1 file(s)\n")
    }

    /// The SARIF log, read back by two independent readers from PyPI, says what the text form says.
    @Test(arguments: ["Tests/Fixtures/bad-policy.yaml", "Tests/Fixtures/bad-evidence.yaml"])
    func validateAsSARIFReadBackIndependently(file: String) throws {
        let text = try runQAF(["validate", file])
        let sarif = try runQAF(["validate", file, "--error-format", "sarif"])
        #expect(sarif.code == 2 && text.code == 2)
        let log = try temporaryFolder() + "/validate.sarif"
        try sarif.stdout.write(toFile: log, atomically: true, encoding: .utf8)
        let read = try #require(try runTool("python3", ["Tests/sarif/read_sarif.py", log]))
        #expect(read.code == 0, "sarif-tools / sarif-pydantic: \(read.output) (Scripts/test.sh installs them)")
        #expect(read.output.split(separator: "\n").map(String.init) == textProblems(text.stderr))
        #expect(textProblems(text.stderr).count == 3)
    }

    @Test func validateAsJSON() throws {
        let run = try runQAF(["validate", "Tests/Fixtures/unknown-key-policy.yaml", "--error-format", "json"])
        #expect(run.code == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let problems = try #require(object["problems"] as? [[String: Any]])
        let text = try runQAF(["validate", "Tests/Fixtures/unknown-key-policy.yaml"])
        #expect(
            problems.map { p in
                "\(p["severity"]!)|\(p["rule"]!)|\(p["file"]!)|\(p["line"]!)|\(p["column"]!)|\(p["message"]!)"
            } == textProblems(text.stderr))
        #expect(object["tool"] as? String == "qaf")
    }

    @Test func quietPrintsOnlyProblems() throws {
        let valid = try runQAF(["validate", "Policies", "--quiet"])
        #expect(valid.code == 0 && valid.stdout == "" && valid.stderr == "")
        let loud = try runQAF(["validate", "Policies"])
        #expect(loud.stdout == "8 file(s) valid\n")
        let invalid = try runQAF(["validate", "Tests/Fixtures/bad-policy.yaml", "--quiet"])
        #expect(invalid.code == 2)
        #expect(textProblems(invalid.stderr).count == 3)
        #expect(!invalid.stderr.contains("qaf: 3 error(s)"))
        let tests = try runQAF(["test", "--quiet"])
        #expect(tests.code == 0 && tests.stdout == "" && tests.stderr == "")
    }

    @Test func versionNamesTheVocabularyDigest() throws {
        let run = try runQAF(["--version"])
        #expect(run.code == 0)
        // The digest, worked out independently: sha256sum of the committed evidence schema (`qaf schema`'s output).
        let sum = try #require(try runTool("sha256sum", ["Schemas/evidence.schema.json"]))
        let digest = String(sum.output.prefix(64))
        #expect(run.stdout == "qaf \(QAFVersion.current) (standard vocabulary sha256:\(digest))\n")
    }

    @Test func testFailuresAsSARIFAndGitHub() throws {
        let folder = try scratchPolicies()
        try setParameter("places_per_expected_concern", to: "40", in: folder + "/Policies/salford.yaml")
        let suite = folder + "/Policies/tests/salford.tests.yaml"
        let lines = try String(contentsOfFile: suite, encoding: .utf8).components(separatedBy: "\n")
        let caseLine = try #require(lines.firstIndex { $0.contains("name: example_moderate_is_level_2") }) + 1
        let sarif = try runQAF(["test", suite, "--error-format", "sarif"])
        #expect(sarif.code == 1)
        let log = folder + "/test.sarif"
        try sarif.stdout.write(toFile: log, atomically: true, encoding: .utf8)
        let read = try #require(try runTool("python3", ["Tests/sarif/read_sarif.py", log]))
        #expect(read.code == 0, "\(read.output)")
        let results = read.output.split(separator: "\n").map(String.init)
        #expect(results.count == 3)
        // The message is the text form's mismatch lines for the case, joined.
        let textRun = try runQAF(["test", suite])
        let textLines = textRun.stdout.components(separatedBy: "\n")
        let failLine = try #require(textLines.firstIndex { $0.hasPrefix("FAIL salford/example_moderate_is_level_2 ") })
        let mismatches = textLines[(failLine + 1)...].prefix { $0.hasPrefix("     ") }.map { $0.dropFirst(5) }
        #expect(!mismatches.isEmpty)
        let message =
            "fixture case salford/example_moderate_is_level_2 failed: \(mismatches.joined(separator: "; "))"
        #expect(results.contains("error|fixture-failed|file://\(suite)|\(caseLine)|5|\(message)"), "\(results)")
        // The people's report goes to standard error, so standard output is the SARIF log alone.
        let cases = lines.filter { $0.hasPrefix("  - name: ") }.count
        #expect(sarif.stderr.hasSuffix("\n\(cases - 3) passed, 3 failed\n"))
        let github = try runQAF(["test", suite, "--error-format", "github"])
        #expect(github.code == 1)
        let commands = github.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(commands.count == 3)
        #expect(commands.contains("::error file=\(suite),line=\(caseLine),col=5,title=qaf fixture-failed::\(message)"))
    }

    /// JUnit: suites that fail to load are errors, and low coverage is a failure, both read by junitparser.
    @Test func junitHasLoadErrorsAndCoverageFailures() throws {
        let folder = try scratchPolicies()
        let suite = folder + "/Policies/tests/salford.tests.yaml"
        let script = """
            import sys, junitparser
            xml = junitparser.JUnitXml.fromfile(sys.argv[1])
            for suite in xml:
                bad = [(case.name, [type(r).__name__ + ':' + (r.message or '') for r in case.result]) for case in suite if not case.is_passed]
                print(suite.name, suite.tests, suite.failures, suite.errors, bad)
            """
        let coverageReport = folder + "/coverage.xml"
        let low = try runQAF([
            "test", suite, "--filter", "example_no_concerns", "--coverage-min", "100", "--junit", coverageReport,
        ])
        #expect(low.code == 1)
        let coverageRead = try #require(try runTool("python3", ["-c", script, coverageReport]))
        let percent = try #require(
            low.stderr.split(separator: " ").first { $0.hasSuffix("%,") }.map { String($0.dropLast(2)) })
        #expect(
            coverageRead.output
                == "salford 2 1 0 [('coverage', ['Failure:coverage of salford is \(percent)%, below --coverage-min 100.0'])]\n"
        )
        let casesLine =
            "cases: [{name: x, evidence: {evidence: 1, as_of: 2026-01-01, provider: {id: p}}, expect: {levle: 1}}]"
        let column = try #require(casesLine.range(of: "levle")).lowerBound.utf16Offset(in: casesLine) + 1
        try "suite: 1\npolicy: salford\n\(casesLine)\n"
            .write(toFile: folder + "/Policies/tests/broken.tests.yaml", atomically: true, encoding: .utf8)
        let passing = try runQAF(["test", suite]).stdout
        let cases = try #require(passing.split(separator: "\n").last?.split(separator: " ").first)
        let loadReport = folder + "/load.xml"
        let broken = try runQAF(["test", folder + "/Policies/tests", "--junit", loadReport])
        #expect(broken.code == 2)
        let loadRead = try #require(try runTool("python3", ["-c", script, loadReport]))
        let file = folder + "/Policies/tests/broken.tests.yaml"
        #expect(
            loadRead.output
                == "\(file) 1 0 1 [('load', [\"Error:\(file):3:\(column): error: unknown key 'levle' in 'expect'; expected one of level, status, could_reach, fired, unassessed, triggers, interventions, movement; did you mean 'level'?\"])]\nsalford \(cases) 0 0 []\n"
        )
    }

    @Test func testPolicyNarrowsTheRunToThatPolicysSuites() throws {
        let run = try runQAF(["test", "--policy", "Policies/calderdale.yaml"])
        #expect(run.code == 0, "\(run.stderr)")
        let alone = try runQAF(["test", "Policies/tests/calderdale.tests.yaml"])
        let count = try #require(alone.stdout.split(separator: "\n").last)
        #expect(run.stdout == "\(count)\n3 suite(s) of other policies not run (--policy)\n")
    }

    @Test func validateFindsAnUnknownCriterionInASuite() throws {
        let folder = try scratchPolicies()
        let suite = folder + "/Policies/tests/salford.tests.yaml"
        let text = try String(contentsOfFile: suite, encoding: .utf8)
        try text.replacingOccurrences(
            of: "fired: [contract_good, cqc_requires", with: "fired: [contract_god, cqc_requires"
        )
        .write(toFile: suite, atomically: true, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("fired: [contract_good, cqc_requires") }) + 1
        let run = try runQAF(["validate", suite])
        #expect(run.code == 2)
        #expect(
            run.stderr.hasPrefix(
                "\(suite):\(line):15: error: policy 'salford' has no criterion 'contract_god'; did you mean 'contract_good'?\n"
            ))
    }
}
