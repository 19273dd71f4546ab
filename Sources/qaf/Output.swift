import Foundation
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

    /// Writes to a temporary file beside `path`, then renames it, so an interrupted run leaves no half report.
    static func writeAtomically(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
