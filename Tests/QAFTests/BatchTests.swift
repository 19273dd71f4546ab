import Foundation
import QAFBatch
import QAFCompile
import QAFCore
import QAFCorpus
import QAFEvaluate
import QAFLoad
import QAFReport
import Testing

/// A temporary folder for one test.
func temporaryFolder() throws -> String {
    let folder = NSTemporaryDirectory() + "qaf-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

@Suite("Batches: streamed, parallel, in input order, faults isolated")
struct BatchTests {
    func corpus(_ count: Int, seed: UInt64 = 7) -> [String] {
        var generator = CorpusGenerator(seed: seed)
        return (0..<count).map { _ in generator.next() }
    }

    func policies() throws -> [CompiledPolicy] {
        try ["salford", "herefordshire", "calderdale", "bath-and-north-east-somerset"].map {
            try PolicyCompiler.compile(file: path("Policies/\($0).yaml")).get()
        }
    }

    @Test func parallelBatchEqualsOneAtATimeInInputOrder() throws {
        let lines = corpus(3000)
        let folder = try temporaryFolder()
        let input = folder + "/market.jsonl", output = folder + "/decisions.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let compiled = try policies()

        // Small chunks and more workers than cores, so chunks finish out of order.
        let batch = BatchEvaluation(
            policies: compiled, reporter: JSONLinesReporter(), runner: BatchRunner(workers: 6, chunksPerWorker: 3))
        let sink = try OutputSink(path: output)
        let outcome = try batch.run(
            source: EvidenceSource(paths: [input], recordsPerChunk: 37), sink: sink, failure: { Issue.record("\($0)") })
        try sink.finish()
        #expect(outcome.records == 3000)
        #expect(outcome.decisions == 12000)

        var expected = ""
        let reader = JSONEvidenceReader()
        let evaluators = compiled.map { Evaluator(policy: $0) }
        for (i, line) in lines.enumerated() {
            let record = try reader.read(Array(line.utf8), file: input, line: i + 1).get()
            for e in evaluators {
                expected += JSONLinesReporter().report(
                    e.evaluate(record, origin: EvidenceOrigin(file: input, line: i + 1)))
            }
        }
        let actual = try String(contentsOfFile: output, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func jsonLinesAndYAMLGiveTheSameDecisions() throws {
        let compiled = try policies()
        let reader = JSONEvidenceReader(), yaml = EvidenceReader()
        for (i, line) in corpus(300, seed: 11).enumerated() {
            let fast = try reader.read(Array(line.utf8), file: "x", line: i + 1).get()
            let slow = try yaml.read(file: "x", text: line).get()
            for p in compiled {
                let a = JSONLinesReporter().report(Evaluator(policy: p).evaluate(fast))
                let b = JSONLinesReporter().report(Evaluator(policy: p).evaluate(slow))
                #expect(a == b)
            }
        }
    }

    @Test func aBadRecordIsReportedWithItsLineAndTheRestEvaluated() throws {
        var lines = corpus(10)
        lines[3] = lines[3].replacingOccurrences(of: "\"safeguarding\"", with: "\"safegaurding\"")
        lines[6] = "{\"evidence\": 1, \"as_of\": \"2026-10-01\""
        let folder = try temporaryFolder()
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/m.jsonl", atomically: true, encoding: .utf8)
        let (code, stdout, stderr) = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", folder + "/m.jsonl", "--format", "jsonl",
        ])
        #expect(code == 3)
        #expect(stdout.split(separator: "\n").count == 8)
        #expect(stderr.contains("m.jsonl:4:"))
        #expect(stderr.contains("did you mean 'safeguarding'?"))
        #expect(stderr.contains("m.jsonl:7:"))
        #expect(stderr.contains("2 of 10 evidence record(s) could not be evaluated"))
    }

    @Test func csvFromStandardInput() throws {
        var generator = CorpusGenerator(seed: 3)
        let csv =
            CorpusGenerator.csvHeader() + "\n" + (0..<20).map { _ in generator.nextCSVRow() }.joined(separator: "\n")
            + "\n"
        let (code, stdout, stderr) = try runQAF(
            ["evaluate", "--policy", "Policies/salford.yaml", "-", "--input-format", "csv", "--format", "csv"],
            stdin: csv)
        #expect(code == 0, "\(stderr)")
        let rows = stdout.split(separator: "\n")
        #expect(rows.count == 21)
        #expect(rows[0].hasPrefix("policy,provider_id,provider_name"))
    }

    @Test func jsonLinesFromStandardInputEqualsTheFile() throws {
        let lines = corpus(50).joined(separator: "\n") + "\n"
        let folder = try temporaryFolder()
        try lines.write(toFile: folder + "/m.jsonl", atomically: true, encoding: .utf8)
        let fromFile = try runQAF(["evaluate", "--policy", "Policies/", folder + "/m.jsonl", "--format", "csv"])
        let fromStdin = try runQAF(["evaluate", "--policy", "Policies/", "-", "--format", "csv"], stdin: lines)
        #expect(fromFile.code == 0)
        #expect(fromStdin.code == 0)
        let renamed = fromFile.stdout.replacingOccurrences(of: folder + "/m.jsonl", with: "<stdin>")
        #expect(renamed == fromStdin.stdout)
    }

    @Test func aFolderOfEvidenceFilesAndAMarkdownSummary() throws {
        let (code, stdout, _) = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/", "--format", "markdown",
        ])
        #expect(code == 0)
        #expect(stdout.contains("8 provider(s), 8 decision(s), evidence as of 2026-10-01;"))
        #expect(stdout.contains("### Providers with escalation triggers"))
        // Immediate triggers are listed before routine ones.
        let immediate = try #require(stdout.range(of: "| **Immediate** |"))
        let routine = try #require(stdout.range(of: "| **Routine** |"))
        #expect(immediate.lowerBound < routine.lowerBound)
    }

    @Test func theOutputFileIsWrittenWholeOrNotAtAll() throws {
        let folder = try temporaryFolder()
        let target = folder + "/out.jsonl"
        let ok = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/", "--format", "jsonl", "--output", target,
        ])
        #expect(ok.code == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == 8)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.jsonl"])
    }
}

