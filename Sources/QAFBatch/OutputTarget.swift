import Foundation
import QAFCore

/// A file qaf may write, checked before any work starts: the one rule every command that writes goes through.
///
/// qaf never writes over a folder, a device, a FIFO, a socket or anything else that is not a regular file, nor
/// over a file it reads in the same run (compared after links are resolved), nor over a read-only file. An output
/// named through a symbolic link is written to the link's target; the link stays. A new report is written to a
/// temporary file beside the target and renamed over it at the end, keeping the old file's permission bits.
public struct OutputTarget: Sendable {
    /// The path as the user gave it, for messages.
    public let path: String
    /// The file that is created or replaced: `path` with its links followed.
    public let resolved: String
    /// The permission bits the written file gets: the old file's, or what the umask allows for a new one.
    let mode: mode_t

    /// Checks `path` as an output of a run that reads `inputs` (files or folders; a folder's files are inputs too).
    public static func check(_ path: String, inputs: [String] = []) throws(OutputRefusal) -> OutputTarget {
        guard !path.isEmpty else { throw OutputRefusal(path: path, reason: "an empty path names no file") }
        if path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..") || path == "." || path == ".." {
            throw OutputRefusal(
                path: path, reason: "it names a folder; qaf writes a report to a file and never over a folder")
        }
        let resolved = try follow(path)
        let folder = PathText.folder(of: resolved)
        var folderInfo = stat()
        if stat(folder, &folderInfo) != 0 {
            throw OutputRefusal(path: path, reason: "no such folder: \(folder)")
        }
        guard folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw OutputRefusal(path: path, reason: "\(folder) is not a folder")
        }
        if access(folder, W_OK | X_OK) != 0 {
            throw OutputRefusal(path: path, reason: "no permission to create files in the folder \(folder)")
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else {
            let mask = umask(0)
            umask(mask)
            return OutputTarget(path: path, resolved: resolved, mode: 0o666 & ~mask)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw OutputRefusal(
                path: path, reason: "it is a folder; qaf writes a report to a file and never over a folder")
        default:
            throw OutputRefusal(
                path: path,
                reason: "it is \(FileKind.describe(info.st_mode)), not a regular file; qaf writes only regular files")
        }
        if info.st_mode & 0o222 == 0 || (geteuid() != 0 && access(resolved, W_OK) != 0) {
            throw OutputRefusal(path: path, reason: "the file is read-only; qaf does not replace read-only files")
        }
        for input in inputs where FileKind.sameFile(input, info) {
            throw OutputRefusal(
                path: path,
                reason: input == path ? "it is an input of this run" : "it is an input of this run (\(input))")
        }
        return OutputTarget(path: path, resolved: resolved, mode: info.st_mode & 0o7777)
    }

    /// The path with every symbolic link followed (the last may point at a file that does not exist yet).
    private static func follow(_ path: String) throws(OutputRefusal) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : PathText.folder(of: current) + "/" + target
        }
        throw OutputRefusal(path: path, reason: "its symbolic links go round in a loop")
    }
}

/// Why an output was refused or could not be written; the words a user reads after `qaf: cannot write PATH: `.
public struct OutputRefusal: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A failed system call, in the system's words ("No space left on device").
    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// Paths taken apart without Foundation's path methods, which trap on some paths a user may type (`.`).
public enum PathText {
    /// The folder a path is in: `.` for a bare name, `/` for a name at the root.
    public static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let folder = trimmed[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last part of a path.
    public static func name(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}
