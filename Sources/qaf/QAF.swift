import ArgumentParser
import QAFValidate

@main
struct QAF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qaf",
        abstract: "Quality assurance frameworks for commissioned adult social care, as checkable policies.",
        discussion: """
            qaf reads a provider's evidence (CQC and PAMMS ratings, contract compliance, safeguarding, \
            complaints, visit findings, events) and applies a local authority's quality assurance framework \
            to it: the threshold level, the reasons with citations to the framework, the interventions, and \
            the escalation triggers. Missing evidence is never read as "no concerns".

            EXIT CODES
              0   success
              1   a test failed, or 'diff --fail-on-change' found a change
              2   a policy, evidence or fixture file is invalid (every problem is listed as file:line:column)
              3   some evidence records could not be evaluated; the others were
              64  the command was used wrongly (unknown option, missing argument)
              74  a file could not be read or written
            """,
        version: QAFVersion.description,
        subcommands: [
            Evaluate.self, Validate.self, Test.self, Diff.self, Explain.self, Document.self, Schema.self, Corpus.self,
            Gather.self, LSP.self,
        ])
}
