import ArgumentParser
import Foundation
import QAFBatch
import QAFCore
import QAFCorpus

struct Corpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make up realistic evidence for many providers, to try policies and policy changes at scale.",
        discussion: """
            The providers are invented, never real: about three quarters are well run, about a fifth have \
            moderate concerns (Requires Improvement ratings, late returns, partial engagement, a contract \
            breach, safeguarding above expected) and about one in twenty has major ones (Inadequate or Poor \
            ratings, warning notices, default notices, placement suspensions, quality visit findings, police \
            incidents, risk of harm). As in life, some evidence is missing: a field here and there, and in some \
            records whole groups such as PAMMS or visit findings.

            The same --seed always gives the same providers, on any computer, so a corpus can be made again \
            instead of kept, and two versions of a policy can be compared over the same providers.

            Examples:
              qaf corpus --count 100000 --output corpus.jsonl
              qaf corpus --count 1000 --seed 7 --format csv --output corpus.csv
              qaf corpus --count 3 --as-of 2027-04-01
            """)

    @Option(name: .long, help: ArgumentHelp("How many providers to make up.", valueName: "n"))
    var count: Int

    @Option(
        name: .long,
        help: ArgumentHelp("Any whole number; the same seed gives the same providers.", valueName: "number"))
    var seed: UInt64 = 1

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The day the evidence describes (YYYY-MM-DD); every date is before it.", valueName: "date"))
    var asOf = "2026-10-01"

    @Option(
        name: .long,
        help: "jsonl (one provider a line, JSON) or csv (one provider a row, for spreadsheets).")
    var format: CorpusFormat = .jsonl

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write to this file (complete or not at all) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if !NumberRange.count.contains(Double(count)) {
            throw ValidationError("--count must be \(NumberRange.count.words), not \(count)")
        }
        if Day.parse(asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'") }
    }

    func run() throws {
        let sink = try openSink(try Output.target(output, inputs: []))
        var generator = CorpusGenerator(seed: seed, asOf: asOf)
        generator.write(count: count, csv: format == .csv) { sink.write(bytes: $0) }
        do { try sink.finish() } catch {
            sink.abandon()
            Output.error("qaf: \(error)")
            throw Exit.io
        }
    }
}

enum CorpusFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
}
