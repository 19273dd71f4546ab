import ArgumentParser
import QAFReport

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the evidence vocabulary as JSON Schema (Schemas/evidence.schema.json is this output).",
        discussion: """
            Example:
              qaf schema > Schemas/evidence.schema.json
            """)

    func run() throws {
        Output.write(EvidenceJSONSchema.render())
    }
}
