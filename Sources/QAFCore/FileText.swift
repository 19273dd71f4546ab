import Foundation

/// Reading files and folders with errors in the diagnostic form. Only regular files are read: a FIFO, a socket or a
/// device in a folder is skipped and named (reading one could block for ever), and folder walks never follow a link
/// back into a folder they are already in.
public enum FileText {
    /// A whole file as UTF-8 text.
    public static func read(_ path: String) -> Result<String, Diagnostic> {
        bytes(path).flatMap { data in
            guard let text = String(validating: data, as: UTF8.self) else {
                return .failure(invalidUTF8(data, file: path))
            }
            return .success(text)
        }
    }

    /// A whole file as bytes, for readers of bytes rather than text (the benchmark's corpus, the fuzzer's inputs).
    /// Evidence streamed a block at a time is read by the batch `EvidenceSource` instead, after `notRegular`.
    public static func bytes(_ path: String) -> Result<Data, Diagnostic> {
        if let problem = notRegular(path) { return .failure(problem) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(
                Diagnostic(
                    access(path, R_OK) != 0 ? "no permission to read this file" : "cannot read this file",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return .success(data)
    }

    /// Why `path` cannot be read as a file (it does not exist, or it is a FIFO, a device, a folder); nil for a
    /// regular file. Checked before any read, since opening a FIFO can block for ever.
    public static func notRegular(_ path: String) -> Diagnostic? {
        let at = SourceLocation(file: path, line: 1, column: 1)
        var info = stat()
        guard stat(path, &info) == 0 else {
            return Diagnostic(errno == ENOENT ? "no such file" : "cannot read this file", at: at)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return Diagnostic("cannot read this: it is \(FileKind.describe(info.st_mode)), not a regular file", at: at)
        }
        return nil
    }

    /// Where the first byte that is not UTF-8 is, as a line and a column (columns count characters).
    static func invalidUTF8(_ data: Data, file: String) -> Diagnostic {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, k = 0
        while k < bytes.count {
            let b = bytes[k]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid =
                length > 0 && k + length <= bytes.count
                && String(validating: bytes[k..<k + length], as: UTF8.self) != nil
            if !valid {
                let column = String(decoding: bytes[lineStart..<k], as: UTF8.self).count + 1
                let hex = String(b, radix: 16, uppercase: true)
                return Diagnostic(
                    "the file is not UTF-8 text: byte 0x\(hex.count < 2 ? "0" + hex : hex) here is not UTF-8",
                    at: SourceLocation(file: file, line: line, column: column))
            }
            if b == 10 {
                line += 1
                lineStart = k + 1
            }
            k += length
        }
        return Diagnostic("the file is not UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1))
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// What a folder holds: its files with one of the extensions, its subfolders, and what was skipped and why.
    public struct Listing: Sendable {
        public var files: [String] = []
        public var subfolders: [String] = []
        /// Entries with a wanted extension that are not regular files, and subfolders a walk did not enter.
        public var skipped: [Diagnostic] = []
    }

    /// The entries directly in a folder, sorted by name so that runs are deterministic. Hidden entries (a name
    /// starting with `.`, such as qaf's own temporary files) are left out.
    public static func list(_ directory: String, extensions: Set<String>) -> Listing {
        var listing = Listing()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let full = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            guard stat(full, &info) == 0 else {
                if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    listing.skipped.append(
                        Diagnostic(
                            "skipped: a link to nothing", at: SourceLocation(file: full, line: 1, column: 1),
                            severity: .warning))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: listing.subfolders.append(full)
            case S_IFREG:
                if extensions.contains((name as NSString).pathExtension.lowercased()) { listing.files.append(full) }
            default:
                if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    listing.skipped.append(
                        Diagnostic(
                            "skipped: it is \(FileKind.describe(info.st_mode)), not a regular file",
                            at: SourceLocation(file: full, line: 1, column: 1), severity: .warning))
                }
            }
        }
        return listing
    }

    /// The files directly in a folder with one of the extensions, sorted by name so that runs are deterministic.
    public static func files(in directory: String, extensions: Set<String>) -> [String] {
        list(directory, extensions: extensions).files
    }

    public static func subfolders(of directory: String) -> [String] {
        list(directory, extensions: []).subfolders
    }

    /// Files, and the matching files in folders and all their subfolders; a folder reached twice (through a link
    /// that loops back) is read once.
    public static func walk(_ paths: [String], extensions: Set<String>) -> Listing {
        var result = Listing()
        var seen = Set<[UInt64]>()
        func visit(_ path: String) {
            guard isDirectory(path) else { return result.files.append(path) }
            var info = stat()
            guard stat(path, &info) == 0, seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                return
            }
            let here = list(path, extensions: extensions)
            result.files += here.files
            result.skipped += here.skipped
            for folder in here.subfolders { visit(folder) }
        }
        for path in paths { visit(path) }
        return result
    }

    /// A path that is a file stays as it is; a folder becomes the matching files in it.
    public static func expand(_ paths: [String], extensions: Set<String>) -> [String] {
        paths.flatMap { isDirectory($0) ? files(in: $0, extensions: extensions) : [$0] }
    }
}
