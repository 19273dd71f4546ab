import Foundation

/// JSON-RPC 2.0 messages framed as the Language Server Protocol frames them: `Content-Length: n\r\n\r\n` and n
/// bytes of UTF-8 JSON.
final class JSONRPCConnection {
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = Data()
    /// A message larger than this is refused rather than buffered (bounded memory).
    static let maximumLength = 64 << 20

    init(input: FileHandle, output: FileHandle) {
        self.input = input
        self.output = output
    }

    enum ReadError: Error { case endOfInput, badHeader(String), tooLarge(Int), notJSON }

    /// The next message as a JSON object; `endOfInput` when the client closed the stream.
    func read() throws(ReadError) -> [String: Any] {
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd = buffer.range(of: separator)
        while headerEnd == nil {
            try fill()
            headerEnd = buffer.range(of: separator)
        }
        let header = String(decoding: buffer[buffer.startIndex..<headerEnd!.lowerBound], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { throw .badHeader(String(line)) }
            if parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else { throw .badHeader(header) }
        guard length <= Self.maximumLength else { throw .tooLarge(length) }
        buffer.removeSubrange(buffer.startIndex..<headerEnd!.upperBound)
        while buffer.count < length { try fill() }
        let body = buffer.prefix(length)
        buffer.removeSubrange(buffer.startIndex..<buffer.startIndex + length)
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { throw .notJSON }
        return object
    }

    private func fill() throws(ReadError) {
        let chunk = input.availableData
        if chunk.isEmpty { throw .endOfInput }
        buffer.append(chunk)
    }

    func send(_ message: [String: Any]) {
        var full = message
        full["jsonrpc"] = "2.0"
        guard let body = try? JSONSerialization.data(withJSONObject: full, options: [.sortedKeys]) else { return }
        var framed = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        framed.append(body)
        output.write(framed)
    }

    func respond(id: Any, result: Any?) {
        send(["id": id, "result": result ?? NSNull()])
    }

    func respond(id: Any, error code: Int, _ message: String) {
        send(["id": id, "error": ["code": code, "message": message]])
    }

    func notify(_ method: String, _ params: [String: Any]) {
        send(["method": method, "params": params])
    }
}
