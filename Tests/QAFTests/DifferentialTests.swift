import Foundation
import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import Testing

/// The compiled machine against the reference interpreter (Tests/QAFTests/Reference): random well-typed policies
/// over the whole vocabulary, random evidence, the same answers. Seeded, so a failure names the seed that makes it
/// again. `QAF_DIFFERENTIAL_POLICIES=N` runs N policies instead of the default (each against
/// `evidencePerPolicy` records); `QAF_DIFFERENTIAL_SEED=S` starts from another seed.
@Suite("The machine agrees with the reference interpreter")
struct DifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static let policies = environment["QAF_DIFFERENTIAL_POLICIES"].flatMap(Int.init) ?? 200
    static let firstSeed = environment["QAF_DIFFERENTIAL_SEED"].flatMap(UInt64.init) ?? 9
    static let evidencePerPolicy = 24
    static let criteriaPerPolicy = 8

    @Test func machineAgreesWithTheReference() throws {
        var cases = 0
        var unread = 0
        var failures: [String] = []
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.policies)) where failures.count < 5 {
            var random = RandomPolicies(seed: seed, schema: .standard)
            let text = random.policy(criteriaCount: Self.criteriaPerPolicy, depth: Int(seed % 4) + 1)
            let policy: CompiledPolicy
            switch PolicyCompiler.compile(file: "random-\(seed).yaml", text: text) {
            case .success(let p): policy = p
            case .failure(let d):
                failures.append("seed \(seed): a well-typed policy was refused:\n\(d)\n\(text)")
                continue
            }
            // The reference reads the checker's typed policy itself, never the compiler's output.
            let checked = try PolicyCompiler.check(file: "random-\(seed).yaml", text: text).get()
            let evaluator = Evaluator(policy: policy)
            let reader = JSONEvidenceReader()
            for n in 0..<Self.evidencePerPolicy where failures.count < 5 {
                let evidence = random.evidence()
                let json = RandomPolicies.json(evidence, schema: .standard)
                guard case .success(let record) = reader.read(Array(json.utf8), file: "evidence.jsonl", line: n + 1)
                else {
                    unread += 1
                    continue
                }
                let decision = evaluator.evaluate(record)
                var reference = ReferenceInterpreter(policy: checked, schema: .standard, evidence: evidence)
                let expected = reference.decide()
                let actual = Self.answer(decision)
                cases += checked.criteria.count + checked.levels.count + checked.triggers.count
                if actual != expected {
                    failures.append(
                        "seed \(seed), evidence \(n): the machine and the reference disagree\n"
                            + Self.difference(actual, expected, checked) + "\nevidence: \(json)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        // Every random record fits the vocabulary, so the reader may only refuse values it range-checks.
        #expect(unread * 10 < Self.policies * Self.evidencePerPolicy, "\(unread) random records were not read")
        #expect(cases >= Self.policies * Self.evidencePerPolicy * Self.criteriaPerPolicy * 9 / 10)
        print("differential: \(cases) conditions compared over \(Self.policies) policies (\(unread) records refused)")
    }

    /// The machine's decision in the reference's terms.
    static func answer(_ d: Decision) -> ReferenceDecision {
        func kleene(_ t: Truth) -> Kleene { t == .true ? .yes : t == .false ? .no : .unknown }
        var criterionNeeds = [Set<String>](repeating: [], count: d.criterionTruths.count)
        for u in d.unassessed { criterionNeeds[u.index] = Set(u.needs) }
        var triggerNeeds = [Set<String>](repeating: [], count: d.triggerTruths.count)
        for u in d.possibleTriggers { triggerNeeds[u.index] = Set(u.needs) }
        return ReferenceDecision(
            criteria: d.criterionTruths.map(kleene), criterionNeeds: criterionNeeds, level: d.level,
            couldReach: d.couldReach, triggers: d.triggerTruths.map(kleene), triggerNeeds: triggerNeeds,
            status: d.status.rawValue, evidenceToGather: Set(d.evidenceToGather))
    }

    static func difference(_ a: ReferenceDecision, _ e: ReferenceDecision, _ p: CheckedPolicy) -> String {
        var lines: [String] = []
        for i in a.criteria.indices where a.criteria[i] != e.criteria[i] || a.criterionNeeds[i] != e.criterionNeeds[i] {
            lines.append(
                "criterion \(p.criteria[i].id) when \(p.criteria[i].whenText): machine \(a.criteria[i]) needing \(a.criterionNeeds[i].sorted()), reference \(e.criteria[i]) needing \(e.criterionNeeds[i].sorted())"
            )
        }
        if a.level != e.level || a.couldReach != e.couldReach || a.status != e.status {
            lines.append(
                "level: machine \(String(describing: a.level)) could reach \(String(describing: a.couldReach)) \(a.status), reference \(String(describing: e.level)) could reach \(String(describing: e.couldReach)) \(e.status); levels: \(p.levels.map { $0.whenText ?? "otherwise" })"
            )
        }
        for i in a.triggers.indices where a.triggers[i] != e.triggers[i] || a.triggerNeeds[i] != e.triggerNeeds[i] {
            lines.append(
                "trigger \(p.triggers[i].id) when \(p.triggers[i].whenText): machine \(a.triggers[i]) needing \(a.triggerNeeds[i].sorted()), reference \(e.triggers[i]) needing \(e.triggerNeeds[i].sorted())"
            )
        }
        if a.evidenceToGather != e.evidenceToGather {
            lines.append(
                "evidence to gather: machine \(a.evidenceToGather.sorted()), reference \(e.evidenceToGather.sorted())")
        }
        return lines.joined(separator: "\n")
    }
}
