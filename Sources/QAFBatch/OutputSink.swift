import Foundation

/// Where a report goes: standard output, or a file written whole or not at all (a temporary file beside it,
/// renamed into place at the end, so an interrupted run never leaves a half report that looks complete).
public final class OutputSink {
    private let handle: FileHandle
    private let temporary: String?
    private let target: String?
    private var buffer: [UInt8] = []

    public init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            temporary = nil
            target = nil
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).qaf-partial-\(ProcessInfo.processInfo.processIdentifier)"
        let temporary = (directory.isEmpty ? "." : directory) + "/" + name
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        self.temporary = temporary
        self.target = path
        Interruption.remove(onInterrupt: temporary)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func write(bytes: [UInt8]) {
        if buffer.isEmpty, bytes.count >= 1 << 20 {
            handle.write(Data(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file renames the finished temporary file into place.
    public func finish() throws {
        flush()
        guard let temporary, let target else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.moveItem(atPath: temporary, toPath: target)
        Interruption.remove(onInterrupt: nil)
    }

    /// Removes the temporary file of a run that did not finish.
    public func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
        Interruption.remove(onInterrupt: nil)
    }
}

/// On Ctrl-C or a termination signal, the partial output file is removed before the process ends, so nothing
/// is left behind, and the target was never written.
enum Interruption {
    /// The path to remove, as a C string a signal handler may read; set once per run from the main thread.
    nonisolated(unsafe) static var pending: UnsafeMutablePointer<CChar>?

    static func remove(onInterrupt path: String?) {
        let old = pending
        pending = path.map { strdup($0) }
        free(old)
        if path != nil {
            signal(SIGINT, handler)
            signal(SIGTERM, handler)
            // A parent may start us with these blocked (Foundation's Process does); we handle them, so let them in.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            sigaddset(&set, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
    }

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        if let path = Interruption.pending { unlink(path) }
        _exit(128 + signal)
    }
}
