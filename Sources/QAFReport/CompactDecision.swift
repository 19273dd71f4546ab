import QAFCompile
import QAFCore
import QAFEvaluate

/// The compact JSON form of a decision, one line, written straight into bytes: the provider id, where its evidence
/// was, the level, status and movement,
/// and the ids of what fired, what could not be assessed, the triggers and the interventions. The words (the
/// `because` sentences, titles, sources) are in the policy and its rendered document, and in `--detail full`.
public struct CompactDecisionWriter: Sendable {
    /// A policy's ids, JSON-quoted once.
    final class Names: Sendable {
        let policy: [UInt8]
        let criteria: [[UInt8]]
        let triggers: [[UInt8]]
        let interventions: [[UInt8]]
        let levels: [[UInt8]]

        init(_ p: CompiledPolicy) {
            func quoted(_ s: String) -> [UInt8] { Array(JSONBytes.quoted(s)) }
            policy = quoted(p.id)
            criteria = p.model.criteria.map { quoted($0.id) }
            triggers = p.model.triggers.map { quoted($0.id) }
            interventions = p.model.interventions.map { quoted($0.id) }
            levels = p.model.levels.map { level in
                switch level.id {
                case .number(let n): return Array(String(n).utf8)
                case .word(let w): return quoted(w)
                }
            }
        }
    }

    private let names: [ObjectIdentifier: Names]

    public init(policies: [CompiledPolicy]) {
        var names: [ObjectIdentifier: Names] = [:]
        for p in policies { names[ObjectIdentifier(p)] = Names(p) }
        self.names = names
    }

    public func write(_ d: Decision, into out: inout [UInt8]) {
        let n = names[ObjectIdentifier(d.policy)] ?? Names(d.policy)
        out.append(contentsOf: #"{"policy":"#.utf8)
        out.append(contentsOf: n.policy)
        out.append(contentsOf: #","provider":"#.utf8)
        JSONBytes.appendQuoted(d.providerID, to: &out)
        if let origin = d.origin {
            out.append(contentsOf: #","evidence":"#.utf8)
            JSONBytes.appendQuoted(origin.file, to: &out)
            if let line = origin.line {
                out.append(contentsOf: #","line":"#.utf8)
                JSONBytes.appendInteger(line, to: &out)
            }
        }
        out.append(contentsOf: #","as_of":""#.utf8)
        JSONBytes.appendDate(d.asOf, to: &out)
        out.append(contentsOf: #"","status":""#.utf8)
        out.append(contentsOf: d.status.rawValue.utf8)
        out.append(contentsOf: #"","level":"#.utf8)
        if let level = d.level { out.append(contentsOf: n.levels[level]) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","could_reach":"#.utf8)
        if let c = d.couldReach { out.append(contentsOf: n.levels[c]) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","movement":""#.utf8)
        out.append(contentsOf: d.movement.rawValue.utf8)
        out.append(UInt8(ascii: "\""))
        list("fired", d.criterionTruths, .true, n.criteria, &out)
        list("unassessed", d.criterionTruths, .unknown, n.criteria, &out)
        list("triggers", d.triggerTruths, .true, n.triggers, &out)
        list("possible_triggers", d.triggerTruths, .unknown, n.triggers, &out)
        out.append(contentsOf: #","interventions":["#.utf8)
        for (k, i) in d.interventions.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: n.interventions[i])
        }
        out.append(UInt8(ascii: "]"))
        if !d.missingRequired.isEmpty {
            out.append(contentsOf: #","missing_required":["#.utf8)
            for (k, m) in d.missingRequired.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONBytes.appendQuoted(m, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "}\n".utf8)
    }

    private func list(_ key: String, _ truths: [Truth], _ wanted: Truth, _ ids: [[UInt8]], _ out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(key)\":[".utf8)
        var first = true
        for i in truths.indices where truths[i] == wanted {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: ids[i])
        }
        out.append(UInt8(ascii: "]"))
    }
}
