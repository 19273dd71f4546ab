import QAFCheck
import QAFCore
import QAFLoad
import Testing

/// Each pass of the checker run alone on a small policy: one it must reject, with the whole diagnostic, and one it
/// must accept. A rejected text is `accepted` with one line replaced, so every line keeps the number shown here.
@Suite("The checker's passes, one at a time")
struct CheckerPassTests {
    static let file = "demo.yaml"
    static let accepted = """
        policy: 1
        id: demo
        authority: Demo Council
        title: Demo framework
        version: "1"
        source: 000_4d0eb8f41c1d8ba7.txt
        severities: [low, major]
        domains: {quality: Quality}
        parameters:
          many: {value: 2, means: m, source: s}
        interventions:
          escalate: {text: Escalate, source: s}
        routes:
          board: {name: The Board, source: s}
        criteria:
          - id: rated_inadequate
            title: Rated inadequate
            domain: quality
            indicates: major
            when: cqc.overall == inadequate
            because: "CQC rated the service {cqc.overall}"
            source: "s, 1"
        levels:
          - id: 2
            name: High
            label: Major concerns
            when: count(major) >= 1
            interventions: [escalate]
            source: s
          - id: 1
            name: Low
            label: No concerns
            otherwise: true
            source: s
        triggers:
          - id: board_complaints
            title: Complaints at a high level
            when: level == 2 and complaints >= many
            route: board
            urgency: routine
            interventions: [escalate]
            because: "{complaints} complaints"
            source: s
        """

    /// The policy as the loader reads it, with `line` (1-based) replaced; the loader must find nothing wrong.
    static func syntax(replacing line: Int? = nil, with text: String = "") throws -> PolicySyntax {
        var lines = accepted.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let line { lines[line - 1] = text }
        let (syntax, problems) = PolicyReader.read(file: file, text: lines.joined(separator: "\n"))
        #expect(problems.isEmpty, "the loader found: \(problems)")
        return try #require(syntax)
    }

    static let schema = EvidenceSchema.standard

    static func rendered(_ diagnostics: Diagnostics) -> [String] { diagnostics.sorted.map(\.description) }

    // MARK: names

