import Foundation
import QAFCore

/// A piece of input read but not yet parsed: parsing happens on the worker threads.
public struct RawChunk: Sendable {
    public enum Kind: Sendable {
        /// Evidence files (YAML or JSON), one provider each.
        case files([String])
        /// Lines of a JSON Lines file: byte ranges of `buffer`, with their line numbers.
        case jsonLines
        /// Rows of a CSV file, read with the file's header.
        case csvRows(header: [UInt8])
    }

    public var kind: Kind
    public var file: String
    public var buffer: [UInt8] = []
    public var ranges: [Range<Int>] = []
    public var lines: [Int] = []
    /// The first chunk of its file: a problem with the file as a whole (a CSV header) is reported with it, once.
    public var firstOfFile = false
    /// How many records the chunk holds.
    public var count: Int {
        if case .files(let files) = kind { return files.count }
        return ranges.count
    }
}

/// Streams evidence from files, folders, JSON Lines, CSV or standard input, a chunk at a time, in input order.
/// Memory is bounded by the chunk size, never by the corpus.
public final class EvidenceSource {
    public enum InputKind: String, Sendable { case files, jsonl, csv }

    private var inputs: [(path: String, kind: InputKind, size: Int)]
    private var current: LineReader?
    private var currentKind: InputKind = .files
    private var csvHeader: [UInt8]?
    private var pendingFiles: [String] = []
    public let recordsPerChunk: Int
    /// Bytes of input in all, when known (files), for progress.
    public let totalBytes: Int?
    public private(set) var bytesRead = 0
    /// Problems with the inputs themselves (a missing file, an empty CSV, a CSV header that cannot be read).
    public private(set) var problems: [Diagnostic] = []
    /// What a folder held that was not read: subfolders, FIFOs, sockets, devices, links to nothing (warnings).
    public private(set) var skipped: [Diagnostic] = []

    /// `paths` may name files (`.yaml`, `.yml`, `.json`: one provider; `.jsonl`, `.ndjson`: one a line; `.csv`),
    /// folders (their evidence files, by name) and `-` for standard input (JSON Lines, or CSV when `stdinKind` says).
    public init(paths: [String], stdinKind: InputKind = .jsonl, recordsPerChunk: Int = 2048) {
        self.recordsPerChunk = recordsPerChunk
        var inputs: [(String, InputKind, Int)] = []
        var total = 0
        var knownTotal = true
        for path in paths {
            if path == "-" {
                inputs.append(("-", stdinKind, 0))
                knownTotal = false
                continue
            }
            var expanded = [path]
            if FileText.isDirectory(path) {
                let listing = FileText.list(path, extensions: ["yaml", "yml", "json", "jsonl", "ndjson", "csv"])
                expanded = listing.files
                skipped += listing.skipped
                skipped += listing.subfolders.map {
                    Diagnostic(
                        "skipped the subfolder: qaf evaluates the files directly in a folder; name the subfolder to read it",
                        at: SourceLocation(file: $0, line: 1, column: 1), severity: .warning)
                }
            }
            for file in expanded {
                let size = ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? Int) ?? 0
                inputs.append((file, Self.kind(of: file), size))
                total += size
            }
        }
        self.inputs = inputs
        totalBytes = knownTotal ? total : nil
    }

    /// Whether the paths name one evidence file (one provider): not a folder, a batch file or standard input.
    public static func isOneProvider(_ paths: [String]) -> Bool {
        paths.count == 1 && paths[0] != "-" && !FileText.isDirectory(paths[0]) && kind(of: paths[0]) == .files
    }

    public static func kind(of file: String) -> InputKind {
        switch (file as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        default: return .files
        }
    }

    /// The next chunk of at most `recordsPerChunk` records, or nil at the end.
    public func next() -> RawChunk? {
        while true {
            if let reader = current {
                if let chunk = lines(from: reader) { return chunk }
                current = nil
                continue
            }
            // Consecutive single-provider files go together in one chunk.
            while pendingFiles.count < recordsPerChunk, let first = inputs.first, first.kind == .files {
                pendingFiles.append(first.path)
                inputs.removeFirst()
                bytesRead += first.size
            }
            if !pendingFiles.isEmpty {
                defer { pendingFiles = [] }
                return RawChunk(kind: .files(pendingFiles), file: pendingFiles[0])
            }
            guard !inputs.isEmpty else { return nil }
            let (path, kind, _) = inputs.removeFirst()
            if path != "-", let problem = FileText.notRegular(path) {
                problems.append(problem)
                continue
            }
            guard let reader = LineReader(path: path) else {
                problems.append(
                    Diagnostic(
                        FileManager.default.fileExists(atPath: path) ? "cannot read this file" : "no such file",
                        at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            current = reader
            currentKind = kind
            csvHeader = nil
            if kind == .csv {
                guard let header = reader.nextLine() else {
                    problems.append(
                        Diagnostic(
                            "the CSV file is empty: it needs a header row of field names",
                            at: SourceLocation(file: reader.name, line: 1, column: 1)))
                    current = nil
                    continue
                }
                csvHeader = Array(header.bytes)
            }
        }
    }

    private func lines(from reader: LineReader) -> RawChunk? {
        var chunk = RawChunk(
            kind: currentKind == .csv ? .csvRows(header: csvHeader ?? []) : .jsonLines, file: reader.name)
        chunk.buffer.reserveCapacity(recordsPerChunk * 512)
        chunk.firstOfFile = !reader.chunked
        reader.chunked = true
        while chunk.ranges.count < recordsPerChunk, let line = reader.nextLine() {
            if line.bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let start = chunk.buffer.count
            chunk.buffer.append(contentsOf: line.bytes)
            chunk.ranges.append(start..<chunk.buffer.count)
            chunk.lines.append(line.number)
        }
        bytesRead += chunk.buffer.count + chunk.ranges.count
        return chunk.ranges.isEmpty ? nil : chunk
    }
}

/// Reads a file or standard input line by line in large blocks.
final class LineReader {
    let name: String
    /// Whether a chunk has been made of its lines yet.
    var chunked = false
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var lineNumber = 0

    init?(path: String) {
        if path == "-" {
            handle = FileHandle.standardInput
            name = "<stdin>"
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else { return nil }
            handle = h
            name = path
        }
    }

    /// Where the search for the next line break goes on from: a line longer than a block is searched once, not
    /// again from its start after every block read.
    private var searched = 0

    /// The next line without its line break, and its 1-based number.
    func nextLine() -> (bytes: ArraySlice<UInt8>, number: Int)? {
        while true {
            let from = max(position, searched)
            let found = buffer.withUnsafeBufferPointer { b -> Int? in
                guard from < b.count, let p = memchr(b.baseAddress! + from, 10, b.count - from) else { return nil }
                return UnsafeRawPointer(p) - UnsafeRawPointer(b.baseAddress!)
            }
            searched = found ?? buffer.count
            if let newline = found {
                var end = newline
                if end > position, buffer[end - 1] == 13 { end -= 1 }
                let line = buffer[position..<end]
                position = newline + 1
                lineNumber += 1
                return (line, lineNumber)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                position = buffer.count
                lineNumber += 1
                return (line, lineNumber)
            }
            // Keep the unread tail, read the next block after it.
            buffer.removeSubrange(0..<position)
            searched -= position
            position = 0
            let block = handle.readData(ofLength: 4 << 20)
            if block.isEmpty { atEnd = true } else { buffer.append(contentsOf: block) }
        }
    }
}
