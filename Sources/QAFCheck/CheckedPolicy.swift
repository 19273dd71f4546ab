import QAFCore
import QAFLoad

/// A policy whose every name is resolved and every expression typed; only this reaches the compiler.
public struct CheckedPolicy: Sendable {
    public var file: String
    public var id: String
    public var authority: String
    public var title: String
    public var version: String
    public var source: String
    public var notes: String?
    public var severities: [String]
    public var domains: [Domain]
    public var parameters: [Parameter]
    public var interventions: [Intervention]
    public var routes: [Route]
    public var criteria: [Criterion]
    public var levels: [Level]
    public var triggers: [Trigger]
    public var requires: [String]
    /// Every threshold of every criterion, level and trigger, for coverage.
    public var thresholds: [OwnedThreshold]

    public var isTriggerLed: Bool { levels.isEmpty }

    public struct OwnedThreshold: Sendable {
        /// "criterion x", "level 3", "trigger y".
        public var owner: String
        public var threshold: Threshold
    }

    public struct Domain: Sendable {
        public var id: String
        public var name: String
    }

    public struct Parameter: Sendable {
        public var name: String
        public var value: ParameterValue
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
        public var when: TypedExpression
        public var whenText: String
        public var because: TypedTemplate
        public var source: String
        public var note: String?
        /// The evidence paths its condition reads.
        public var fields: [String]
        public var location: SourceLocation
    }

    public struct Level: Sendable {
        public var id: LevelID
        public var name: String
        public var label: String
        /// nil for the fallback level.
        public var when: TypedExpression?
        public var whenText: String?
        public var interventions: [Int]
        public var review: (by: String, every: String)?
        public var source: String
    }

    public struct Trigger: Sendable {
        public var id: String
        public var title: String
        public var when: TypedExpression
        public var whenText: String
        public var route: Int
        public var urgency: Urgency
        public var interventions: [Int]
        public var because: TypedTemplate?
        public var source: String
        public var fields: [String]
        /// What it reads besides evidence: `level`, `count(major)`, criterion ids.
        public var inputs: [String] = []
    }
}
