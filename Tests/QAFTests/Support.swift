import Foundation
import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import Testing

/// The package root, found from this file's path, so tests read Policies/ and Examples/ wherever they run.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func path(_ relative: String) -> String { packageRoot + "/" + relative }

/// A small policy to test the engine with; `criteria`, `levels` and `triggers` are spliced in as YAML text.
func policyText(
    criteria: String, levels: String? = nil, triggers: String = "",
    parameters: String = "  many: {value: 2, means: m, source: s}",
    requires: String = ""
) -> String {
    let defaultLevels = """
          - id: 3
            name: High
            label: Major concerns
            when: count(major) >= 1 or count(moderate) >= many
            interventions: [escalate]
            source: s
          - id: 2
            name: Medium
            label: Moderate concerns
            when: count(moderate) >= 1
            source: s
          - id: 1
            name: Low
            label: No or minor concerns
            otherwise: true
            source: s
        """
    return """
        policy: 1
        id: demo
        authority: Demo Council
        title: Demo framework
        version: "1"
        source: 000_4d0eb8f41c1d8ba7.txt
        \(requires)
        severities: [low, moderate, major]
        domains: {quality: Quality}
        parameters:
        \(parameters)
        interventions:
          escalate: {text: Escalate, source: s}
        routes:
          board: {name: The Board, source: s}
        criteria:
        \(criteria)
        levels:
        \(levels ?? defaultLevels)
        \(triggers.isEmpty ? "" : "triggers:\n" + triggers)
        """
}

/// One criterion as YAML text.
func criterion(_ id: String, _ severity: String, _ when: String, because: String = "x") -> String {
    """
      - id: \(id)
        title: \(id)
        domain: quality
        indicates: \(severity)
        when: "\(when)"
        because: "\(because)"
        source: "s, 1"
    """
}

func compile(_ text: String, file: String = "policy.yaml") -> Result<CompiledPolicy, Diagnostics> {
    PolicyCompiler.compile(file: file, text: text)
}

func compiled(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CompiledPolicy {
    switch compile(text) {
    case .success(let p): return p
    case .failure(let d):
        Issue.record("policy did not compile:\n\(d)", sourceLocation: sourceLocation)
        throw d
    }
}

func evidence(_ yaml: String, file: String = "evidence.yaml") throws -> EvidenceRecord {
    try EvidenceReader().read(file: file, text: "evidence: 1\nas_of: 2026-10-01\nprovider: {id: \"T-1\"}\n" + yaml)
        .get()
}

func decide(_ policy: CompiledPolicy, _ yaml: String) throws -> Decision {
    Evaluator(policy: policy).evaluate(try evidence(yaml))
}

func firedIDs(_ d: Decision) -> [String] { d.fired.map { d.model.criteria[$0.index].id } }
func unassessedIDs(_ d: Decision) -> [String] { d.unassessed.map { d.model.criteria[$0.index].id } }
func triggerIDs(_ d: Decision) -> [String] { d.triggers.map { d.model.triggers[$0.index].id } }

/// The diagnostics of a text that must fail, as `line:column: message` strings.
func problems(_ result: Result<some Any, Diagnostics>) -> [String] {
    guard case .failure(let d) = result else { return [] }
    return d.sorted.map { "\($0.location.line):\($0.location.column): \($0.message)" }
}
