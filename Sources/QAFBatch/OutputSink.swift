import Foundation

/// Where a report goes: standard output, or a file written whole or not at all (a temporary file beside it,
/// renamed into place at the end, so an interrupted run never leaves a half report that looks complete).
///
/// Every write is checked: a full disk or any other write error is kept, nothing more is written, and `finish`
/// throws it (the temporary file is then removed by `abandon`), so a failed write is never a report that looks
/// whole and never a crash.
public final class OutputSink {
    private let descriptor: Int32
    private let temporary: String?
    private let target: OutputTarget?
    private var buffer: [UInt8] = []
    private var failure: OutputRefusal?
    private var closed = false

    /// Standard output when `target` is nil.
    public init(target: OutputTarget?) throws(OutputRefusal) {
        guard let target else {
            descriptor = STDOUT_FILENO
            temporary = nil
            self.target = nil
            return
        }
        let temporary =
            PathText.folder(of: target.resolved) + "/.\(PathText.name(of: target.resolved)).qaf-partial-\(getpid())"
        unlink(temporary)  // one left by an earlier run killed with this process id
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutputRefusal(path: target.path, errno: errno) }
        self.descriptor = descriptor
        self.temporary = temporary
        self.target = target
        Interruption.remove(onInterrupt: temporary)
    }

    /// Checks `path` (nil: standard output) as an output of a run that reads `inputs`, then opens it.
    public convenience init(path: String?, inputs: [String] = []) throws(OutputRefusal) {
        try self.init(target: path.map { p throws(OutputRefusal) in try OutputTarget.check(p, inputs: inputs) })
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func write(bytes: [UInt8]) {
        if buffer.isEmpty, bytes.count >= 1 << 20 {
            bytes.withUnsafeBytes { writeAll($0) }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                failure = OutputRefusal(path: target?.path ?? "standard output", errno: errno)
                return
            }
            left -= written
            base += written
        }
    }

    /// Flushes, and for a file renames the finished temporary file into place with the target's permission bits.
    public func finish() throws(OutputRefusal) {
        flush()
        if let failure { throw failure }
        guard let temporary, let target else { return }
        closed = true
        if fsync(descriptor) != 0, errno != EINVAL {
            let code = errno
            close(descriptor)
            throw OutputRefusal(path: target.path, errno: code)
        }
        if close(descriptor) != 0 { throw OutputRefusal(path: target.path, errno: errno) }
        if chmod(temporary, target.mode) != 0 { throw OutputRefusal(path: target.path, errno: errno) }
        if rename(temporary, target.resolved) != 0 { throw OutputRefusal(path: target.path, errno: errno) }
        Interruption.remove(onInterrupt: nil)
    }

    /// Removes the temporary file of a run that did not finish.
    public func abandon() {
        guard let temporary else { return }
        if !closed {
            close(descriptor)
            closed = true
        }
        unlink(temporary)
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
            signal(SIGHUP, handler)
            // A parent may start us with these blocked (Foundation's Process does); we handle them, so let them in.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            sigaddset(&set, SIGTERM)
            sigaddset(&set, SIGHUP)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
    }

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        if let path = Interruption.pending { unlink(path) }
        _exit(128 + signal)
    }
}
