import Foundation
import QAFBatch
import QAFCore

/// Standard output and error, and files written whole or not at all through `OutputTarget`.
enum Output {
    /// Writes to standard output; a write that fails (a full disk, a closed pipe) ends the run with exit 74.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let written = Foundation.write(STDOUT_FILENO, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    error("qaf: cannot write standard output: \(String(cString: strerror(errno)))")
                    exit(Exit.io.rawValue)
                }
                left -= written
                base += written
            }
        }
    }

    /// Writes to standard error; terminal control characters in the text are shown as escapes.
    static func error(_ text: String) {
        let line = TerminalText.safe(text.hasSuffix("\n") ? text : text + "\n")
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func report(_ diagnostics: Diagnostics) {
        if !diagnostics.isEmpty { error(diagnostics.description) }
    }

    /// Checks an output path before any work starts (nil: standard output); a refusal is exit 74.
    static func target(_ path: String?, inputs: [String]) throws -> OutputTarget? {
        guard let path, path != "-" else { return nil }
        do { return try OutputTarget.check(path, inputs: inputs) } catch {
            Output.error("qaf: \(error)")
            throw Exit.io
        }
    }

    /// Writes a whole report to a checked target (a temporary file beside it, then renamed, so an interrupted
    /// run leaves no half report), or to standard output when `target` is nil. A failed write is exit 74.
    static func save(_ text: String, to target: OutputTarget?) throws {
        guard let target else { return write(text) }
        let sink = try openSink(target)
        sink.write(text)
        do { try sink.finish() } catch {
            sink.abandon()
            Output.error("qaf: \(error)")
            throw Exit.io
        }
    }
}

/// Standard output, or a checked file written whole or not at all; a file that cannot be created is exit 74.
func openSink(_ target: OutputTarget?) throws -> OutputSink {
    do { return try OutputSink(target: target) } catch {
        Output.error("qaf: \(error)")
        throw Exit.io
    }
}

/// Every path named on the command line must exist and be a file or folder qaf can read: otherwise exit 74 before
/// any work starts (a FIFO or a device could block the run or never end).
func requireReadable(_ paths: [String]) throws {
    for path in paths where path != "-" {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            Output.error(
                "qaf: cannot read \(path): "
                    + (code == ENOENT || code == ENOTDIR ? "no such file or folder" : String(cString: strerror(code))))
            throw Exit.io
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFDIR else {
            Output.error(
                "qaf: cannot read \(path): it is \(FileKind.describe(info.st_mode)), not a file or folder; use - for standard input"
            )
            throw Exit.io
        }
        if access(path, R_OK | (kind == S_IFDIR ? X_OK : 0)) != 0 {
            Output.error("qaf: cannot read \(path): no permission to read it")
            throw Exit.io
        }
    }
}
