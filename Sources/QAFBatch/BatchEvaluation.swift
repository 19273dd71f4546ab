import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport

/// Evaluates a stream of evidence against policies on every core and writes the report in input order.
public struct BatchEvaluation {
    public let policies: [CompiledPolicy]
    public let reporter: any Reporter
    public let runner: BatchRunner

    public init(policies: [CompiledPolicy], reporter: any Reporter, runner: BatchRunner = BatchRunner()) {
        self.policies = policies
        self.reporter = reporter
        self.runner = runner
    }

    public struct Outcome: Sendable {
        public var records = 0
        public var decisions = 0
        public var failed = 0
    }

    struct ChunkOutput: Sendable {
        /// The chunk's decisions rendered, separators between them included.
        var bytes: [UInt8] = []
        var decisions = 0
        var summaries: [DecisionSummary] = []
        var failures: [Diagnostics] = []
        var records = 0
    }

    /// Reads `source` to the end. Each record that cannot be read is passed to `failure` (in input order) and the
    /// rest are evaluated. `single` says the run holds exactly one decision (a JSON report is then one object).
    public func run(
        source: EvidenceSource, sink: OutputSink, single: Bool = false, progress: Progress? = nil,
        failure: (Diagnostics) -> Void
    ) throws -> Outcome {
        let policies = self.policies
        let reporter = self.reporter
        let words = reporter.needsWords
        // Every policy of a run is compiled against one schema: the standard vocabulary and their local fields.
        let parser = ChunkParser(schema: policies.first?.schema ?? .standard)
        var outcome = Outcome()
        var summaries: [DecisionSummary] = []
        sink.write(reporter.begin(single: single))
        runner.run(
            next: source.next,
            work: { chunk in
                var output = ChunkOutput()
                let evaluators = policies.map { Evaluator(policy: $0) }
                let separator = Array(reporter.separator.utf8)
                output.bytes.reserveCapacity(chunk.count * policies.count * 256)
                parser.parse(chunk) { item in
                    output.records += 1
                    switch item.record {
                    case .failure(let problems): output.failures.append(problems)
                    case .success(let record):
                        for evaluator in evaluators {
                            let decision = evaluator.evaluate(record, origin: item.origin, words: words)
                            if output.decisions > 0 { output.bytes.append(contentsOf: separator) }
                            reporter.write(decision, into: &output.bytes)
                            output.decisions += 1
                            if reporter.needsSummaries { output.summaries.append(reporter.summarise(decision)) }
                        }
                    }
                }
                return output
            },
            deliver: { output in
                for problems in output.failures { failure(problems) }
                if output.decisions > 0 {
                    if outcome.decisions > 0 { sink.write(reporter.separator) }
                    sink.write(bytes: output.bytes)
                    outcome.decisions += output.decisions
                }
                let start = summaries.count
                summaries += output.summaries
                reporter.compact(&summaries, from: start)
                outcome.records += output.records
                outcome.failed += output.failures.count
                progress?.update(records: outcome.records, bytesRead: source.bytesRead)
            })
        progress?.finish()
        sink.write(reporter.end(single: single, summaries: summaries))
        return outcome
    }
}
