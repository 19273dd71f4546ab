import Foundation
import Testing

/// Copies the Salford policy, its suite and the examples into a temporary folder the test may change.
func scratchPolicies() throws -> String {
    let folder = try temporaryFolder()
    let fm = FileManager.default
    try fm.createDirectory(atPath: folder + "/Policies/tests", withIntermediateDirectories: true)
    try fm.copyItem(atPath: path("Policies/salford.yaml"), toPath: folder + "/Policies/salford.yaml")
    try fm.copyItem(
        atPath: path("Policies/tests/salford.tests.yaml"), toPath: folder + "/Policies/tests/salford.tests.yaml")
    try fm.copyItem(atPath: path("Examples"), toPath: folder + "/Examples")
    return folder
}

/// Sets the value of a Salford parameter, as a policy owner would by editing one number.
func setParameter(_ name: String, to value: String, in file: String) throws {
    var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
    let at = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "\(name):" })
    let valueLine = try #require(
        lines[at...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("value:") })
    lines[valueLine] = String(lines[valueLine].prefix { $0 == " " }) + "value: \(value)"
    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
}

@Suite("Regression-testing a policy change", .serialized)
struct RegressionTests {
    @Test func diffOverAKnownCorpusGivesAKnownTransitionMatrix() throws {
        let folder = try scratchPolicies()
        let changed = folder + "/Policies/salford.yaml"
        try setParameter("places_per_expected_concern", to: "40", in: changed)
        let (code, stdout, stderr) = try runQAF([
            "diff", changed, "--old", "Policies/salford.yaml", "Examples/", "--format", "json", "--fail-on-change",
        ])
        #expect(code == 1, "\(stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(json["providers"] as? Int == 8)
        #expect((json["policy_changes"] as? [String]) == ["parameter places_per_expected_concern: 10 → 40"])
        let transitions = try #require(json["transitions"] as? [String: [String: Int]])
        // Worked out by hand: salford-moderate.yaml has 10 concerns raised (5 + 3 + 0 + 2) with a theme at a
        // 120-place service. At one expected concern for every 10 places, 10 × 10 = 100 ≤ 120 is as expected; at
        // every 40 places, 10 × 40 = 400 > 120 is 'a number' and 400 > 2 × 120 with 10 ≥ 6 'a large number', a
        // major concern: 2 → 3. salford-missing-evidence.yaml's concerns are unknown (still level 2, could be 3)
        // and calderdale-amber.yaml (CQC RI) stays at 2; the major, Herefordshire and B&NES examples are at 3
        // already; no-concerns (1 concern) and board-trigger stay at 1.
        #expect(transitions["2"]?["3"] == 1)
        #expect(transitions["2"]?["2"] == 2)
        #expect(transitions["3"]?["3"] == 3)
        #expect(transitions["1"]?["1"] == 2)
        #expect(transitions.values.flatMap(\.values).reduce(0, +) == 8)
        let moved = try #require(json["changes"] as? [[String: Any]]).filter {
            ($0["from"] as? String) != ($0["to"] as? String)
        }
        #expect(
            Set(moved.compactMap { ($0["evidence"] as? String).map { ($0 as NSString).lastPathComponent } }) == [
                "salford-moderate.yaml"
            ])
        #expect((json["interventions_gained"] as? [String: Int])?["pamms_high_priority"] == 1)
        // Criteria moved it, not the level rule, and the report says which.
        for change in moved {
            #expect((change["criteria_gained"] as? [String]) == ["concerns_a_number", "concerns_large_number"])
            #expect((change["criteria_lost"] as? [String]) == ["concerns_minor_or_expected"])
        }
    }

    @Test func diffTextAndMarkdownShowTheMatrix() throws {
        let folder = try scratchPolicies()
        try setParameter("places_per_expected_concern", to: "40", in: folder + "/Policies/salford.yaml")
        let text = try runQAF([
            "diff", folder + "/Policies/salford.yaml", "--old", "Policies/salford.yaml", "Examples/",
        ])
        #expect(text.code == 0)
        #expect(text.stdout.contains("  - parameter places_per_expected_concern changed: one concern a year is "))
        #expect(text.stdout.contains("      value: 10 → 40\n"))
        #expect(text.stdout.contains("1 provider(s) move level"))
        #expect(text.stdout.contains("   Level 2         1         2         0         0\n"))
        #expect(
            text.stdout.contains(
                "  Irwell Valley Home Care Ltd (1-3318720456): Level 2 → Level 3\n      Now meets: A number of concerns being raised"
            ))
        #expect(text.stdout.contains("  1 × A major concern, or many smaller concerns not addressed\n"))
        let markdown = try runQAF([
            "diff", folder + "/Policies/salford.yaml", "--old", "Policies/salford.yaml", "Examples/", "--format",
            "markdown",
        ])
        #expect(markdown.stdout.contains("| before \\\\ after | Level 3 | Level 2 | Level 1 | No level |"))
        #expect(markdown.stdout.contains("| **Level 2** | **1** | 2 | 0 | 0 |"))
        #expect(markdown.stdout.contains("  - value: 10 → 40\n"))
    }

    @Test func diffAgainstAGitRevision() throws {
        let folder = try scratchPolicies()
        func git(_ arguments: String...) throws {
            let result = try #require(try runTool("git", ["-C", folder] + arguments))
            #expect(result.code == 0, "\(result.output)")
        }
        try git("init", "-q")
        try git("add", "Policies/salford.yaml")
        try git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "policy")
        try setParameter("concerns_a_number", to: "2", in: folder + "/Policies/salford.yaml")
        let (code, stdout, stderr) = try runQAF([
            "diff", folder + "/Policies/salford.yaml", folder + "/Examples/", "--base", "HEAD",
        ])
        #expect(code == 0, "\(stderr)")
        #expect(stdout.contains("  - parameter concerns_a_number changed: "))
        #expect(stdout.contains("      value: 3 → 2\n"))
        let unchanged = try runQAF([
            "diff", folder + "/Policies/salford.yaml", folder + "/Examples/", "--base", "HEAD~5",
        ])
        #expect(unchanged.code == 74)
    }

    @Test func updateAcceptsAnIntendedChangeInOneStep() throws {
        let folder = try scratchPolicies()
        try setParameter("places_per_expected_concern", to: "40", in: folder + "/Policies/salford.yaml")
        let suite = folder + "/Policies/tests/salford.tests.yaml"
        let failing = try runQAF(["test", suite])
        #expect(failing.code == 1)
        #expect(failing.stdout.contains("FAIL salford/example_moderate_is_level_2"))
        #expect(failing.stdout.contains("level: expected 2 (Medium), got 3 (High)"))
        #expect(failing.stdout.hasSuffix("107 passed, 3 failed\n"))

        let before = try String(contentsOfFile: suite, encoding: .utf8)
        let update = try runQAF(["test", suite, "--update"])
        #expect(update.code == 0)
        #expect(update.stdout.contains("level: 2 → 3"))
        #expect(update.stdout.contains("Updated 3 case(s) in 1 suite(s)"))
        let after = try String(contentsOfFile: suite, encoding: .utf8)
        // Only the three expectations changed; every other line, comments included, is as it was.
        let changedLines = zip(before.components(separatedBy: "\n"), after.components(separatedBy: "\n")).filter {
            $0 != $1
        }
        #expect(before.components(separatedBy: "\n").count == after.components(separatedBy: "\n").count)
        // The level, fired, triggers and interventions of example_moderate_is_level_2 (4 lines), the level and fired
        // of concerns_at_expected_for_size_are_minor (2), the level, fired and triggers of
        // concerns_at_twice_expected_are_not_large (3).
        #expect(changedLines.count == 9)
        #expect(try runQAF(["test", suite]).stdout.hasSuffix("110 passed, 0 failed\n"))
    }

    @Test func junitOutputReadsInAnIndependentJUnitReader() throws {
        let folder = try scratchPolicies()
        try setParameter("places_per_expected_concern", to: "40", in: folder + "/Policies/salford.yaml")
        let report = folder + "/junit.xml"
        #expect(try runQAF(["test", folder + "/Policies/tests", "--junit", report]).code == 1)
        let script = """
            import sys, junitparser
            xml = junitparser.JUnitXml.fromfile(sys.argv[1])
            for suite in xml:
                failed = [case.name for case in suite if not case.is_passed]
                print(suite.name, suite.tests, suite.failures, ",".join(sorted(failed)))
            """
        let result = try #require(try runTool("python3", ["-c", script, report]), "python3 is needed")
        #expect(result.code == 0, "junitparser: \(result.output) (pip install junitparser; Scripts/test.sh does)")
        #expect(
            result.output
                == "salford 110 3 concerns_at_expected_for_size_are_minor,concerns_at_twice_expected_are_not_large,example_moderate_is_level_2\n"
        )
    }
}
