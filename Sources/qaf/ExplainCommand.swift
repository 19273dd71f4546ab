import ArgumentParser
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain one decision step by step: every criterion, the evidence it read and its result.",
        discussion: """
            Example:
              qaf explain --policy Policies/salford.yaml Examples/salford-missing-evidence.yaml
            """)

    @OptionGroup var policies: PolicyOptions

    @Argument(help: ArgumentHelp("One evidence file.", valueName: "evidence"))
    var evidence: String

    func run() throws {
        try requireReadable(policies.policy + [evidence])
        let compiled = try policies.load()
        let record: EvidenceRecord
        switch FileText.read(evidence).mapError({ Diagnostics([$0]) }).flatMap({
            EvidenceReader(schema: compiled.first?.schema ?? .standard).read(file: evidence, text: $0)
        }) {
        case .success(let r): record = r
        case .failure(let problems):
            Output.report(problems)
            throw Exit.invalidInput
        }
        var out = ""
        for (i, policy) in compiled.enumerated() {
            let decision = Evaluator(policy: policy).evaluate(record, origin: EvidenceOrigin(file: evidence))
            out +=
                (i > 0 ? "\n" + String(repeating: "=", count: 72) + "\n\n" : "")
                + Explanation.render(decision, record: decision.record)
        }
        Output.write(TerminalText.safe(out))
    }
}
