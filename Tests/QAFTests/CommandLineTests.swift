import Foundation
import Testing

/// The `qaf` binary the tests run.
func qafBinary() -> String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "qaf")
    return FileManager.default.fileExists(atPath: beside.path) ? beside.path : path(".build/debug/qaf")
}

/// Runs the built `qaf` binary from the package root, as a user would.
func runQAF(_ arguments: [String], stdin: String? = nil) throws -> (code: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: qafBinary())
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Standard error is read beside standard output, so that a long report on either never blocks the other.
    nonisolated(unsafe) var stderr = Data()
    let readingErrors = DispatchGroup()
    DispatchQueue.global().async(group: readingErrors) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    readingErrors.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// Compares a run with `Tests/Golden/<name>.txt`; `QAF_RECORD=1 swift test` writes the goldens anew.
/// `replacing` names a temporary path that differs from machine to machine; it is written as CHANGED.yaml.
func expectGolden(
    _ name: String, _ arguments: [String], replacing: String? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let (code, stdout, stderr) = try runQAF(arguments)
    var actual = "$ qaf \(arguments.joined(separator: " "))\nexit: \(code)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    if let replacing { actual = actual.replacingOccurrences(of: replacing, with: "CHANGED.yaml") }
    let file = path("Tests/Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["QAF_RECORD"] == "1" {
        try actual.write(toFile: file, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: file, encoding: .utf8)
    #expect(
        actual == expected, "golden \(name) differs; re-record with QAF_RECORD=1 swift test if the change is intended",
        sourceLocation: sourceLocation)
}

