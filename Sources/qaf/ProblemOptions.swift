import ArgumentParser
import QAFCore
import QAFValidate

extension ErrorFormat: ExpressibleByArgument {}

/// `--error-format` and `--quiet`, shared by `qaf validate` and `qaf test`.
struct ProblemOptions: ParsableArguments {
    @Option(
        name: .customLong("error-format"),
        help: ArgumentHelp(
            "How problems are printed: text (file:line:column with a caret, on standard error), json, sarif (SARIF 2.1.0 for code scanning) or github (workflow commands that annotate the lines); json and sarif are one document on standard output.",
            valueName: "format"))
    var errorFormat: ErrorFormat = .text

    @Flag(name: .shortAndLong, help: "Print only problems: no summary of what passed.")
    var quiet = false

    /// Prints the problems in the chosen format: text on standard error as before, the others on standard output.
    func report(_ problems: [Problem]) {
        switch errorFormat {
        case .text: if !problems.isEmpty { Output.error(errorFormat.render(problems)) }
        case .github: Output.write(errorFormat.render(problems))
        case .json, .sarif: Output.write(errorFormat.render(problems))
        }
    }

    /// A summary line for people: standard output in text form, standard error when standard output is a document.
    func summary(_ line: String) {
        if quiet { return }
        if errorFormat == .text { Output.write(line + "\n") } else { Output.error(line) }
    }
}

extension Diagnostics {
    func problems(_ rule: Problem.Rule = .invalidInput) -> [Problem] { sorted.map { Problem($0, rule: rule) } }
}
