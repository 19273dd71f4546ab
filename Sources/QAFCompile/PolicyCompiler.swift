import Foundation
import QAFCheck
import QAFCore
import QAFLoad

/// The front door: a policy file in, a compiled policy (or every diagnostic) out. load → check → compile.
public enum PolicyCompiler {
    /// `schema` is the standard vocabulary, to which the policy's own `vocabulary:` is added, or a run's schema
    /// (`RunVocabulary`) that already holds it.
    /// `addingItsVocabulary: false` compiles against `schema` as it is, for a policy read beside another (an old
    /// version in `qaf diff`) whose records are laid out by `schema`.
    public static func compile(
        file: String, text: String, schema: EvidenceSchema = .standard, addingItsVocabulary: Bool = true
    ) -> Result<CompiledPolicy, Diagnostics> {
        let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
        return check(syntax, readProblems, text: text, schema: schema, vocabularyChecked: !addingItsVocabulary).map {
            CompiledPolicy($0.0, schema: $0.1, sourceText: text)
        }
    }

    /// load and check only: what `qaf validate` runs. Never evaluates.
    public static func check(file: String, text: String, schema: EvidenceSchema = .standard)
        -> Result<CheckedPolicy, Diagnostics>
    {
        let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
        return check(syntax, readProblems, text: text, schema: schema).map(\.0)
    }

    /// Several policies compiled for one run: every policy's local evidence is in the schema each is compiled
    /// against, so one record layout serves them all. Every problem of every file is reported.
    public static func compile(files: [String]) -> Result<[CompiledPolicy], Diagnostics> {
        var warnings = Diagnostics()
        return compile(files: files, warnings: &warnings)
    }

    /// As `compile(files:)`; `warnings` receives what was found that is not an error (a local field declared one
    /// typo away from a standard one), for the command to show.
    public static func compile(files: [String], warnings: inout Diagnostics) -> Result<[CompiledPolicy], Diagnostics> {
        var problems = Diagnostics()
        var read: [(PolicySyntax?, Diagnostics, String)] = []
        for file in files {
            switch FileText.read(file) {
            case .failure(let failure): problems.append(failure)
            case .success(let text):
                let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
                read.append((syntax, readProblems, text))
            }
        }
        let (schema, vocabularyProblems) = RunVocabulary.schema(for: read.compactMap(\.0))
        problems.append(contentsOf: vocabularyProblems)
        var compiled: [CompiledPolicy] = []
        for (syntax, readProblems, text) in read {
            switch check(syntax, readProblems, text: text, schema: schema, vocabularyChecked: true) {
            case .success(let (checked, schema)):
                compiled.append(CompiledPolicy(checked, schema: schema, sourceText: text))
            case .failure(let d): problems.append(contentsOf: d)
            }
        }
        if problems.hasErrors { return .failure(problems) }
        warnings = problems
        return .success(compiled)
    }

    private static func check(
        _ syntax: PolicySyntax?, _ readProblems: Diagnostics, text: String, schema given: EvidenceSchema,
        vocabularyChecked: Bool = false
    ) -> Result<(CheckedPolicy, EvidenceSchema), Diagnostics> {
        guard let syntax else { return .failure(readProblems) }
        var readProblems = readProblems
        var schema = given
        if !vocabularyChecked, given === EvidenceSchema.standard {
            let (extended, vocabularyProblems) = RunVocabulary.schema(for: [syntax])
            readProblems.append(contentsOf: vocabularyProblems)
            schema = extended
        }
        switch PolicyChecker(schema: schema).check(syntax) {
        case .success(let checked) where !readProblems.hasErrors:
            return .success((checked, schema))
        case .success:
            return .failure(readProblems)
        case .failure(let checkProblems):
            var all = readProblems
            let source = SourceText(file: syntax.file, text: text)
            for var d in checkProblems.items {
                if d.sourceLine == nil { d.sourceLine = source.line(d.location.line) }
                all.append(d)
            }
            return .failure(all)
        }
    }

    public static func compile(file: String, schema: EvidenceSchema = .standard) -> Result<CompiledPolicy, Diagnostics>
    {
        switch FileText.read(file) {
        case .success(let text): return compile(file: file, text: text, schema: schema)
        case .failure(let error): return .failure(Diagnostics([error]))
        }
    }
}

/// Reading files and folders with errors in the diagnostic form. Only regular files are read: a FIFO, a socket or a
/// device in a folder is skipped and named (reading one could block for ever), and folder walks never follow a link
/// back into a folder they are already in.
public enum FileText {
    public static func read(_ path: String) -> Result<String, Diagnostic> {
        let at = SourceLocation(file: path, line: 1, column: 1)
        if let problem = notRegular(path) { return .failure(problem) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(
                Diagnostic(
                    access(path, R_OK) != 0 ? "no permission to read this file" : "cannot read this file", at: at))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(invalidUTF8(data, file: path))
        }
        return .success(text)
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
