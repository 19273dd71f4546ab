extension CorpusGenerator {
    /// The next `count` providers, one a line, as JSON Lines or as CSV under its header, handed to `emit` in chunks
    /// of about `chunkSize` bytes (the last perhaps empty): memory stays flat however many are asked for.
    public mutating func write(count: Int, csv: Bool, chunkSize: Int = 1 << 20, _ emit: ([UInt8]) -> Void) {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(chunkSize + 4_096)
        if csv {
            chunk.append(contentsOf: Self.csvHeader().utf8)
            chunk.append(10)
        }
        for _ in 0..<count {
            let line = csv ? nextCSVRow() : next()
            chunk.append(contentsOf: line.utf8)
            chunk.append(10)
            if chunk.count >= chunkSize {
                emit(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        emit(chunk)
    }
}
