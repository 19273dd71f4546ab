import Foundation

/// The earlier version of a policy for `qaf diff --base`: the same file at a git revision, read with git.
public enum PolicyRevision {
    public enum Failure: Error, Sendable {
        /// The revision is not a name git could resolve to a commit (an option, a path): a usage error.
        case notARevision(String)
        /// Git could not be run, or has no such revision or no such file at it.
        case unreadable(String)

        public var message: String {
            switch self {
            case .notARevision(let m), .unreadable(let m): return m
            }
        }
    }

    /// The text of `policy` at `revision`, and the name it is shown by ("revision:policy").
    public static func read(_ policy: String, at revision: String) -> Result<(text: String, name: String), Failure> {
        do { return .success(try text(of: policy, at: revision)) } catch { return .failure(error) }
    }

    private static func text(of policy: String, at revision: String) throws(Failure) -> (text: String, name: String) {
        let directory = (policy as NSString).deletingLastPathComponent
        let name = (policy as NSString).lastPathComponent
        // A revision is a name git resolves to a commit, never an option: checked first, then used after it.
        if revision.hasPrefix("-") || revision.isEmpty || revision.contains(where: { $0.isNewline || $0 == ":" }) {
            throw .notARevision(
                "qaf: '\(revision)' is not a git revision (a commit, branch or tag such as HEAD or main)")
        }
        let (verified, _, verifyMessage) = try git([
            "-C", directory.isEmpty ? "." : directory, "rev-parse", "--verify", "--quiet", "--end-of-options",
            "\(revision)^{commit}",
        ])
        guard verified == 0 else {
            let why = verifyMessage.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .unreadable(
                "qaf: cannot read \(policy) at revision \(revision): "
                    + (why.isEmpty ? "no such revision in this git repository" : why))
        }
        let (status, text, message) = try git([
            "-C", directory.isEmpty ? "." : directory, "show", "--end-of-options", "\(revision):./\(name)",
        ])
        guard status == 0 else {
            throw .unreadable(
                "qaf: cannot read \(policy) at revision \(revision): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        return (text, "\(revision):\(policy)")
    }

    /// Runs git; its exit status, standard output and standard error.
    private static func git(_ arguments: [String]) throws(Failure) -> (Int32, String, String) {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        git.standardOutput = out
        git.standardError = err
        do { try git.run() } catch { throw .unreadable("qaf: cannot run git: \(error.localizedDescription)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        return (
            git.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: message, as: UTF8.self)
        )
    }
}
