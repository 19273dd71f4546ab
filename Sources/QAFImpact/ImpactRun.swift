import QAFBatch
import QAFCompile
import QAFCore
import QAFEvaluate

/// `qaf diff`'s comparison over a corpus: each record evaluated by the old and the new version of a policy on every
/// core (the batch runner), the two decisions compared, and the comparisons merged in input order.
public struct ImpactRun {
    public let old: CompiledPolicy
    public let new: CompiledPolicy
    public let runner: BatchRunner

    public init(old: CompiledPolicy, new: CompiledPolicy, runner: BatchRunner = BatchRunner()) {
        self.old = old
        self.new = new
        self.runner = runner
    }

    /// The two versions compiled for one comparison: the old one is read with the new one's evidence schema (its
    /// local fields too), so one record serves both. The first version with errors gives its problems.
    public static func compile(
        new: (file: String, text: String), old: (file: String, text: String), runner: BatchRunner = BatchRunner()
    ) -> Result<ImpactRun, Diagnostics> {
        PolicyCompiler.compile(file: new.file, text: new.text).flatMap { changed in
            PolicyCompiler.compile(
                file: old.file, text: old.text, schema: changed.schema, addingItsVocabulary: false
            ).map { ImpactRun(old: $0, new: changed, runner: runner) }
        }
    }

    public struct Outcome: Sendable {
        public var impact: Impact
        /// Records that could not be read.
        public var failed = 0
    }

    struct ChunkOutput: Sendable {
        var entries: [Impact.Entry] = []
        var failures: [Diagnostics] = []
    }

    /// Reads `source` to the end. Each record that cannot be read is passed to `failure` (in input order); the rest
    /// are compared, deciding by ids only (no decision is worded).
    public func run(source: EvidenceSource, progress: Progress? = nil, failure: (Diagnostics) -> Void) -> Outcome {
        let previous = old, changed = new
        let parser = ChunkParser(schema: changed.schema)
        var outcome = Outcome(impact: Impact(old: previous.model, new: changed.model))
        runner.run(
            next: source.next,
            work: { chunk in
                let before = Evaluator(policy: previous), after = Evaluator(policy: changed)
                var output = ChunkOutput()
                parser.parse(chunk) { item in
                    switch item.record {
                    case .success(let record):
                        output.entries.append(
                            Impact.compare(
                                before.evaluate(record, origin: item.origin, words: false),
                                after.evaluate(record, origin: item.origin, words: false)))
                    case .failure(let problems): output.failures.append(problems)
                    }
                }
                return output
            },
            deliver: { output in
                for entry in output.entries { outcome.impact.add(entry) }
                for problems in output.failures { failure(problems) }
                outcome.failed += output.failures.count
                progress?.update(records: outcome.impact.providers + outcome.failed, bytesRead: source.bytesRead)
            })
        progress?.finish()
        return outcome
    }
}
