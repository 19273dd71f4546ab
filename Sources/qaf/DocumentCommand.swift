import ArgumentParser
import Foundation
import QAFBatch
import QAFCheck
import QAFCompile
import QAFCore
import QAFReport

struct Document: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render policies as Markdown documents to hold beside their source frameworks.",
        discussion: """
            Writes NAME.md beside each NAME.yaml: levels with their interventions and review, criteria by \
            domain with their statements and citations, parameters with values and sources, triggers with routes.

            Examples:
              qaf document Policies/            (writes Policies/salford.md, …)
              qaf document Policies/ --check    (exit 1 if a committed document is out of date)
            """)

    @Argument(help: ArgumentHelp("Policy files or folders.", valueName: "policy"))
    var policies: [String]

    @Flag(name: .long, help: "Write nothing; exit 1 if a document differs from what the policy renders.")
    var check = false

    @Flag(name: .long, help: "Print the documents to standard output instead of writing files.")
    var stdout = false

    func run() throws {
        try requireReadable(policies)
        var problems = Diagnostics()
        var stale: [String] = []
        let files = FileText.expand(policies, extensions: ["yaml", "yml"])
        // Every document is checked as an output before any is written: none may be a policy read in this run.
        var targets: [String: OutputTarget] = [:]
        if !stdout && !check {
            for file in files {
                let target = (file as NSString).deletingPathExtension + ".md"
                targets[file] = try Output.target(target, inputs: files)
            }
        }
        for file in files {
            let compiled: CompiledPolicy
            switch PolicyCompiler.compile(file: file) {
            case .success(let p): compiled = p
            case .failure(let d):
                problems.append(contentsOf: d)
                continue
            }
            let markdown = PolicyDocument.render(
                compiled.model, policyFile: (file as NSString).lastPathComponent,
                localEvidence: compiled.schema.localMembers)
            let target = (file as NSString).deletingPathExtension + ".md"
            if stdout {
                Output.write(markdown)
            } else if check {
                if (try? FileText.read(target).get()) != markdown { stale.append(target) }
            } else {
                try Output.save(markdown, to: targets[file])
                Output.write("wrote \(target)\n")
            }
        }
        if problems.hasErrors {
            Output.report(problems)
            throw Exit.invalidInput
        }
        if !stale.isEmpty {
            Output.error("qaf: out of date (run qaf document): \(stale.joined(separator: ", "))")
            throw Exit.failures
        }
    }
}
