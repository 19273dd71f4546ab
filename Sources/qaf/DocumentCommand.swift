import ArgumentParser
import Foundation
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
        var problems = Diagnostics()
        var stale: [String] = []
        for file in FileText.expand(policies, extensions: ["yaml", "yml"]) {
            let compiled: CompiledPolicy
            switch FileText.read(file).mapError({ Diagnostics([$0]) }).flatMap({
                PolicyCompiler.compile(file: file, text: $0)
            }) {
            case .success(let p): compiled = p
            case .failure(let d):
                problems.append(contentsOf: d)
                continue
            }
            let markdown = PolicyDocument.render(
                compiled.checked, policyFile: (file as NSString).lastPathComponent,
                localEvidence: compiled.schema.localMembers)
            let target = (file as NSString).deletingPathExtension + ".md"
            if stdout {
                Output.write(markdown)
            } else if check {
                if (try? String(contentsOfFile: target, encoding: .utf8)) != markdown { stale.append(target) }
            } else {
                try Output.save(markdown, to: target)
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
