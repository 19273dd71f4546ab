import QAFCheck
import QAFCore

/// What a compiled policy says, in its own words and numbers: every id, name, label, level, urgency, source and
/// condition that decisions and reports show or reason about. The compiler makes it from the checked policy, so
/// the stages after it (evaluate, report) never read the loader's or the checker's types.
public struct PolicyModel: Sendable {
    public var file: String
    public var id: String
    public var authority: String
    public var title: String
    public var version: String
    public var source: String
    public var notes: String?
    /// Severity names in policy order; a criterion's `severity` indexes them.
    public var severities: [String]
    public var domains: [Domain]
    public var parameters: [Parameter]
    public var interventions: [Intervention]
    public var routes: [Route]
    public var criteria: [Criterion]
    /// Most serious first; the last may be the fallback (no condition).
    public var levels: [Level]
    public var triggers: [Trigger]
    /// Evidence without which no level is given.
    public var requires: [String]
    /// Every threshold of every criterion, level and trigger, in the order of `CompiledPolicy.thresholdCode`.
    public var thresholds: [Threshold]

    public var isTriggerLed: Bool { levels.isEmpty }

    public struct Domain: Sendable {
        public var id: String
        public var name: String
    }

    public struct Parameter: Sendable {
        public var name: String
        /// The value as the policy document shows it: `3`, `0.5`, `true`.
        public var value: String
        public var means: String
        public var source: String
    }

    public struct Intervention: Sendable {
        public var id: String
        public var text: String
        public var source: String
    }

    public struct Route: Sendable {
        public var id: String
        public var name: String
        public var source: String
    }

    public struct Criterion: Sendable {
        public var id: String
        public var title: String
        public var domain: Int
        public var severity: Int
        public var whenText: String
        public var source: String
        public var note: String?
        /// The evidence paths its condition reads.
        public var fields: [String]
        public var location: SourceLocation
        package var condition: Condition
    }

    public struct Level: Sendable {
        public var id: LevelID
        public var name: String
        public var label: String
        /// nil for the fallback level.
        public var whenText: String?
        public var interventions: [Int]
        public var review: (by: String, every: String)?
        public var source: String
        package var condition: Condition?
    }

    public struct Trigger: Sendable {
        public var id: String
        public var title: String
        public var whenText: String
        public var route: Int
        public var urgency: Urgency
        public var interventions: [Int]
        public var source: String
        /// The evidence paths its condition reads.
        public var fields: [String]
        /// What it reads besides evidence: `level`, `count(major)`, criterion ids.
        public var inputs: [String]
        package var condition: Condition
    }

    public struct Threshold: Sendable {
        /// "criterion x", "level 3", "trigger y".
        public var owner: String
        /// The comparison as written, e.g. `safeguarding.concerns >= safeguarding_repeated`.
        public var text: String
    }
}

extension PolicyModel {
    /// The model of `checked`, with the conditions `lowering` resolves (numbering text literals in policy order:
    /// criteria, then levels, then triggers).
    init(_ checked: CheckedPolicy, lowering: inout Lowering) {
        file = checked.file
        id = checked.id
        authority = checked.authority
        title = checked.title
        version = checked.version
        source = checked.source
        notes = checked.notes
        severities = checked.severities
        domains = checked.domains.map { Domain(id: $0.id, name: $0.name) }
        parameters = checked.parameters.map {
            Parameter(name: $0.name, value: $0.value.description, means: $0.means, source: $0.source)
        }
        interventions = checked.interventions.map { Intervention(id: $0.id, text: $0.text, source: $0.source) }
        routes = checked.routes.map { Route(id: $0.id, name: $0.name, source: $0.source) }
        criteria = checked.criteria.map { c in
            Criterion(
                id: c.id, title: c.title, domain: c.domain, severity: c.severity, whenText: c.whenText,
                source: c.source, note: c.note, fields: c.fields, location: c.location,
                condition: lowering.condition(c.when))
        }
        levels = checked.levels.map { l in
            Level(
                id: l.id, name: l.name, label: l.label, whenText: l.whenText, interventions: l.interventions,
                review: l.review, source: l.source, condition: l.when.map { lowering.condition($0) })
        }
        triggers = checked.triggers.map { t in
            Trigger(
                id: t.id, title: t.title, whenText: t.whenText, route: t.route, urgency: t.urgency,
                interventions: t.interventions, source: t.source, fields: t.fields, inputs: t.inputs,
                condition: lowering.condition(t.when))
        }
        requires = checked.requires
        thresholds = checked.thresholds.map { Threshold(owner: $0.owner, text: $0.threshold.text) }
    }
}
