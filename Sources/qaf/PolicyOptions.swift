import ArgumentParser
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
        let files = FileText.expand(policy, extensions: ["yaml", "yml"])
        if files.isEmpty { throw ValidationError("No policy files found in \(policy.joined(separator: ", "))") }
        var problems = Diagnostics()
        var compiled: [CompiledPolicy] = []
        var warnings = Diagnostics()
        switch PolicyCompiler.compile(files: files, warnings: &warnings) {
        case .success(let policies):
            compiled = policies
            Output.report(warnings)
        case .failure(let d): problems = d
        }
        if problems.hasErrors {
            Output.report(problems)
            Output.error("qaf: \(problems.sorted.count) problem(s) in the policies; nothing was evaluated")
            throw Exit.invalidInput
        }
        return compiled
    }
}