    @Test func namesRejectARepeatedIDAndAParameterNamedLikeEvidence() throws {
        var diagnostics = Diagnostics()
        _ = NamePass(schema: Self.schema).run(try Self.syntax(replacing: 30, with: "  - id: 2"), into: &diagnostics)
        #expect(Self.rendered(diagnostics) == ["demo.yaml:30:9: error: level '2' is defined twice"])

        diagnostics = Diagnostics()
        let clash = try Self.syntax(replacing: 10, with: "  complaints: {value: 2, means: m, source: s}")
        _ = NamePass(schema: Self.schema).run(clash, into: &diagnostics)
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:10:3: error: parameter 'complaints' has the name of an evidence field; choose another name"
            ])

        diagnostics = Diagnostics()
        _ = NamePass(schema: Self.schema).run(try Self.syntax(replacing: 7, with: "severities: []"), into: &diagnostics)
        #expect(Self.rendered(diagnostics) == ["demo.yaml:2:5: error: 'severities' must name at least one severity"])
    }

    @Test func namesAcceptEachIDOnceAndHandOnTheirTables() throws {
        var diagnostics = Diagnostics()
        let names = NamePass(schema: Self.schema).run(try Self.syntax(), into: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(names.severities == ["low": 0, "major": 1])
        #expect(names.domains == ["quality": 0])
        #expect(names.interventions == ["escalate": 0])
        #expect(names.routes == ["board": 0])
        #expect(names.criteria == ["rated_inadequate": 0])
        #expect(names.parameterScope.parameters == ["many": .number(2)])
    }

    // MARK: references

    @Test func referencesRejectAnUndefinedDomainSeverityInterventionAndRequiredField() throws {
        let policy = try Self.syntax()
        var names = Diagnostics()
        let declared = NamePass(schema: Self.schema).run(policy, into: &names)
        #expect(names.isEmpty)
        let cases: [(line: Int, text: String, expected: String)] = [
            (18, "    domain: qualty", "demo.yaml:18:13: error: undefined domain 'qualty'; did you mean 'quality'?"),
            (19, "    indicates: majr", "demo.yaml:19:16: error: undefined severity 'majr'; did you mean 'major'?"),
            (
                28, "    interventions: [escalat]",
                "demo.yaml:28:21: error: undefined intervention 'escalat'; did you mean 'escalate'?"
            ),
            (
                22, "    source: \"seeds/000_4d0eb8f41c1d8ba7.txt, 1\"",
                "demo.yaml:16:9: error: 'rated_inadequate' cites a path; cite the seed file by name and section"
            ),
            (
                6, "requires: [complaint]\nsource: 000_4d0eb8f41c1d8ba7.txt",
                "demo.yaml:6:12: error: 'requires' names an unknown evidence field 'complaint'; did you mean 'complaints'?"
            ),
        ]
        for (line, text, expected) in cases {
            var diagnostics = Diagnostics()
            _ = ReferencePass(schema: Self.schema).run(
                try Self.syntax(replacing: line, with: text), declared, into: &diagnostics)
            #expect(Self.rendered(diagnostics) == [expected], "line \(line): \(text)")
        }
    }

    @Test func referencesAcceptDeclaredNamesAndResolveThemToPositions() throws {
        let policy = try Self.syntax()
        var diagnostics = Diagnostics()
        let declared = NamePass(schema: Self.schema).run(policy, into: &diagnostics)
        let resolved = ReferencePass(schema: Self.schema).run(policy, declared, into: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(resolved.criteria.map(\.domain) == [0])
        #expect(resolved.criteria.map(\.severity) == [1])  // major is the second severity
        #expect(resolved.levelInterventions == [[0], []])
        #expect(resolved.requires == [])
    }

    // MARK: levels

    @Test func levelsRejectAFallbackThatIsNotLast() throws {
        var diagnostics = Diagnostics()
        _ = LevelPass().run(try Self.syntax(replacing: 27, with: "    otherwise: true"), into: &diagnostics)
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:24:5: error: only the last level may be 'otherwise: true'; levels are tried in order and the first that holds is the level"
            ])

        diagnostics = Diagnostics()
        _ = LevelPass().run(try Self.syntax(replacing: 33, with: "    when: complaints >= 1"), into: &diagnostics)
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:30:5: error: the last level must be 'otherwise: true' (the level when no other holds)"
            ])
    }

    @Test func levelsAcceptAnOrderEndingInTheFallback() throws {
        var diagnostics = Diagnostics()
        let order = LevelPass().run(try Self.syntax(), into: &diagnostics)
        #expect(diagnostics.isEmpty)
        // Ordinals count up from the fallback: level 1 is 0, level 2 (written first, the most serious) is 1.
        #expect(order.decided == [.number(2): 1, .number(1): 0])
        #expect(order.previous == [.number(2): 1, .number(1): 0])
    }

    // MARK: types

    func typed(_ policy: PolicySyntax, _ diagnostics: inout Diagnostics) -> TypedConditions {
        var earlier = Diagnostics()
        let names = NamePass(schema: Self.schema).run(policy, into: &earlier)
        let order = LevelPass().run(policy, into: &earlier)
        #expect(earlier.isEmpty, "earlier passes found: \(earlier)")
        return TypePass(schema: Self.schema).run(policy, names, order, into: &diagnostics)
    }

    @Test func typesRejectAMisspeltValueAndASeverityCountInACriterion() throws {
        var diagnostics = Diagnostics()
        _ = typed(try Self.syntax(replacing: 20, with: "    when: cqc.overall == inadequat"), &diagnostics)
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:20:26: error: 'inadequat' is not a value of cqc_rating; expected one of outstanding, good, requires_improvement, inadequate, not_rated; did you mean 'inadequate'?"
            ])

        diagnostics = Diagnostics()
        _ = typed(try Self.syntax(replacing: 20, with: "    when: count(major) >= 1"), &diagnostics)
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:20:17: error: count(major) counts fired criteria, so it belongs in a level or trigger condition, not in a criterion"
            ])

        // `level` is the decided level: a trigger may read it, a level may not.
        diagnostics = Diagnostics()
        _ = typed(try Self.syntax(replacing: 27, with: "    when: level == 2"), &diagnostics)
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:27:11: error: unknown name 'level': not an evidence field, parameter, criterion or value"
            ])
    }

    @Test func typesAcceptEachConditionInItsScope() throws {
        var diagnostics = Diagnostics()
        let conditions = typed(try Self.syntax(), &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(conditions.criteria.map { $0.when?.fields } == [["cqc.overall"]])
        #expect(conditions.levels.map { $0?.inputs } == [["count(major)"], nil])
        #expect(conditions.criterionFields == [["cqc.overall"]])
        #expect(conditions.thresholds.map { "\($0.owner): \($0.threshold.text)" } == ["level 2: count(major) >= 1"])
    }

    // MARK: triggers

    func checkedTriggers(_ policy: PolicySyntax, _ diagnostics: inout Diagnostics) -> CheckedTriggers {
        var earlier = Diagnostics()
        let names = NamePass(schema: Self.schema).run(policy, into: &earlier)
        let order = LevelPass().run(policy, into: &earlier)
        let typed = TypePass(schema: Self.schema).run(policy, names, order, into: &earlier)
        #expect(earlier.isEmpty, "earlier passes found: \(earlier)")
        return TriggerPass(schema: Self.schema).run(policy, names, order, typed, into: &diagnostics)
    }

    @Test func triggersRejectAnUndefinedRouteOrInterventionAndALevelThatIsNotOne() throws {
        let cases: [(line: Int, text: String, expected: String)] = [
            (39, "    route: bord", "demo.yaml:39:12: error: undefined route 'bord'; did you mean 'board'?"),
            (
                41, "    interventions: [escalte]",
                "demo.yaml:41:21: error: undefined intervention 'escalte'; did you mean 'escalate'?"
            ),
        ]
        for (line, text, expected) in cases {
            var diagnostics = Diagnostics()
            _ = checkedTriggers(try Self.syntax(replacing: line, with: text), &diagnostics)
            #expect(Self.rendered(diagnostics) == [expected], "line \(line): \(text)")
        }
        var diagnostics = Diagnostics()
        _ = checkedTriggers(try Self.syntax(replacing: 38, with: "    when: level == 7"), &diagnostics)
        // Column 20 is the 7 of `    when: level == 7`.
        #expect(
            Self.rendered(diagnostics) == ["demo.yaml:38:20: error: 7 is not a level of this policy; levels are 1, 2"])
    }

    @Test func triggersAcceptARouteInterventionsAndAConditionOnTheDecidedLevel() throws {
        var diagnostics = Diagnostics()
        let checked = checkedTriggers(try Self.syntax(), &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(checked.triggers.map(\.route) == [0])
        #expect(checked.triggers.map(\.interventions) == [[0]])
        #expect(checked.triggers.map { $0.when?.fields } == [["complaints"]])
        #expect(checked.triggers.map { $0.when?.inputs } == [["level"]])
        #expect(checked.triggers.map { $0.because != nil } == [true])
        #expect(
            checked.thresholds.map { "\($0.owner): \($0.threshold.text)" } == [
                "trigger board_complaints: complaints >= many"
            ])
    }

    // MARK: all passes

    @Test func theCheckerReportsWhatEveryPassFoundInPositionOrder() throws {
        var lines = Self.accepted.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[17] = "    domain: qualty"  // references
        lines[19] = "    when: cqc.overall == inadequat"  // types
        lines[29] = "  - id: 2"  // names
        lines[32] = "    when: complaints >= 1"  // levels
        let (syntax, read) = PolicyReader.read(file: Self.file, text: lines.joined(separator: "\n"))
        #expect(read.isEmpty)
        guard case .failure(let diagnostics) = PolicyChecker().check(try #require(syntax)) else {
            Issue.record("a policy with four errors was accepted")
            return
        }
        #expect(
            Self.rendered(diagnostics) == [
                "demo.yaml:18:13: error: undefined domain 'qualty'; did you mean 'quality'?",
                "demo.yaml:20:26: error: 'inadequat' is not a value of cqc_rating; expected one of outstanding, good, requires_improvement, inadequate, not_rated; did you mean 'inadequate'?",
                "demo.yaml:30:5: error: the last level must be 'otherwise: true' (the level when no other holds)",
                "demo.yaml:30:9: error: level '2' is defined twice",
            ])
    }
}
