import ArgumentParser

/// Why a run ended; documented in `qaf --help` and the README.
enum Exit {
    static let failures = ExitCode(1)
    static let invalidInput = ExitCode(2)
    static let someRecordsFailed = ExitCode(3)
    static let usage = ExitCode(64)
    static let io = ExitCode(74)
}
