import ArgumentParser
import Foundation
import QAFCompile
import QAFCore
import QAFGather
import QAFLoad

struct Gather: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Build evidence from CQC's API responses and the authority's own records, saying where each fact came from.",
        discussion: """
            --cqc reads location responses of CQC's public API (GET /public/v1/locations/{id}): one location a \
            file, a JSON array of them, JSON Lines (.jsonl), CQC's Latest ratings file saved as CSV, or a folder \
            of such files. Locations that are \
            deregistered, dormant or not adult social care are named on standard error and not gathered. \
            --local reads the authority's records as evidence fragments keyed by provider.id (CSV with the dotted \
            header of qaf evaluate, JSON Lines, YAML or JSON files); facts are merged per provider, and a provider \
            known only locally is gathered too. Two sources giving one field different values is an error naming \
            both, and that provider is not gathered, unless --prefer says which wins. Each record carries \
            provenance: the source of every field. Docs/gathering-evidence.md gives the whole mapping.

            Examples:
              qaf gather --cqc Data/cqc/ --as-of 2026-10-01 --output market.jsonl
              qaf gather --cqc responses/ --local contracts.csv safeguarding.jsonl \\
                --prefer local
            """)

    @Option(
        name: .customLong("cqc"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "CQC API location responses (.json, .jsonl) or Latest ratings files (.csv): files or folders.",
            valueName: "file"))
    var cqc: [String] = []

    @Option(
        name: .customLong("local"), parsing: .upToNextOption,
        help: ArgumentHelp("The authority's records: CSV, JSON Lines, YAML or JSON, or folders.", valueName: "file"))
    var local: [String] = []

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The day the evidence describes, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(
        help: ArgumentHelp(
            "Which source wins when sources disagree: cqc, local, or the path of one --local file.",
            valueName: "source"))
    var prefer: String?

    @Option(
        name: [.short, .long],
        help: "Write the evidence to this file (written whole or not at all) instead of standard output.")
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A policy (or folder) whose declared evidence (its 'vocabulary:') the local records may hold. Repeatable.",
            valueName: "policy"))
    var policy: [String] = []

    func validate() throws {
        if cqc.isEmpty && local.isEmpty { throw ValidationError("give --cqc responses, --local records or both") }
        if let asOf, Day.parse(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date written YYYY-MM-DD")
        }
        if let prefer, prefer != "cqc", prefer != "local", !local.contains(prefer) {
            throw ValidationError(
                "--prefer '\(prefer)' is not a source: give cqc, local, or one of the --local files (\(local.joined(separator: ", ")))"
            )
        }
    }

    func run() throws {
        let target = try Output.target(output, inputs: cqc + local)
        let day: Int
        if let asOf, let given = Day.parse(asOf) {
            day = given
        } else {
            // The one place qaf reads the clock: everything else takes its dates from the evidence.
            let today = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            day = Day.number(year: today.year!, month: today.month!, day: today.day!)  // asked for, so present
            Output.error("qaf gather: as_of \(Day.format(day)) (today's date; --as-of sets another)")
        }
        let schema = policy.isEmpty ? EvidenceSchema.standard : try PolicyOptions.load(policy).first!.schema
        let result = Gatherer(asOf: day, prefer: prefer, schema: schema).gather(cqc: cqc, local: local)
        for skipped in result.skipped { Output.error(skipped.description) }
        for note in result.notes { Output.error(note.description) }
        Output.report(result.problems)
        let sink = try openSink(target)
        do {
            sink.write(result.records.map { $0 + "\n" }.joined())
            try sink.finish()
        } catch {
            sink.abandon()
            Output.error("qaf: \(error)")
            throw Exit.io
        }
        Output.error(result.summary)
        if result.problems.hasErrors { throw result.records.isEmpty ? Exit.invalidInput : Exit.someRecordsFailed }
    }
}
