import ArgumentParser
import QAFCompile
import QAFReport

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the evidence vocabulary as JSON Schema (Schemas/evidence.schema.json is this output).",
        discussion: """
            With --policy, the schema also holds the evidence those policies declare (their 'vocabulary:'), so \
            an editor checks local evidence as you type.

            Examples:
              qaf schema > Schemas/evidence.schema.json
              qaf schema --policy Examples/local/agency-staff.yaml > Examples/local/agency-staff.schema.json
            """)

    @Option(
        name: .long,
        help: ArgumentHelp("A policy (or folder) whose declared evidence to add. Repeatable.", valueName: "policy"))
    var policy: [String] = []

    func run() throws {
        let policies = policy.isEmpty ? [] : try PolicyOptions.load(policy)
        Output.write(EvidenceJSONSchema.render(policies.first?.schema ?? .standard))
    }
}
