import ArgumentParser
import Foundation
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
        if count < 0 { throw ValidationError("--count must be 0 or more, not \(count)") }
        if Day.parse(asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'") }
    }

    func run() throws {
        let sink: CorpusSink
        do { sink = try CorpusSink(path: output) } catch {
            Output.error("qaf: cannot write \(output ?? "standard output"): \(error.localizedDescription)")
            throw Exit.io
        }
        do {
            try write(to: sink)
            try sink.commit()
        } catch {
            sink.abandon()
            Output.error("qaf: cannot write \(output ?? "standard output"): \(error.localizedDescription)")
            throw Exit.io
        }
    }

    /// Streams the records in chunks of about a megabyte: memory stays flat however many are asked for.
    private func write(to sink: CorpusSink) throws {
        let chunkSize = 1 << 20
        var generator = CorpusGenerator(seed: seed, asOf: asOf)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(chunkSize + 4_096)
        if format == .csv {
            chunk.append(contentsOf: CorpusGenerator.csvHeader().utf8)
            chunk.append(10)
        }
        for _ in 0..<count {
            let line = format == .csv ? generator.nextCSVRow() : generator.next()
            chunk.append(contentsOf: line.utf8)
            chunk.append(10)
            if chunk.count >= chunkSize {
                try sink.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(chunk)
    }
}

enum CorpusFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
}

/// Standard output, or a temporary file beside the target that is renamed over it once everything is written.
private final class CorpusSink {
    private let handle: FileHandle
    private let target: String?
    private let temporary: String?

    init(path: String?) throws {
        guard let path else {
            handle = .standardOutput
            target = nil
            temporary = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
        ).path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw SystemError(code: errno) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        target = path
        self.temporary = temporary
    }

    func write(_ bytes: [UInt8]) throws {
        if !bytes.isEmpty { try handle.write(contentsOf: Data(bytes)) }
    }

    func commit() throws {
        guard let target, let temporary else { return }
        try handle.close()
        if rename(temporary, target) != 0 { throw SystemError(code: errno) }
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}

/// A failed system call, described as the system describes its error ("No such file or directory").
private struct SystemError: LocalizedError {
    let code: Int32
    var errorDescription: String? { String(cString: strerror(code)) }
}
