import ArgumentParser
import Foundation
import QAFLanguageServer

struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "A language server for policy, evidence and fixture files (Language Server Protocol, over stdio).",
        discussion: """
            An editor starts 'qaf lsp' and talks to it over standard input and output. It gives the problems \
            'qaf validate' finds as you type, completion of evidence fields, values, parameters, criteria, \
            severities, levels and keys, hover with what a name means, and a quick fix for every 'did you \
            mean'. Evidence files are checked against the policies in their folder and those named with \
            --policy or in the editor's settings ({"qaf": {"policies": [...]}}). See the README for VS Code \
            and Neovim.
            """)

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Policy files or folders to check evidence against, beside those in its folder.", valueName: "policy"))
    var policy: [String] = []

    func run() throws {
        // The protocol's exit code: 0 after a shutdown request, 1 when the client exits or goes away without one.
        let code = LanguageServer(policies: policy).run(input: .standardInput, output: .standardOutput)
        if code != 0 { throw ExitCode(code) }
    }
}
