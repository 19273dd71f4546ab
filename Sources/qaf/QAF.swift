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
              1   a test failed or coverage is low, a document is out of date, or 'diff --fail-on-change' found a change
              2   a policy, evidence or fixture file is invalid (every problem is listed as file:line:column)
              3   some evidence records could not be read (the others were evaluated), or none was read at all
              64  the command was used wrongly (unknown option, missing argument, a value out of range)
              74  a file could not be read or written, or an output was refused (a folder, a device, an input of \
            the run, a read-only file)
            """,
        version: QAFVersion.description,
        subcommands: [
            Evaluate.self, Validate.self, Test.self, Diff.self, Explain.self, Document.self, Schema.self, Corpus.self,
            Gather.self, LSP.self,
        ])
}
