import Foundation
import QAFBatch
import QAFCompile
import QAFCore
import QAFCorpus
import QAFImpact
import Testing

@Suite("qaf diff's comparison on the batch runner", .serialized)
struct ImpactRunTests {
    func salfordChanged(_ parameter: String, to value: String) throws -> (new: String, old: String) {
        let changed = try scratchPolicies() + "/Policies/salford.yaml"
        try setParameter(parameter, to: value, in: changed)
        return (changed, path("Policies/salford.yaml"))
    }

    func run(new: String, old: String, workers: Int) throws -> ImpactRun {
        try ImpactRun.compile(
            new: (new, String(contentsOfFile: new, encoding: .utf8)),
            old: (old, String(contentsOfFile: old, encoding: .utf8)),
            runner: BatchRunner(workers: workers, chunksPerWorker: 1)
        ).get()
    }

    @Test func aKnownChangeOverTheExamplesOneRecordAChunk() throws {
        let (new, old) = try salfordChanged("places_per_expected_concern", to: "40")
        let source = EvidenceSource(paths: [path("Examples")], recordsPerChunk: 1)
        var failures: [Diagnostics] = []
        let outcome = try run(new: new, old: old, workers: 3).run(source: source) { failures.append($0) }
        #expect(failures.isEmpty)
        #expect(outcome.failed == 0)
        // As worked by hand in RegressionTests: only salford-moderate.yaml moves, 2 → 3, gaining the PAMMS action.
        #expect(outcome.impact.providers == 8)
        #expect(outcome.impact.matrix == ["1": ["1": 2], "2": ["2": 2, "3": 1], "3": ["3": 3]])
        #expect(outcome.impact.moved.map { ($0.origin as NSString).lastPathComponent } == ["salford-moderate.yaml"])
        // One provider from level 2 to 3: it gains level 3's interventions that level 2 lacks (and any its triggers
        // now bring), and loses level 2's that level 3 lacks.
        let model = try PolicyCompiler.compile(file: new).get().model
        func interventions(_ level: String) throws -> Set<String> {
            let l = try #require(model.levels.first { $0.id.description == level })
            return Set(l.interventions.map { model.interventions[$0].id })
        }
        let two = try interventions("2"), three = try interventions("3")
        #expect(three.contains("pamms_high_priority"))
        #expect(three.subtracting(two).isSubset(of: outcome.impact.interventionsGained.keys))
        #expect(outcome.impact.interventionsGained.values.allSatisfy { $0 == 1 })
        #expect(
            outcome.impact.interventionsLost == Dictionary(uniqueKeysWithValues: two.subtracting(three).map { ($0, 1) })
        )
    }

    @Test func theSameComparisonOnOneWorkerAndOnManyInInputOrder() throws {
        let (new, old) = try salfordChanged("places_per_expected_concern", to: "3")
        var generator = CorpusGenerator(seed: 11)
        var lines = ""
        for _ in 0..<400 { lines += generator.next() + "\n" }
        lines += "{\"evidence\": 1, \"provider\": \n"  // a record that cannot be read, after the others
        let corpus = try temporaryFolder() + "/market.jsonl"
        try lines.write(toFile: corpus, atomically: true, encoding: .utf8)
        func compare(workers: Int) throws -> ImpactRun.Outcome {
            var failures: [String] = []
            let outcome = try run(new: new, old: old, workers: workers).run(
                source: EvidenceSource(paths: [corpus], recordsPerChunk: 7)
            ) { failures.append($0.description) }
            #expect(failures.count == 1)
            #expect(failures.first?.hasPrefix("\(corpus):401:") == true, "\(failures)")
            return outcome
        }
        let serial = try compare(workers: 1), parallel = try compare(workers: 4)
        #expect(serial.impact.providers == 400 && parallel.impact.providers == 400)
        #expect(serial.failed == 1 && parallel.failed == 1)
        #expect(!serial.impact.changes.isEmpty)
        #expect(parallel.impact.changes.map(\.provider) == serial.impact.changes.map(\.provider))
        #expect(parallel.impact.matrix == serial.impact.matrix)
        // Input order: the corpus's providers are numbered as they are made, so the changes run in that order.
        let lineOf = Dictionary(
            lines.split(separator: "\n").enumerated().compactMap { i, line in
                line.range(of: "\"id\":\"").map { r in (String(line[r.upperBound...].prefix { $0 != "\"" }), i) }
            }, uniquingKeysWith: { first, _ in first })
        let order = parallel.impact.changes.compactMap { c in lineOf.first { c.provider.contains($0.key) }?.value }
        #expect(order.count == parallel.impact.changes.count)
        #expect(order == order.sorted())
    }

    @Test func aRevisionThatIsNotOneIsRefusedBeforeGitRuns() {
        let result = PolicyRevision.read("Policies/salford.yaml", at: "--output=x")
        guard case .failure(.notARevision(let message)) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(
            message == "qaf: '--output=x' is not a git revision (a commit, branch or tag such as HEAD or main)")
    }
}