@Suite("The command line, end to end", .serialized)
struct CommandLineTests {
    @Test func evaluateTextSummary() throws {
        try expectGolden(
            "evaluate-salford-major", ["evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml"])
        // Independently: the level and status in words, urgency words, and no raw enum value in a sentence.
        let out = try runQAF(["evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml"]).stdout
        #expect(out.contains("\nLevel: Level 3, High: Major concerns\nStatus: Complete: "))
        #expect(out.contains("  [Immediate] Information indicates that an adult may be at risk of harm or abuse"))
        #expect(out.contains("CQC rated the service inadequate overall"))
        for raw in ["requires_improvement", "no_progress", "threshold_review", " true", " false", "between "] {
            #expect(!out.contains(raw), "raw text \(raw)")
        }
        // Independently (issue 14, point 4): the example's warning notice is a Level 2 fact and its notice of
        // proposal the Level 3 one; neither reading counts conditions twice.
        let (_, stdout, _) = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml",
        ])
        #expect(stdout.contains("1 CQC warning notice(s), requirement notice(s) or condition(s) in force"))
        #expect(stdout.contains("1 CQC registration action(s) in force"))
        #expect(!stdout.contains("Warnings:"))
    }

    @Test func evaluateWarnsOfAPreviousLevelThatIsNotALevelAndOfLaterDates() throws {
        let folder = try temporaryFolder()
        let file = folder + "/w.yaml"
        try """
        evidence: 1
        as_of: 2026-10-01
        provider: {id: "W-1"}
        cqc: {overall: good, report_date: 2090-01-01}
        previous: {level: 3}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let (code, stdout, _) = try runQAF(["evaluate", "--policy", "Policies/calderdale.yaml", file])
        #expect(code == 0)
        #expect(
            stdout.contains(
                "Warnings:\n  ! previous.level '3' is not a level of policy calderdale (levels: red, amber, green); "
                    + "movement is none\n  ! cqc.report_date 2090-01-01 is after as_of 2026-10-01: a fact dated after "
                    + "the evidence's own date is read as given\n"))
        let json = try runQAF(["evaluate", "--policy", "Policies/calderdale.yaml", file, "--format", "json"])
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((decision["warnings"] as? [String])?.count == 2)
        #expect(decision["movement"] as? String == "none")
    }

    @Test func evaluateMissingEvidenceAsJSON() throws {
        try expectGolden(
            "evaluate-missing-evidence-json",
            [
                "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-missing-evidence.yaml", "--format",
                "json",
            ])
        let json = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-missing-evidence.yaml", "--format",
            "json",
        ]).stdout
        #expect(json.contains("\"because\": \"CQC rated the service requires improvement overall\""))
        #expect(json.contains("\"status\": \"incomplete\""))
        let (_, stdout, _) = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-missing-evidence.yaml", "--format",
            "json",
        ])
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect((decision["warnings"] as? [String]) == [])  // nothing in the example is dated after as_of
    }

    @Test func evaluateAgainstEveryPolicySideBySide() throws {
        try expectGolden(
            "evaluate-all-policies",
            ["evaluate", "--policy", "Policies/", "Examples/salford-board-trigger.yaml", "--format", "jsonl"])
        // Independently (issue 14, point 13): 2 safeguarding concerns where 3 are expected are no source of concern
        // and one whistleblowing disclosure is a single source, so B&NES shows no increased level of risk.
        let (_, stdout, _) = try runQAF([
            "evaluate", "--policy", "Policies/bath-and-north-east-somerset.yaml", "Examples/salford-board-trigger.yaml",
            "--format", "jsonl",
        ])
        let banes = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(banes["triggers"] as? [String] == [])
        #expect(banes["fired"] as? [String] == ["professional_concerns_raised"])
    }

    @Test func explainOneDecision() throws {
        try expectGolden(
            "explain-salford-moderate",
            ["explain", "--policy", "Policies/salford.yaml", "Examples/salford-moderate.yaml"])
        let out = try runQAF(["explain", "--policy", "Policies/salford.yaml", "Examples/salford-moderate.yaml"]).stdout
        #expect(out.contains("\nLevel: Level 2, Medium: Moderate concerns\nStatus: Complete: "))
        // The step-by-step part keeps the policy's own spelling, to read beside each condition.
        #expect(out.contains("      cqc.overall = requires_improvement\n"))
        let (_, stdout, _) = try runQAF([
            "explain", "--policy", "Policies/salford.yaml", "Examples/salford-moderate.yaml",
        ])
        // Independently (issue 14, point 1): CQC RI with a requirement notice is Level 2 text; the aggravated RI
        // criterion reads only Level 3 CQC actions.
        #expect(stdout.contains("cqc_requires_improvement_aggravated [major, Quality/Performance]: not met"))
    }

    @Test func validateReportsMisspeltFieldValueAndParameter() throws {
        try expectGolden("validate-bad-policy", ["validate", "Tests/Fixtures/bad-policy.yaml"])
        let (code, _, stderr) = try runQAF(["validate", "Tests/Fixtures/bad-policy.yaml"])
        #expect(code == 2)
        #expect(stderr.contains("Tests/Fixtures/bad-policy.yaml:17:11: error: unknown name 'cqc.overal'"))
        #expect(stderr.contains("did you mean 'cqc.overall'?"))
        #expect(stderr.contains("Tests/Fixtures/bad-policy.yaml:24:27: error: 'pooor' is not a value of pamms_rating"))
        #expect(stderr.contains("did you mean 'poor'?"))
        #expect(stderr.contains("Tests/Fixtures/bad-policy.yaml:31:36: error: unknown name 'repeatd'"))
        #expect(stderr.contains("did you mean 'repeated'?"))
    }

    @Test func validateReportsAMisspeltEvidenceField() throws {
        try expectGolden("validate-bad-evidence", ["validate", "Tests/Fixtures/bad-evidence.yaml"])
        let (code, _, stderr) = try runQAF(["validate", "Tests/Fixtures/bad-evidence.yaml"])
        #expect(code == 2)
        #expect(
            stderr.contains("Tests/Fixtures/bad-evidence.yaml:4:1: error: unknown key 'safegaurding' in the evidence"))
        #expect(stderr.contains("did you mean 'safeguarding'?"))
    }

    @Test func validateEveryBundledFile() throws {
        // The files validate reads, listed here: every YAML, JSON, JSON Lines and CSV file under the two folders but
        // the JSON Schemas written for editors.
        let extensions: Set<String> = ["yaml", "yml", "json", "jsonl", "ndjson", "csv"]
        var bundled: [String] = []
        for folder in ["Policies", "Examples"] {
            for case let file as String in try #require(FileManager.default.enumerator(atPath: path(folder)))
            where extensions.contains(URL(fileURLWithPath: file).pathExtension) && !file.hasSuffix(".schema.json") {
                bundled.append("\(folder)/\(file)")
            }
        }
        #expect(bundled.contains("Policies/salford.yaml") && bundled.contains("Examples/local/agency-staff.csv"))
        let (code, stdout, stderr) = try runQAF(["validate", "Policies/", "Examples/"])
        #expect(code == 0, "\(stderr)")
        #expect(stdout == "\(bundled.count) file(s) valid\n")
        #expect(stderr == "")
        // Each file alone is valid too (local evidence beside the policy that declares its fields).
        for file in bundled.sorted() {
            let alone = try runQAF(["validate", file, "--policy", "Examples/local/agency-staff.yaml"])
            #expect(alone.code == 0 && alone.stdout == "1 file(s) valid\n", "\(file): \(alone.stderr)")
        }
    }

    @Test func oneBadFileInABatchIsReportedAndTheRestEvaluated() throws {
        let (code, stdout, stderr) = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml",
            "Tests/Fixtures/bad-evidence.yaml",
            "Examples/salford-moderate.yaml", "--format", "jsonl",
        ])
        #expect(code == 3)
        // The two good records, in the order given: Cadishead Court (major) and Irwell Valley (moderate).
        let providers = try stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["provider"] as? String
        }
        #expect(providers == ["1-1096634218", "1-3318720456"])
        #expect(stderr.contains("bad-evidence.yaml:4:1: error"))
        #expect(stderr.contains("1 of 3 evidence record(s) could not be evaluated"))
    }

    @Test func exitCodesAreDistinct() throws {
        #expect(try runQAF(["evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml"]).code == 0)
        #expect(
            try runQAF(["evaluate", "--policy", "Tests/Fixtures/bad-policy.yaml", "Examples/salford-major.yaml"]).code
                == 2)
        #expect(try runQAF(["evaluate", "Examples/salford-major.yaml"]).code == 64)
        #expect(try runQAF(["evaluate", "--bogus"]).code == 64)
        #expect(
            try runQAF([
                "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml", "--output",
                "/nonexistent/dir/x.txt",
            ]).code == 74)
    }

    @Test func sameInputsGiveByteIdenticalOutput() throws {
        let arguments = ["evaluate", "--policy", "Policies/", "Examples/", "--format", "json"]
        let first = try runQAF(arguments)
        let second = try runQAF(arguments)
        #expect(first.code == 0)
        #expect(first.stdout == second.stdout)
        // A decision for every policy and every evidence file: 4 policies x 8 examples, each named once.
        let decisions = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
        let examples = try FileManager.default.contentsOfDirectory(atPath: path("Examples")).filter {
            $0.hasSuffix(".yaml")
        }
        let pairs = decisions.compactMap { d -> String? in
            guard let policy = (d["policy"] as? [String: Any])?["id"] as? String, let file = d["evidence"] as? String
            else { return nil }
            return policy + " " + file
        }
        #expect(
            Set(pairs)
                == Set(
                    ["bath_and_north_east_somerset", "calderdale", "herefordshire", "salford"].flatMap { policy in
                        examples.map { "\(policy) Examples/\($0)" }
                    }))
        #expect(pairs.count == 4 * examples.count && examples.count == 8)
    }

    @Test func testCommandRunsEverySuite() throws {
        let (code, stdout, _) = try runQAF(["test", "--coverage-min", "100"])
        #expect(code == 0)
        // Every case of every suite in Policies/tests, counted here from the suites' text.
        let suites = try FileManager.default.contentsOfDirectory(atPath: path("Policies/tests")).filter {
            $0.hasSuffix(".tests.yaml")
        }
        let cases = try suites.map { suite in
            try String(contentsOfFile: path("Policies/tests/" + suite), encoding: .utf8).split(separator: "\n")
                .filter { $0.hasPrefix("  - name: ") }.count
        }.reduce(0, +)
        let lines = stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "\(cases) passed, 0 failed")
        // One coverage line a policy, each every threshold side of n covered.
        let coverage = lines.dropLast().map { line in line.split(separator: " ").first.map(String.init) ?? "" }
        #expect(coverage == ["bath_and_north_east_somerset:", "calderdale:", "herefordshire:", "salford:"])
        for line in lines.dropLast() {
            let counts = line.split(separator: "(").last?.dropLast().components(separatedBy: " of ")
            #expect(line.contains(": 100.0% covered (") && counts?.count == 2 && counts?[0] == counts?[1], "\(line)")
        }
    }

    @Test func helpSpeaksToAQualityOfficer() throws {
        let (code, stdout, _) = try runQAF(["--help"])
        #expect(code == 0)
        #expect(stdout.contains("Missing evidence is never read as \"no concerns\""))
        #expect(stdout.contains("EXIT CODES"))
    }
}
