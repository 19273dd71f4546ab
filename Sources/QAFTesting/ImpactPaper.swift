import QAFCheck
import QAFCompile
import QAFCore
import QAFLoad
import QAFReport

/// The impact paper of `qaf diff`: what changed in the policy in words, the level transition matrix, the providers
/// who move and why, and the triggers and interventions gained or lost by title; in Markdown and HTML.
public struct ImpactPaper: Sendable {
    public struct Mover: Sendable {
        public var provider: String
        public var evidence: String
        public var from: String
        public var to: String
        public var reasons: [String]
    }

    public struct Count: Sendable {
        public var id: String
        public var title: String
        public var providers: Int
    }

    public let header: ImpactReport.Header
    public let policyTitle: String
    public let oldDigest: String
    public let newDigest: String
    public let changes: PolicyChangeWords
    /// Level ids as in the impact, with the words a row or column heading shows.
    public let levels: [(id: String, words: String)]
    public let matrix: [String: [String: Int]]
    public let providers: Int
    public let movers: [Mover]
    public let otherChanges: [Mover]
    public let triggersGained: [Count]
    public let triggersLost: [Count]
    public let interventionsGained: [Count]
    public let interventionsLost: [Count]

    public init(_ header: ImpactReport.Header, old: CompiledPolicy, new: CompiledPolicy, impact: Impact) {
        self.header = header
        let o = old.model, n = new.model
        policyTitle = n.title
        oldDigest = PolicyDigest.sha256(old)
        newDigest = PolicyDigest.sha256(new)
        changes = PolicyChangeWords(old: o, new: n)
        let levelWords: [(id: String, words: String)] = impact.levels.map { id in
            if id == "none" { return (id, "No level") }
            let level = n.levels.first { $0.id.description == id } ?? o.levels.first { $0.id.description == id }
            return (id, level.map(LevelWords.id) ?? id)
        }
        levels = levelWords
        matrix = impact.matrix
        providers = impact.providers
        func words(_ id: String) -> String { levelWords.first { $0.id == id }?.words ?? id }
        func criterion(_ id: String, in p: PolicyModel) -> String { p.criteria.first { $0.id == id }?.title ?? id }
        func trigger(_ id: String, in p: PolicyModel) -> String { p.triggers.first { $0.id == id }?.title ?? id }
        let all = impact.changes.map { c in
            var reasons =
                c.criteriaGained.map { "Now meets: \(criterion($0, in: n))" }
                + c.criteriaLost.map { "No longer meets: \(criterion($0, in: o))" }
                + c.triggersGained.map { "Trigger now fires: \(trigger($0, in: n))" }
                + c.triggersLost.map { "Trigger no longer fires: \(trigger($0, in: o))" }
            if c.moved, c.criteriaGained.isEmpty, c.criteriaLost.isEmpty {
                reasons.append(
                    "The same criteria hold; with the changes above, the level rule now gives \(words(c.to))")
            }
            return Mover(
                provider: c.provider, evidence: c.origin, from: words(c.from), to: words(c.to), reasons: reasons)
        }
        movers = zip(impact.changes, all).filter { $0.0.moved }.map(\.1)
        otherChanges = zip(impact.changes, all).filter { !$0.0.moved }.map(\.1)
        func counts(_ table: [String: Int], _ title: (String) -> String) -> [Count] {
            table.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                Count(id: $0.key, title: title($0.key), providers: $0.value)
            }
        }
        triggersGained = counts(impact.triggersGained) { trigger($0, in: n) }
        triggersLost = counts(impact.triggersLost) { trigger($0, in: o) }
        interventionsGained = counts(impact.interventionsGained) { id in
            n.interventions.first { $0.id == id }?.text ?? id
        }
        interventionsLost = counts(impact.interventionsLost) { id in o.interventions.first { $0.id == id }?.text ?? id }
    }

    var moving: Int { movers.count }

    /// The part of the matrix that has rows: levels some provider was at before.
    var rows: [(id: String, words: String)] { levels.filter { matrix[$0.id] != nil } }

    func cell(_ from: String, _ to: String) -> Int { matrix[from]?[to] ?? 0 }

    /// Rank of a level id in the matrix order (0 the most serious), to tell a move up from a move down.
    func order(_ id: String) -> Int { levels.firstIndex { $0.id == id } ?? levels.count }
}
