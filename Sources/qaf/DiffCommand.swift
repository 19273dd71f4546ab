import ArgumentParser
import Foundation
import QAFBatch
import QAFCompile
import QAFCore
import QAFImpact

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "See the impact of a policy change on a corpus of evidence before it goes live.",
        discussion: """
            Compares two versions of a policy: the file as it is now against the same file at a git revision \
            (--base, HEAD by default), or against another file (--old). Over the evidence given (files, \
            folders, JSON Lines, CSV, or - for standard input) it shows what changed in the policy, the level \
            transition matrix, each provider whose decision changes and why, and the triggers and interventions \
            gained or lost.

            Examples:
              qaf diff Policies/salford.yaml Examples/
              qaf diff Policies/salford.yaml --old salford-draft.yaml market.jsonl --format markdown --output impact.md
              qaf diff Policies/salford.yaml Examples/ --format html --output impact.html
              qaf diff Policies/salford.yaml Examples/ --fail-on-change      (exit 1 if any decision changes)
            """)

    @Argument(help: ArgumentHelp("The policy file as changed.", valueName: "policy"))
    var policy: String

    @Argument(
        help: ArgumentHelp("Evidence: files, folders, .jsonl, .csv, or - for standard input.", valueName: "evidence"))
    var evidence: [String]

    @Option(
        name: .long, help: ArgumentHelp("Compare with the policy file at this git revision.", valueName: "revision"))
    var base: String?

    @Option(
        name: .long, help: ArgumentHelp("Compare with this policy file instead of a git revision.", valueName: "file"))
    var old: String?

    @Option(name: .long, help: "Output: text, markdown or html (the impact paper, for a meeting) or json.")
    var format: DiffFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file (written whole or not at all).")
    var output: String?

    @Option(name: .customLong("input-format"), help: "How standard input is written: jsonl or csv.")
    var inputFormat: StdinFormat = .jsonl

    @Flag(name: .customLong("fail-on-change"), help: "Exit 1 when any provider's decision changes, for CI.")
    var failOnChange = false

    func validate() throws {
        if base != nil, old != nil { throw ValidationError("Give --base or --old, not both.") }
    }

    func run() throws {
        try requireReadable([policy] + (old.map { [$0] } ?? []) + evidence)
        let target = try Output.target(output, inputs: [policy] + (old.map { [$0] } ?? []) + evidence)
        let (oldText, oldName) = try oldVersion()
        let newText = try FileText.read(policy).mapError { Diagnostics([$0]) }.get()
        let run: ImpactRun
        switch ImpactRun.compile(new: (policy, newText), old: (oldName, oldText)) {
        case .success(let r): run = r
        case .failure(let problems):
            Output.report(problems)
            throw Exit.invalidInput
        }
        let source = EvidenceSource(paths: evidence, stdinKind: inputFormat.kind)
        for notice in source.skipped { Output.error(notice.rendered) }
        let outcome = run.run(
            source: source, progress: Progress.wanted ? Progress(totalBytes: source.totalBytes) : nil,
            failure: { Output.report($0) })
        let impact = outcome.impact, failed = outcome.failed
        for problem in source.problems { Output.error(problem.rendered) }
        let header = ImpactReport.Header(
            policy: run.new.id, oldVersion: old ?? "\(base ?? "HEAD"):\(policy)", newVersion: policy,
            corpus: evidence.joined(separator: " "))
        let text: String
        switch format {
        case .text: text = TerminalText.safe(ImpactPaper(header, old: run.old, new: run.new, impact: impact).text)
        case .markdown: text = ImpactPaper(header, old: run.old, new: run.new, impact: impact).markdown
        case .html: text = ImpactPaper(header, old: run.old, new: run.new, impact: impact).html
        case .json:
            text = ImpactReport.json(
                header, changes: PolicyChanges.between(run.old.model, run.new.model), impact: impact)
        }
        if impact.providers + failed == 0, source.problems.isEmpty {
            Output.error(
                "qaf: warning: no evidence records were read from \(evidence.joined(separator: ", ")); nothing was compared"
                    + (target == nil ? "" : " and \(target!.path) was not written"))
            throw Exit.someRecordsFailed
        }
        try Output.save(text, to: target)
        if failed > 0 || !source.problems.isEmpty {
            Output.error(
                "qaf: \(failed + source.problems.count) evidence record(s) or file(s) could not be read; the others were compared"
            )
            throw Exit.someRecordsFailed
        }
        if failOnChange, impact.hasChanges { throw Exit.failures }
    }

    /// The earlier version: another file, or the same file at a git revision.
    private func oldVersion() throws -> (String, String) {
        if let old { return (try FileText.read(old).mapError { Diagnostics([$0]) }.get(), old) }
        switch PolicyRevision.read(policy, at: base ?? "HEAD") {
        case .success(let found): return found
        case .failure(let failure):
            Output.error(failure.message)
            if case .notARevision = failure { throw Exit.usage }
            throw Exit.io
        }
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown, html, json }

enum StdinFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
    var kind: EvidenceSource.InputKind { self == .csv ? .csv : .jsonl }
}
