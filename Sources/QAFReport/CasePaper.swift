import QAFCompile
import QAFCore
import QAFEvaluate

/// One decision in plain words, as a meeting reads it: the level and its status, the movement, each fact once
/// with the criteria it meets, the evidence to gather grouped by field, the interventions (provisional while
/// evidence is missing) and the triggers by urgency. The text, Markdown and HTML papers all render this.
public struct CasePaper: Sendable {
    public struct PolicyFooter: Sendable {
        public var id: String
        public var title: String
        public var authority: String
        public var version: String
        public var file: String
        /// SHA-256 of the policy file as read, in hex; empty when the text is not known.
        public var digest: String

        public init(_ p: PolicyModel, digest: String) {
            id = p.id
            title = p.title
            authority = p.authority
            version = p.version
            file = p.file
            self.digest = digest
        }
    }

    public struct CriterionRef: Sendable {
        public var id: String
        public var title: String
        public var severity: String
        public var source: String
    }

    /// A fact and the criteria it meets; a less serious criterion reading only facts already stated is listed
    /// under the first one instead of repeating them.
    public struct Reason: Sendable {
        public var fact: String
        /// Where the evidence it quotes came from, when the evidence says (`provenance:`).
        public var sources: [String]
        public var criterion: CriterionRef
        public var alsoMeets: [CriterionRef]
    }

    /// A field of evidence that is missing, with what gathering it would settle.
    public struct Gather: Sendable {
        public var field: String
        public var path: String
        public var criteria: [CriterionRef]
        public var triggers: [String]
    }

    public struct Trigger: Sendable {
        public var id: String
        public var title: String
        public var urgency: Urgency
        public var route: String
        public var because: String
        public var source: String
        /// Where the evidence it read came from, when the evidence says (`provenance:`).
        public var sources: [String]
    }

    public struct PossibleTrigger: Sendable {
        public var id: String
        public var title: String
        public var urgency: Urgency
        public var route: String
    }

    public struct Intervention: Sendable {
        public var id: String
        public var text: String
        /// For a provisional one: whether the level missing evidence could reach brings it too.
        public var holdsHigher = true
    }

    public var providerName: String?
    public var providerID: String
    public var evidence: String?
    public var asOf: String
    public var policy: PolicyFooter
    /// "Level 2 — Medium: Moderate concerns"; nil when no level is given.
    public var level: String?
    /// How sure the level is, in a sentence.
    public var status: String
    public var statusKind: Decision.Status
    public var isTriggerLed: Bool
    /// The level's rank from the least serious (1) up, and the number of levels, for the level scale.
    public var levelRank: Int?
    public var couldReachRank: Int?
    public var previousRank: Int?
    public var levelNames: [String]
    public var movement: String?
    /// What the evidence says that the decision cannot take at its word (a previous level that is not a level, a
    /// date after `as_of`).
    public var warnings: [String]
    public var reasons: [Reason]
    public var gather: [Gather]
    public var triggers: [Trigger]
    public var possibleTriggers: [PossibleTrigger]
    /// The level's interventions when the level is settled.
    public var settled: [Intervention]
    /// Interventions the fired triggers bring (and the level does not, or not yet for certain).
    public var fromTriggers: [Intervention]
    /// The interventions of the proven level while missing evidence could raise it; those the higher level does not
    /// bring ("No further action" beside a possible level 3) are never shown as settled.
    public var provisional: [Intervention]
    /// The level missing evidence could reach, for the provisional interventions' note.
    public var couldReach: String?
    public var review: String?

    public var providerTitle: String { providerName ?? providerID }

