import ArgumentParser
import Foundation
import QAFCompile
import QAFCore

/// `--policy`, shared by the commands that evaluate.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "A policy file, or a folder of policies (every .yaml in it). Repeat for several.", valueName: "policy"))
    var policy: [String] = []

    func validate() throws {
        if policy.isEmpty {
            throw ValidationError("Name at least one policy with --policy, e.g. --policy Policies/salford.yaml")
        }
    }

    /// Every policy compiled, or every diagnostic printed and exit 2.
    func load() throws -> [CompiledPolicy] { try Self.load(policy) }

    /// The policies at `policy` (files or folders) compiled for one run, sharing one evidence schema.
    static func load(_ policy: [String]) throws -> [CompiledPolicy] {
        var named = Set<String>()
        let files = FileText.expand(policy, extensions: ["yaml", "yml"]).filter {
            named.insert(URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path).inserted
        }
        if files.isEmpty { throw ValidationError("No policy files found in \(policy.joined(separator: ", "))") }
        var problems = Diagnostics()
        var compiled: [CompiledPolicy] = []
        var warnings = Diagnostics()
        switch PolicyCompiler.compile(files: files, warnings: &warnings) {
        case .success(let policies):
            Output.report(warnings)
            for p in policies {
                if let first = compiled.first(where: { $0.id == p.id }) {
                    problems.append(
                        Diagnostic(
                            "duplicate policy id '\(p.id)': \(first.model.file) has the same id, and a run's decisions are told apart by policy id",
                            at: Self.idLocation(in: p.model.file)))
                } else {
                    compiled.append(p)
                }
            }
        case .failure(let d): problems = d
        }
        if problems.hasErrors {
            Output.report(problems)
            Output.error("qaf: \(problems.sorted.count) problem(s) in the policies; nothing was evaluated")
            throw Exit.invalidInput
        }
        return compiled
    }

    /// Where a policy file says its `id:` (a top-level key), for a message about it.
    static func idLocation(in file: String) -> SourceLocation {
        let lines = (try? FileText.read(file).get())?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        let line = lines.firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 } ?? 1
        return SourceLocation(file: file, line: line, column: 1)
    }
}
