import QAFCore

/// A policy file as written, every part with its place in the file; names are not yet resolved.
public struct PolicySyntax: Sendable {
    public var file: String
    public var id: Located<String>
    public var authority: String
    public var title: String
    public var version: String
    public var source: Located<String>
    public var notes: String?
    public var requires: [Located<String>]
    public var severities: [Located<String>]
    public var domains: [(id: Located<String>, name: String)]
    public var parameters: [ParameterSyntax]
    public var interventions: [InterventionSyntax]
    public var routes: [RouteSyntax]
    public var criteria: [CriterionSyntax]
    public var levels: [LevelSyntax]
    public var triggers: [TriggerSyntax]
    /// Evidence the policy declares for itself (`vocabulary:`), beside the standard vocabulary.
    public var vocabulary = VocabularySyntax()
}

public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case boolean(Bool)

    public var description: String {
        switch self {
        case .number(let n): return NumberText.format(n)
        case .boolean(let b): return String(b)
        }
    }
}

public struct ParameterSyntax: Sendable {
    public var name: Located<String>
    public var value: Located<ParameterValue>
    public var means: String
    public var source: String
}

public struct InterventionSyntax: Sendable {
    public var id: Located<String>
    public var text: String
    public var source: String
}

public struct RouteSyntax: Sendable {
    public var id: Located<String>
    public var name: String
    public var source: String
}

public struct CriterionSyntax: Sendable {
    public var id: Located<String>
    public var title: String
    /// nil where the part was missing or unreadable (already reported); the rest is still checked.
    public var domain: Located<String>?
    public var indicates: Located<String>?
    public var when: SourceSpan?
    public var because: SourceSpan?
    public var source: String
    public var note: String?
}

public struct LevelSyntax: Sendable {
    public var id: Located<LevelID>
    public var name: String
    public var label: String
    public var when: SourceSpan?
    public var otherwise: Bool
    public var interventions: [Located<String>]
    public var review: (by: String, every: String)?
    public var source: String
    public var location: SourceLocation
}

public struct TriggerSyntax: Sendable {
    public var id: Located<String>
    public var title: String
    public var when: SourceSpan?
    public var route: Located<String>?
    public var urgency: Urgency
    public var interventions: [Located<String>]
    public var because: SourceSpan?
    public var source: String
}
