import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFTesting

/// The policies a suite or an evidence file is checked against: those in the file's own folder (and, for a
/// suite, the folder above it, as `qaf test` looks), plus any named explicitly (editor settings).
public final class PolicyLibrary {
    /// Extra policy files or folders, searched for every file.
    public let named: [String]
    private var compiled: [String: Result<CompiledPolicy, Diagnostics>] = [:]

    public init(named: [String] = []) { self.named = named }

    /// Every policy file in the folders, compiled once and remembered by path.
    public func policies(in folders: [String]) -> [(file: String, result: Result<CompiledPolicy, Diagnostics>)] {
        var seen = Set<String>()
        var out: [(String, Result<CompiledPolicy, Diagnostics>)] = []
        for file in FileText.expand(folders + named, extensions: ["yaml", "yml"])
        where !file.hasSuffix(".tests.yaml") && !file.hasSuffix(".tests.yml") {
            let key = (file as NSString).standardizingPath
            guard seen.insert(key).inserted else { continue }
            if let known = compiled[key] {
                out.append((file, known))
                continue
            }
            guard case .success(let text) = FileText.read(file), DocumentKind.of(file: file, text: text) == .policy
            else { continue }
            let result = PolicyCompiler.compile(file: file, text: text)
            compiled[key] = result
            out.append((file, result))
        }
        return out
    }

    /// A suite's ids checked against the policy it names, as `qaf test` would check them before running.
    func checkSuite(_ suite: FixtureSuite, text: String) -> Diagnostics {
        let candidates = policies(in: SuiteDiscovery.policyFolders(for: suite.file))
        var ids: [String] = []
        for (file, result) in candidates {
            switch result {
            case .success(let policy):
                ids.append(policy.id)
                guard policy.id == suite.policy.value else { continue }
                let source = SourceText(file: suite.file, text: text)
                return Diagnostics(
                    FixtureRunner(policy: policy).check(suite).items.map { d in
                        var d = d
                        if d.sourceLine == nil { d.sourceLine = source.line(d.location.line) }
                        return d
                    })
            case .failure:
                // A policy with errors may still say its id.
                guard case .success(let policyText) = FileText.read(file),
                    let syntax = PolicyReader.read(file: file, text: policyText).0
                else { continue }
                ids.append(syntax.id.value)
            }
        }
        if ids.contains(suite.policy.value) {
            return Diagnostics([
                Diagnostic(
                    "policy '\(suite.policy.value)' has errors, so this suite's ids were not checked against it; run qaf validate on the policy",
                    at: suite.policy.location, severity: .warning,
                    sourceLine: SourceText(file: suite.file, text: text).line(suite.policy.location.line))
            ])
        }
        return Diagnostics([
            Diagnostic(
                "no policy with id '\(suite.policy.value)' found for this suite (looked beside it and in the folder above)"
                    + NearestName.hint(suite.policy.value, among: ids.sorted()),
                at: suite.policy.location,
                sourceLine: SourceText(file: suite.file, text: text).line(suite.policy.location.line))
        ])
    }

    /// Warnings for an evidence file from each policy beside it: required evidence the file does not give, and what
    /// a decision would warn of (a previous level that is not a level of the policy, facts dated after `as_of`).
    func evidenceWarnings(_ record: EvidenceRecord, file: String, text: String) -> Diagnostics {
        let folder = (file as NSString).deletingLastPathComponent
        var problems = Diagnostics()
        let top = SourceLocation(file: file, line: 1, column: 1)
        let place = EvidencePlace(file: file, text: text)
        for (policyFile, result) in policies(in: [folder.isEmpty ? "." : folder]) {
            guard case .success(let policy) = result else { continue }
            // The record is laid out by the schema it was read with; read it again with this policy's own, so the
            // evaluator reads each field where this policy put it (a field only another policy declares fails here).
            guard case .success(let ownRecord) = EvidenceReader(schema: policy.schema).read(file: file, text: text)
            else { continue }
            let decision = Evaluator(policy: policy).evaluate(ownRecord, words: false)
            let missing = decision.missingRequired
            if !missing.isEmpty {
                problems.append(
                    Diagnostic(
                        "policy '\(policy.id)' (\(policyFile)) requires \(missing.map { "'\($0)'" }.joined(separator: ", ")), which this file does not give, so it can reach no level",
                        at: top, severity: .warning))
            }
            // Identical warnings from several policies (a date after as_of) are reported once: Diagnostics.sorted.
            for warning in decision.warnings {
                let at = place.location(ofPathStarting: warning)
                problems.append(
                    Diagnostic(warning, at: at, severity: .warning, sourceLine: place.source.line(at.line)))
            }
        }
        return problems
    }
}
