import ArgumentParser
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply policies to provider evidence and show each provider's level, reasons and triggers.",
        discussion: """
            EVIDENCE is an evidence file (YAML or JSON) or a folder of them. Each provider is evaluated \
            against each policy; a provider commissioned by several authorities is seen side by side.

            Example:
              qaf evaluate --policy Policies/salford.yaml Examples/salford-major.yaml
              qaf evaluate --policy Policies/ Examples/ --format json
            """)

    @OptionGroup var policies: PolicyOptions

    @Argument(help: ArgumentHelp("Evidence files or folders.", valueName: "evidence"))
    var evidence: [String]

    @Option(
        name: .long,
        help: "Output format: text (a summary to read), json (one document) or jsonl (one decision a line).")
    var format: OutputFormat = .text

    @Option(
        name: [.short, .long],
        help: "Write the report to this file (written whole or not at all) instead of standard output.")
    var output: String?

    func run() throws {
        let compiled = try policies.load()
        let files = FileText.expand(evidence, extensions: ["yaml", "yml", "json"])
        let reader = EvidenceReader()
        var decisions: [Decision] = []
        var failed = 0
        for file in files {
            let record: EvidenceRecord
            switch FileText.read(file).mapError({ Diagnostics([$0]) }).flatMap({ reader.read(file: file, text: $0) }) {
            case .success(let r): record = r
            case .failure(let problems):
                Output.report(problems)
                failed += 1
                continue
            }
            for policy in compiled {
                decisions.append(Evaluator(policy: policy).evaluate(record, origin: EvidenceOrigin(file: file)))
            }
        }
        let text = format.reporter().render(decisions)
        if let output {
            do { try Output.writeAtomically(text, to: output) } catch {
                Output.error("qaf: cannot write \(output): \(error.localizedDescription)")
                throw Exit.io
            }
        } else {
            Output.write(text)
        }
        if failed > 0 {
            Output.error("qaf: \(failed) of \(files.count) evidence file(s) could not be evaluated; the others were")
            throw Exit.someRecordsFailed
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