    public init(_ d: Decision, digest: String? = nil) {
        let p = d.model
        providerName = d.providerName
        providerID = d.providerID
        evidence = d.origin?.description
        asOf = Day.format(d.asOf)
        policy = PolicyFooter(p, digest: digest ?? PolicyDigest.sha256(d.policy))
        isTriggerLed = p.isTriggerLed
        statusKind = d.status
        let top = p.levels.count
        levelNames = p.levels.reversed().map { LevelWords.id($0) }
        levelRank = d.level.map { top - $0 }
        couldReachRank = d.couldReach.map { top - $0 }
        let previous = d.previousLevel.flatMap { id in p.levels.firstIndex { $0.id.description == id } }
        previousRank = previous.map { top - $0 }
        level = d.levelValue.map(LevelWords.full)
        status = Self.status(d)
        movement = Self.movement(d, previous: previous.map { p.levels[$0] })
        warnings = d.warnings

        func ref(_ i: Int) -> CriterionRef {
            let c = p.criteria[i]
            return CriterionRef(
                id: c.id, title: c.title, severity: ValueWords.label(p.severities[c.severity]), source: c.source)
        }
        // Most serious first; a criterion whose facts an earlier reason already states joins that reason: the same
        // sentence, or only scalar fields an earlier one read (a list's entries differ from condition to condition,
        // so a criterion reading a list always states its own fact).
        let schema = d.policy.schema
        func isList(_ path: String) -> Bool { path.contains("[].") || schema.lists[path] != nil }
        var reasons: [Reason] = []
        var readBy: [Set<String>] = []
        for f in d.fired.sorted(by: { p.criteria[$0.index].severity > p.criteria[$1.index].severity }) {
            let fields = Set(p.criteria[f.index].fields)
            let scalarOnly = !fields.isEmpty && !fields.contains(where: isList)
            if let j = reasons.indices.first(where: {
                reasons[$0].fact == f.because || (scalarOnly && fields.isSubset(of: readBy[$0]))
            }) {
                reasons[j].alsoMeets.append(ref(f.index))
            } else {
                reasons.append(
                    Reason(
                        fact: f.because, sources: d.sources(ofCriterion: f.index), criterion: ref(f.index),
                        alsoMeets: []))
                readBy.append(fields)
            }
        }
        self.reasons = reasons

        var gather: [Gather] = []
        func add(_ path: String, criterion: CriterionRef? = nil, trigger: String? = nil) {
            let list = ValueWords.listPath(path)
            let i: Int
            if let found = gather.firstIndex(where: { $0.path == list }) {
                i = found
            } else {
                gather.append(
                    Gather(
                        field: ValueWords.field(list, schema: d.policy.schema), path: list, criteria: [], triggers: []))
                i = gather.count - 1
            }
            if let criterion, !gather[i].criteria.contains(where: { $0.id == criterion.id }) {
                gather[i].criteria.append(criterion)
            }
            if let trigger, !gather[i].triggers.contains(trigger) { gather[i].triggers.append(trigger) }
        }
        for u in d.unassessed { for path in u.needs { add(path, criterion: ref(u.index)) } }
        let possible = d.possibleTriggers
        // A trigger is listed beside the fields it reads itself; one on the level waits on every criterion above.
        for t in possible {
            for path in t.needs where p.triggers[t.index].fields.contains(path) {
                add(path, trigger: p.triggers[t.index].title)
            }
        }
        self.gather = gather

        triggers = d.triggers.map { t in
            let trigger = p.triggers[t.index]
            return Trigger(
                id: trigger.id, title: trigger.title, urgency: trigger.urgency, route: p.routes[trigger.route].name,
                because: t.because ?? "", source: trigger.source, sources: d.sources(ofTrigger: t.index))
        }.sorted { $0.urgency < $1.urgency }
        possibleTriggers = possible.map { t in
            let trigger = p.triggers[t.index]
            return PossibleTrigger(
                id: trigger.id, title: trigger.title, urgency: trigger.urgency, route: p.routes[trigger.route].name)
        }.sorted { $0.urgency < $1.urgency }

        func intervention(_ i: Int) -> Intervention {
            Intervention(id: p.interventions[i].id, text: p.interventions[i].text)
        }
        let fromTriggers = Set(d.triggerIndices.flatMap { p.triggers[$0].interventions })
        let fromLevel = Set(d.levelValue?.interventions ?? [])
        // The level is open while evidence could raise it: its interventions are provisional, and those the higher
        // levels it could reach do not bring are not to be read as settled.
        let reachable = d.couldReach.map { reach in
            Set((reach..<(d.level ?? reach)).flatMap { p.levels[$0].interventions })
        }
        var settled: [Intervention] = [], triggered: [Intervention] = [], provisional: [Intervention] = []
        for i in d.interventions {
            if fromLevel.contains(i), let reachable, !fromTriggers.contains(i) {
                var item = intervention(i)
                item.holdsHigher = reachable.contains(i)
                provisional.append(item)
            } else if fromLevel.contains(i), reachable == nil {
                settled.append(intervention(i))
            } else if fromTriggers.contains(i) {
                triggered.append(intervention(i))
            }
        }
        self.settled = settled
        self.fromTriggers = triggered
        self.provisional = provisional
        couldReach = d.couldReachValue.map(LevelWords.short)
        review = d.levelValue?.review.map { "\($0.by); \($0.every)" }
    }

    static func status(_ d: Decision) -> String {
        let p = d.model
        switch d.status {
        case .insufficientEvidence:
            let fields = d.missingRequired.map { ValueWords.field($0, schema: d.policy.schema) }
            return "Insufficient evidence: the policy gives no level until it knows "
                + fields.joined(separator: ", ") + "."
        case .complete:
            return p.isTriggerLed
                ? "Complete: this policy gives no level; more evidence could not fire another trigger."
                : "Complete: more evidence could not change the level or the triggers."
        case .incomplete:
            if let higher = d.couldReachValue {
                return "Incomplete: the missing evidence could raise it to \(LevelWords.short(higher)). "
                    + "Missing evidence is never read as no concerns."
            }
            return "Incomplete: the level is settled, but missing evidence could fire a trigger."
        }
    }

    static func movement(_ d: Decision, previous: PolicyModel.Level?) -> String? {
        let before = previous.map(LevelWords.short) ?? d.previousLevel.map { "level \($0)" } ?? ""
        switch d.movement {
        case .none: return nil
        case .escalate: return "Escalates from \(before)."
        case .deEscalate: return "De-escalates from \(before)."
        case .maintain: return "Stays at \(before)."
        case .undetermined: return "Previously \(before); whether it moved waits on the missing evidence."
        }
    }
}

/// How a level of a policy is named on a page.
public enum LevelWords {
    /// "Level 2, Medium" or, for a level named by a word, "Amber, Medium".
    public static func short(_ level: PolicyModel.Level) -> String {
        switch level.id {
        case .number(let n): return "Level \(n), \(level.name)"
        case .word(let w): return "\(ValueWords.label(w)), \(level.name)"
        }
    }

    /// "Level 2" or "Amber": the level alone, for a scale or a table heading.
    public static func id(_ level: PolicyModel.Level) -> String {
        switch level.id {
        case .number(let n): return "Level \(n)"
        case .word(let w): return ValueWords.label(w)
        }
    }

    /// "Level 2, Medium: Moderate concerns".
    public static func full(_ level: PolicyModel.Level) -> String { "\(short(level)): \(level.label)" }
}
