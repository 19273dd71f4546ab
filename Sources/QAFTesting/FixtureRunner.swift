import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad

/// The outcome of one fixture case.
public struct CaseResult: Sendable {
    public var suite: String
    public var name: String
    public var location: SourceLocation
    public var mismatches: [String]
    public var decision: Decision
    /// What the expectation would be if it were rewritten to match (for `--update`).
    public var actual: ActualOutcome
    /// How each of the policy's thresholds came out on this case's evidence, for coverage.
    public var thresholds: [Truth]
    public var passed: Bool { mismatches.isEmpty }
}

/// A decision reduced to the keys a fixture can expect.
public struct ActualOutcome: Sendable {
    public var level: String?
    public var status: String
    public var couldReach: String?
    public var fired: [String]
    public var unassessed: [String]
    public var triggers: [String]
    public var interventions: [String]
    public var movement: String

    public init(_ d: Decision) {
        let p = d.model
        level = d.levelValue?.id.description
        status = d.status.rawValue
        couldReach = d.couldReachValue?.id.description
        fired = d.firedIndices.map { p.criteria[$0].id }
        unassessed = d.unassessedIndices.map { p.criteria[$0].id }
        triggers = d.triggerIndices.map { p.triggers[$0].id }
        interventions = d.interventions.map { p.interventions[$0].id }
        movement = d.movement.rawValue
    }
}

/// Runs a suite against its compiled policy and says, in words, how each failing case differs.
public struct FixtureRunner {
    public let policy: CompiledPolicy

    public init(policy: CompiledPolicy) { self.policy = policy }

    /// Problems with the suite itself: expectations naming criteria, levels or triggers the policy lacks.
    public func check(_ suite: FixtureSuite) -> Diagnostics {
        var problems = Diagnostics()
        let p = policy.model
        let names: [String: [String]] = [
            "criterion": p.criteria.map(\.id), "trigger": p.triggers.map(\.id),
            "intervention": p.interventions.map(\.id),
        ]
        let levels = p.levels.map(\.id.description)
        for c in suite.cases {
            let e = c.expect
            for (kind, list) in [
                ("criterion", e.fired), ("criterion", e.unassessed), ("trigger", e.triggers),
                ("intervention", e.interventions),
            ] {
                for id in list?.value ?? [] where !(names[kind]!.contains(id.value)) {
                    problems.append(
                        Diagnostic(
                            "policy '\(p.id)' has no \(kind) '\(id.value)'"
                                + NearestName.hint(id.value, among: names[kind]!), at: id.location))
                }
            }
            for level in [e.level, e.couldReach].compactMap({ $0 }) {
                if let id = level.value, !levels.contains(id.description) {
                    problems.append(
                        Diagnostic(
                            "policy '\(p.id)' has no level '\(id)'; its levels are \(levels.joined(separator: ", "))",
                            at: level.location))
                }
            }
        }
        return problems
    }

    public func run(_ suite: FixtureSuite, filter: ((String) -> Bool)? = nil) -> [CaseResult] {
        let evaluator = Evaluator(policy: policy)
        return suite.cases.filter { filter?("\(suite.policy.value)/\($0.name.value)") ?? true }.map { c in
            let decision = evaluator.evaluate(c.evidence, origin: c.evidenceOrigin)
            let thresholds = policy.model.thresholds.indices.map { evaluator.probe(threshold: $0, c.evidence) }
            return CaseResult(
                suite: suite.file, name: c.name.value, location: c.location,
                mismatches: compare(c.expect, decision, c.evidence), decision: decision,
                actual: ActualOutcome(decision),
                thresholds: thresholds)
        }
    }

    private func compare(_ e: Expectation, _ d: Decision, _ record: EvidenceRecord) -> [String] {
        let p = policy.model
        let actual = ActualOutcome(d)
        var out: [String] = []
        func levelText(_ id: String?) -> String {
            guard let id, let level = p.levels.first(where: { $0.id.description == id }) else { return "no level" }
            return "\(id) (\(level.name))"
        }
        if let want = e.level, want.value?.description != actual.level {
            out.append(
                "level: expected \(levelText(want.value?.description)), got \(levelText(actual.level)) [status \(actual.status)]"
            )
        }
        if let want = e.status, want.value != actual.status {
            out.append("status: expected \(want.value), got \(actual.status)")
        }
        if let want = e.couldReach, want.value?.description != actual.couldReach {
            out.append(
                "could reach: expected \(levelText(want.value?.description)), got \(levelText(actual.couldReach))")
        }
        if let want = e.movement, want.value != actual.movement {
            out.append("movement: expected \(want.value), got \(actual.movement)")
        }
        if let want = e.fired?.value.map(\.value) {
            for id in want where !actual.fired.contains(id) {
                let i = p.criteria.firstIndex { $0.id == id }!
                let state = actual.unassessed.contains(id) ? "could not be assessed" : "did not fire"
                out.append(
                    "criterion \(id) was expected to fire but \(state): when \(p.criteria[i].whenText) — read \(d.readings(of: i).joined(separator: ", "))"
                )
            }
            for f in d.fired where !want.contains(p.criteria[f.index].id) {
                out.append("criterion \(p.criteria[f.index].id) fired but was not expected: \(f.because)")
            }
        }
        if let want = e.unassessed?.value.map(\.value) {
            for id in want where !actual.unassessed.contains(id) {
                out.append("criterion \(id) was expected to be unassessed but was assessed")
            }
            for u in d.unassessed where !want.contains(p.criteria[u.index].id) {
                out.append(
                    "criterion \(p.criteria[u.index].id) could not be assessed (needs \(u.needs.joined(separator: ", "))) but was expected to be"
                )
            }
        }
        if let want = e.triggers?.value.map(\.value) {
            for id in want where !actual.triggers.contains(id) {
                let i = p.triggers.firstIndex { $0.id == id }!
                out.append(
                    "trigger \(id) was expected to fire but did not: when \(p.triggers[i].whenText) — read \(d.readings(ofTrigger: i).joined(separator: ", "))"
                )
            }
            for id in actual.triggers where !want.contains(id) {
                out.append("trigger \(id) fired but was not expected")
            }
        }
        if let want = e.interventions?.value.map(\.value) {
            for id in want where !actual.interventions.contains(id) {
                out.append("intervention \(id) was expected but not brought")
            }
            for id in actual.interventions where !want.contains(id) {
                out.append("intervention \(id) was brought but not expected")
            }
        }
        return out
    }
}
