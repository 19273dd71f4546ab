import QAFCore
import QAFLoad

/// A policy's fixture suite: evidence cases with the outcome the policy owner expects.
public struct FixtureSuite: Sendable {
    public var file: String
    public var policy: Located<String>
    public var cases: [FixtureCase]
}

public struct FixtureCase: Sendable {
    public var name: Located<String>
    public var description: String?
    public var evidence: EvidenceRecord
    public var evidenceOrigin: EvidenceOrigin
    public var expect: Expectation
    public var location: SourceLocation
}

/// What a case expects; a key left out is not checked.
public struct Expectation: Sendable {
    /// `.some(nil)` expects no level (insufficient evidence, or a trigger-led policy).
    public var level: Located<LevelID?>?
    public var status: Located<String>?
    public var couldReach: Located<LevelID?>?
    public var fired: Located<[Located<String>]>?
    public var unassessed: Located<[Located<String>]>?
    public var triggers: Located<[Located<String>]>?
    public var interventions: Located<[Located<String>]>?
    public var movement: Located<String>?
    /// Where the `expect:` mapping is and how it is written, for `qaf test --update`.
    public var location: SourceLocation?
    public var isFlow = false
    /// The keys written, in order, so an update rewrites just those.
    public var keys: [String] = []

    public init() {}
}
