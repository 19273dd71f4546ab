import ArgumentParser

/// Why a run ended: the one mapping from what went wrong to an exit code, documented in `qaf --help` and the
/// README's table. Refusals (64: usage; 74: an input that cannot be read, an output that may not be written) come
/// before any work; then invalid policies, evidence or suites (2); then records that could not be read, or none at
/// all (3); then failed fixtures, stale documents and changed decisions (1). ArgumentParser's `ValidationError`
/// is exit 64 too.
enum Exit {
    static let failures = ExitCode(1)
    static let invalidInput = ExitCode(2)
    static let someRecordsFailed = ExitCode(3)
    static let usage = ExitCode(64)
    static let io = ExitCode(74)
}
