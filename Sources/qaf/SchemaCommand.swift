import ArgumentParser
import QAFCompile
import QAFLoad
import QAFReport

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print a JSON Schema: evidence (the default), policy or fixtures (Schemas/*.schema.json are this output).",
        discussion: """
            With --policy, the evidence schema also holds the evidence those policies declare (their \
            'vocabulary:'), so an editor checks local evidence as you type.

            Examples:
              qaf schema > Schemas/evidence.schema.json
              qaf schema policy > Schemas/policy.schema.json
              qaf schema fixtures > Schemas/fixtures.schema.json
              qaf schema --policy Examples/local/agency-staff.yaml > Examples/local/agency-staff.schema.json
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case evidence, policy, fixtures }

    @Argument(help: ArgumentHelp("Which schema: evidence, policy or fixtures.", valueName: "kind"))
    var kind: Kind = .evidence

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A policy (or folder) whose declared evidence to add to the evidence schema. Repeatable.",
            valueName: "policy"))
    var policy: [String] = []

    func validate() throws {
        if !policy.isEmpty && kind != .evidence {
            throw ValidationError(
                "--policy adds local evidence to the evidence schema only; drop it for '\(kind.rawValue)'.")
        }
    }

    func run() throws {
        switch kind {
        case .evidence:
            let policies = policy.isEmpty ? [] : try PolicyOptions.load(policy)
            Output.write(EvidenceJSONSchema.render(policies.first?.schema ?? .standard))
        case .policy: Output.write(PolicyJSONSchema.text)
        case .fixtures: Output.write(FixturesJSONSchema.render(.standard))
        }
    }
}
