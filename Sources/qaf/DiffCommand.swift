import ArgumentParser
import Foundation
import QAFBatch
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFTesting

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
        let new = try compile(file: policy, text: FileText.read(policy).mapError { Diagnostics([$0]) }.get())
        // The old version is read with the new one's evidence (its local fields too), so one record serves both.
        let previous = try compile(file: oldName, text: oldText, schema: new.schema)
        let changes = PolicyChanges.between(previous.model, new.model)
        var impact = Impact(old: previous.model, new: new.model)
        let source = EvidenceSource(paths: evidence, stdinKind: inputFormat.kind)
        for notice in source.skipped { Output.error(notice.rendered) }
        let parser = ChunkParser(schema: new.schema)
        var failed = 0
        let progress = Progress.wanted ? Progress(totalBytes: source.totalBytes) : nil
        BatchRunner().run(
            next: source.next,
            work: { chunk in
                let before = Evaluator(policy: previous), after = Evaluator(policy: new)
                var entries: [Impact.Entry] = []
                var failures: [Diagnostics] = []
                parser.parse(chunk) { item in
                    switch item.record {
                    case .success(let record):
                        entries.append(
                            Impact.compare(
                                before.evaluate(record, origin: item.origin, words: false),
                                after.evaluate(record, origin: item.origin, words: false)))
                    case .failure(let problems): failures.append(problems)
                    }
                }
                return (entries, failures)
            },
            deliver: { (result: ([Impact.Entry], [Diagnostics])) in
                for entry in result.0 { impact.add(entry) }
                for problems in result.1 { Output.report(problems) }
                failed += result.1.count
                progress?.update(records: impact.providers + failed, bytesRead: source.bytesRead)
            })
        progress?.finish()
        for problem in source.problems { Output.error(problem.rendered) }
        let header = ImpactReport.Header(
            policy: new.id, oldVersion: old ?? "\(base ?? "HEAD"):\(policy)", newVersion: policy,
            corpus: evidence.joined(separator: " "))
        let text: String
        switch format {
        case .text: text = TerminalText.safe(ImpactPaper(header, old: previous, new: new, impact: impact).text)
        case .markdown: text = ImpactPaper(header, old: previous, new: new, impact: impact).markdown
        case .html: text = ImpactPaper(header, old: previous, new: new, impact: impact).html
        case .json: text = ImpactReport.json(header, changes: changes, impact: impact)
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

    private func compile(file: String, text: String, schema: EvidenceSchema? = nil) throws -> CompiledPolicy {
        switch PolicyCompiler.compile(
            file: file, text: text, schema: schema ?? .standard, addingItsVocabulary: schema == nil)
        {
        case .success(let p): return p
        case .failure(let problems):
            Output.report(problems)
            throw Exit.invalidInput
        }
    }

    /// The earlier version: another file, or the same file at a git revision.
    private func oldVersion() throws -> (String, String) {
        if let old { return (try FileText.read(old).mapError { Diagnostics([$0]) }.get(), old) }
        let revision = base ?? "HEAD"
        let directory = (policy as NSString).deletingLastPathComponent
        let name = (policy as NSString).lastPathComponent
        // A revision is a name git resolves to a commit, never an option: checked first, then used after it.
        if revision.hasPrefix("-") || revision.isEmpty || revision.contains(where: { $0.isNewline || $0 == ":" }) {
            Output.error("qaf: '\(revision)' is not a git revision (a commit, branch or tag such as HEAD or main)")
            throw Exit.usage
        }
        let (verified, _, verifyMessage) = try Self.git(
            [
                "-C", directory.isEmpty ? "." : directory, "rev-parse", "--verify", "--quiet", "--end-of-options",
                "\(revision)^{commit}",
            ])
        guard verified == 0 else {
            let why = verifyMessage.trimmingCharacters(in: .whitespacesAndNewlines)
            Output.error(
                "qaf: cannot read \(policy) at revision \(revision): "
                    + (why.isEmpty ? "no such revision in this git repository" : why))
            throw Exit.io
        }
        let (status, text, message) = try Self.git([
            "-C", directory.isEmpty ? "." : directory, "show", "--end-of-options", "\(revision):./\(name)",
        ])
        guard status == 0 else {
            Output.error(
                "qaf: cannot read \(policy) at revision \(revision): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
            throw Exit.io
        }
        return (text, "\(revision):\(policy)")
    }

    /// Runs git; its exit status, standard output and standard error.
    private static func git(_ arguments: [String]) throws -> (Int32, String, String) {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        git.standardOutput = out
        git.standardError = err
        do { try git.run() } catch {
            Output.error("qaf: cannot run git: \(error.localizedDescription)")
            throw Exit.io
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        return (
            git.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: message, as: UTF8.self)
        )
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown, html, json }

enum StdinFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
    var kind: EvidenceSource.InputKind { self == .csv ? .csv : .jsonl }
}
