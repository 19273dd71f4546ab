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
    }

    /// Removes the temporary file of a run that did not finish.
    public func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