@Suite("Evidence readers agree on nulls")
struct NullEvidenceTests {
    @Test func aNullInsideAListEntryIsAbsentInYAMLAndJSONAlike() throws {
        let json =
            #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"x"},"mdra":{"ratings":[{"partner":null,"rating":null}]}}"#
        let yaml = "evidence: 1\nas_of: 2026-10-01\nprovider: {id: x}\nmdra: {ratings: [{partner: ~, rating: null}]}\n"
        let fromJSON = try JSONEvidenceReader().read(Array(json.utf8), file: "x.jsonl", line: 1).get()
        let fromYAML = try EvidenceReader().read(file: "x.yaml", text: yaml).get()
        #expect(fromJSON.isSameEvidence(as: fromYAML))
        let list = fromYAML.lists[EvidenceSchema.standard.lists["mdra.ratings"]!.index]
        #expect(list.count == 1)
        let allAbsent = list.values.allSatisfy { $0.isNaN }
        #expect(allAbsent)
    }
}

@Suite("Progress on a terminal")
struct ProgressTests {
    @Test func progressIsShownOnATerminalAndNeverWhenPiped() throws {
        let folder = try temporaryFolder()
        var generator = CorpusGenerator(seed: 5)
        try ((0..<3000).map { _ in generator.next() }.joined(separator: "\n") + "\n").write(
            toFile: folder + "/m.jsonl", atomically: true, encoding: .utf8)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "qaf"
        ).path
        let qaf = FileManager.default.fileExists(atPath: binary) ? binary : path(".build/debug/qaf")
        let command =
            "env -u CI \(qaf) evaluate --policy \(path("Policies/salford.yaml")) \(folder)/m.jsonl --format jsonl --output \(folder)/out.jsonl"
        // `script` gives the command a terminal of its own.
        let terminal = try #require(
            try runTool("script", ["-qefc", command, "/dev/null"]), "script (util-linux) is needed")
        #expect(terminal.code == 0, "\(terminal.output)")
        #expect(terminal.output.contains("records, "), "\(terminal.output)")
        #expect(terminal.output.contains("/s"))
        let piped = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", folder + "/m.jsonl", "--format", "jsonl", "--output",
            folder + "/out2.jsonl",
        ])
        #expect(piped.code == 0)
        #expect(piped.stderr.isEmpty)
    }
}

@Suite("Interrupted runs")
struct InterruptionTests {
    @Test func anInterruptedRunLeavesNoReportBehind() throws {
        let folder = try temporaryFolder()
        var generator = CorpusGenerator(seed: 9)
        let corpus = (0..<30000).map { _ in generator.next() }.joined(separator: "\n") + "\n"
        try corpus.write(toFile: folder + "/m.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let process = Process()
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "qaf")
        process.executableURL =
            FileManager.default.fileExists(atPath: binary.path)
            ? binary : URL(fileURLWithPath: path(".build/debug/qaf"))
        process.arguments = [
            "evaluate", "--policy", path("Policies"), folder + "/m.jsonl", "--format", "jsonl", "--output",
            folder + "/out/report.jsonl",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run is writing its partial file, then interrupt it as Ctrl-C would.
        var writing = false
        for _ in 0..<200 where !writing {
            writing = !((try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []).isEmpty
            if !writing { Thread.sleep(forTimeInterval: 0.05) }
        }
        process.interrupt()
        process.waitUntilExit()
        try #require(writing, "the run finished before it could be interrupted")
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").isEmpty)
    }
}

@Suite("Validating batch files")
struct BatchValidationTests {
    @Test func validateChecksJSONLinesRecordByRecord() throws {
        var generator = CorpusGenerator(seed: 4)
        var lines = (0..<6).map { _ in generator.next() }
        lines[4] = lines[4].replacingOccurrences(of: "\"safeguarding\"", with: "\"safegaurding\"")
        let folder = try temporaryFolder()
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/m.jsonl", atomically: true, encoding: .utf8)
        let (code, _, stderr) = try runQAF(["validate", folder + "/m.jsonl"])
        #expect(code == 2)
        #expect(stderr.contains("m.jsonl:5:"))
        #expect(stderr.contains("did you mean 'safeguarding'?"))
        // The offending part of a long line is shown, not the whole record.
        let excerpt = try #require(stderr.split(separator: "\n").dropFirst().first)
        // Four spaces, then 100 characters of the record around the column with an ellipsis on each cut side.
        #expect(excerpt.count == 4 + 1 + 100 + 1 && excerpt.hasPrefix("    …") && excerpt.hasSuffix("…"))
        #expect(excerpt.contains("safegaurding"))
    }
}
