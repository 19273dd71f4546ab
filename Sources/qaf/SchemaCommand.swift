import ArgumentParser
import QAFReport

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print a JSON Schema: evidence (the default), policy or fixtures (Schemas/*.schema.json are this output).",
        discussion: """
            Examples:
              qaf schema > Schemas/evidence.schema.json
              qaf schema policy > Schemas/policy.schema.json
              qaf schema fixtures > Schemas/fixtures.schema.json
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case evidence, policy, fixtures }

    @Argument(help: ArgumentHelp("Which schema: evidence, policy or fixtures.", valueName: "kind"))
    var kind: Kind = .evidence

    func run() throws {
        switch kind {
        case .evidence: Output.write(EvidenceJSONSchema.render())
        case .policy: Output.write(PolicyJSONSchema.text)
        case .fixtures: Output.write(FixturesJSONSchema.render())
        }
    }
}
