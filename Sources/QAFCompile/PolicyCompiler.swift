import Foundation
import QAFCheck
import QAFCore
import QAFLoad

/// The front door: a policy file in, a compiled policy (or every diagnostic) out. load → check → compile.
public enum PolicyCompiler {
    public static func compile(file: String, text: String, schema: EvidenceSchema = .standard)
        -> Result<CompiledPolicy, Diagnostics>
    {
        check(file: file, text: text, schema: schema).map { CompiledPolicy($0, schema: schema, sourceText: text) }
    }

    /// load and check only: what `qaf validate` runs. Never evaluates.
    public static func check(file: String, text: String, schema: EvidenceSchema = .standard)
        -> Result<CheckedPolicy, Diagnostics>
    {
        let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
        guard let syntax else { return .failure(readProblems) }
        switch PolicyChecker(schema: schema).check(syntax) {
        case .success(let checked) where !readProblems.hasErrors:
            return .success(checked)
        case .success:
            return .failure(readProblems)
        case .failure(let checkProblems):
            var all = readProblems
            let source = SourceText(file: file, text: text)
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

/// Reading files and folders with errors in the diagnostic form.
public enum FileText {
    public static func read(_ path: String) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return .failure(
                Diagnostic(
                    exists ? "cannot read this file" : "no such file",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(
                Diagnostic("the file is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return .success(text)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The files directly in a folder with one of the extensions, sorted by name so that runs are deterministic.
    public static func files(in directory: String, extensions: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && extensions.contains((name as NSString).pathExtension.lowercased())
                && !isDirectory((directory as NSString).appendingPathComponent(name))
        }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    public static func subfolders(of directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.map { (directory as NSString).appendingPathComponent($0) }
            .filter(isDirectory).sorted()
    }

    /// A path that is a file stays as it is; a folder becomes the matching files in it.
    public static func expand(_ paths: [String], extensions: Set<String>) -> [String] {
        paths.flatMap { isDirectory($0) ? files(in: $0, extensions: extensions) : [$0] }
    }
}
