import Foundation

/// Records done, rate and time left on standard error, for long runs on a terminal; silent when standard error
/// is piped or in CI.
public final class Progress {
    private let start = Date()
    private var lastShown = Date.distantPast
    private let totalBytes: Int?
    private var shown = false

    public static var wanted: Bool {
        isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    public init(totalBytes: Int?) { self.totalBytes = totalBytes }

    public func update(records: Int, bytesRead: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.5 else { return }
        lastShown = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(records) / elapsed : 0
        var line = "\r\(records) records, \(Int(rate))/s"
        if let totalBytes, bytesRead > 0, totalBytes > bytesRead {
            let left = elapsed * Double(totalBytes - bytesRead) / Double(bytesRead)
            line += ", about \(Int(left.rounded()))s left"
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
        shown = true
    }

    public func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
