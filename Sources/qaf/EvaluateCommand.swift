import ArgumentParser
import QAFBatch
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply policies to provider evidence and show each provider's level, reasons and triggers.",
        discussion: """
            EVIDENCE is an evidence file (YAML or JSON, one provider), a folder of them, a JSON Lines file \
            (.jsonl, one provider a line), a CSV file (.csv, a header of dotted field names such as \
            provider.name and events[0].type), or - for standard input. Each provider is evaluated against each \
            policy, so a provider commissioned by several authorities is seen side by side. Large inputs are \
            streamed and evaluated on every core; the report keeps the input order. A record that cannot be \
            read is reported with its file and line, and the rest are still evaluated (exit 3).

            Examples:
              qaf evaluate --policy Policies/salford.yaml Examples/salford-major.yaml
              qaf evaluate --policy Policies/ Examples/ --format json
              qaf evaluate --policy Policies/ market.jsonl --format csv --output decisions.csv
              qaf evaluate --policy Policies/ Examples/salford-major.yaml --format html --output case.html
              qaf evaluate --policy Policies/ Examples/ --format html --output market-pack.html
              cat market.csv | qaf evaluate --policy Policies/salford.yaml - --input-format csv --format markdown
            """)

    @OptionGroup var policies: PolicyOptions

    @Argument(
        help: ArgumentHelp(
            "Evidence files, folders, .jsonl or .csv files, or - for standard input.", valueName: "evidence"))
    var evidence: [String]

    @Option(
        name: .long,
        help:
            "Output: text (a summary to read), json (one document), jsonl (one decision a line), csv (one row per provider and policy), or html or markdown for a meeting: a case paper for one evidence file, a market pack (spread of levels, providers to discuss, their case papers) for many."
    )
    var format: OutputFormat = .text

    @Option(
        name: [.short, .long],
        help: "Write the report to this file (written whole or not at all) instead of standard output.")
    var output: String?

    @Option(name: .customLong("input-format"), help: "How standard input is written: jsonl or csv.")
    var inputFormat: StdinFormat = .jsonl

    @Option(
        name: .long,
        help:
            "For jsonl: compact (ids, level, status: the default, for batches) or full (each decision with its reasons, as --format json gives)."
    )
    var detail: Detail = .compact

    enum Detail: String, ExpressibleByArgument, CaseIterable { case compact, full }

    func run() throws {
        try requireReadable(policies.policy + evidence)
        let target = try Output.target(output, inputs: policies.policy + evidence)
        let compiled = try policies.load()
        let source = EvidenceSource(paths: evidence, stdinKind: inputFormat.kind)
        for notice in source.skipped { Output.error(notice.rendered) }
        let oneProvider = EvidenceSource.isOneProvider(evidence)
        let single = compiled.count == 1 && oneProvider
        let sink = try openSink(target)
        let batch = BatchEvaluation(
            policies: compiled,
            reporter: format.reporter(policies: compiled, compactLines: detail == .compact, oneProvider: oneProvider))
        let outcome: BatchEvaluation.Outcome
        do {
            outcome = try batch.run(
                source: source, sink: sink, single: single,
                progress: Progress.wanted ? Progress(totalBytes: source.totalBytes) : nil,
                failure: { Output.report($0) })
            if outcome.records == 0 {
                sink.abandon()
            } else {
                try sink.finish()
            }
        } catch {
            sink.abandon()
            Output.error("qaf: \(error)")
            throw Exit.io
        }
        for problem in source.problems { Output.error(problem.rendered) }
        if outcome.records == 0, source.problems.isEmpty {
            Output.error(
                "qaf: warning: no evidence records were read from \(evidence.joined(separator: ", ")); nothing was evaluated"
                    + (target == nil ? "" : " and \(target!.path) was not written")
                    + " (no evidence is not \"no concerns\")")
            throw Exit.someRecordsFailed
        }
        let failed = outcome.failed + source.problems.count
        if failed > 0 {
            Output.error(
                "qaf: \(failed) of \(outcome.records + source.problems.count) evidence record(s) could not be evaluated; the others were"
            )
            throw Exit.someRecordsFailed
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
