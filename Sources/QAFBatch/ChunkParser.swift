import QAFCore
import QAFLoad

/// One provider's evidence from a batch, or why it could not be read.
public struct EvidenceItem: Sendable {
    public var origin: EvidenceOrigin
    public var record: Result<EvidenceRecord, Diagnostics>
}

/// Turns a raw chunk into records, on a worker thread.
public struct ChunkParser: Sendable {
    public let schema: EvidenceSchema

    public init(schema: EvidenceSchema = .standard) { self.schema = schema }

    public func parse(_ chunk: RawChunk, _ body: (EvidenceItem) -> Void) {
        switch chunk.kind {
        case .files(let files):
            let reader = EvidenceReader(schema: schema)
            for file in files {
                let record = FileText.read(file).mapError { Diagnostics([$0]) }.flatMap {
                    reader.read(file: file, text: $0)
                }
                body(EvidenceItem(origin: EvidenceOrigin(file: file), record: record))
            }
        case .jsonLines:
            let reader = JSONEvidenceReader(schema: schema)
            chunk.buffer.withUnsafeBufferPointer { all in
                for (range, line) in zip(chunk.ranges, chunk.lines) {
                    let bytes = UnsafeBufferPointer(rebasing: all[range])
                    body(
                        EvidenceItem(
                            origin: EvidenceOrigin(file: chunk.file, line: line),
                            record: reader.read(bytes, file: chunk.file, line: line)))
                }
            }
        case .csvRows(let header):
            let reader: CSVEvidenceReader
            do { reader = try CSVEvidenceReader(header: header, file: chunk.file, schema: schema) } catch {
                // No row can be read without its header: the header's problems are said once, with the file's first
                // row, and every row counts as not evaluated.
                var problems = error
                problems.append(
                    Diagnostic(
                        "no row of this CSV file was read, because its header has the error(s) above",
                        at: SourceLocation(file: chunk.file, line: 1, column: 1)))
                for (k, line) in chunk.lines.enumerated() {
                    let said = chunk.firstOfFile && k == 0 ? problems : Diagnostics()
                    body(EvidenceItem(origin: EvidenceOrigin(file: chunk.file, line: line), record: .failure(said)))
                }
                return
            }
            for (range, line) in zip(chunk.ranges, chunk.lines) {
                body(
                    EvidenceItem(
                        origin: EvidenceOrigin(file: chunk.file, line: line),
                        record: reader.read(row: chunk.buffer[range], line: line)))
            }
        }
    }
}
