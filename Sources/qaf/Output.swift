import Foundation
import QAFBatch
import QAFCore

/// Standard output and error, buffered, and files written whole or not at all.
enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func report(_ diagnostics: Diagnostics) {
        if !diagnostics.isEmpty { error(diagnostics.description) }
    }

    /// Writes a whole report to `path` (a temporary file beside it, then renamed, so an interrupted run leaves no
    /// half report), or to standard output when `path` is nil. A file that cannot be written is exit 74.
    static func save(_ text: String, to path: String?) throws {
        guard let path else { return write(text) }
        do {
            let sink = try OutputSink(path: path)
            sink.write(text)
            do { try sink.finish() } catch {
                sink.abandon()
                throw error
            }
        } catch {
            Output.error("qaf: cannot write \(path): \(error.localizedDescription)")
            throw Exit.io
        }
    }
}

/// Standard output, or a file written whole or not at all; an unwritable target is exit 74.
func openSink(_ path: String?) throws -> OutputSink {
    do { return try OutputSink(path: path) } catch {
        Output.error("qaf: cannot write \(path ?? "standard output"): \(error.localizedDescription)")
        throw Exit.io
    }
}
