import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport
import QAFTesting
import Testing

/// The language's answers that were wrong once (issue 9), each worked out by hand from the language document.
@Suite("The language means what it says: membership, text, precise unknowns, durations, division")
struct SemanticsTests {
    /// A decision on evidence that may give its own `provider` (the shared helper always writes one).
    func decideWithProvider(_ policy: CompiledPolicy, _ yaml: String) throws -> Decision {
        let provider = yaml.contains("provider:") ? "" : "provider: {id: T}\n"
        let text = "evidence: 1\nas_of: 2026-10-01\n" + provider + yaml
        return Evaluator(policy: policy).evaluate(try EvidenceReader().read(file: "evidence.yaml", text: text).get())
    }

    /// The truth of `when` for one evidence snippet, and what its criterion asks to gather when unknown.
    func outcome(_ when: String, _ yaml: String) throws -> (truth: String, needs: [String]) {
        let p = try compiled(policyText(criteria: criterion("c", "major", when)))
        let d = try decideWithProvider(p, yaml)
        let truth = !d.fired.isEmpty ? "true" : !d.unassessed.isEmpty ? "unknown" : "false"
        return (truth, d.unassessed.first?.needs ?? [])
    }

    @Test(arguments: [
        // `in` over numbers compares values, not bits of an enum mask.
        ("complaints in [32]", "complaints: 1000", "false"),
        ("complaints in [32]", "complaints: 32", "true"),
        ("complaints in [0, 1000]", "complaints: 1000", "true"),
        ("safeguarding.expected in [1]", "safeguarding: {expected: 1.5}", "false"),
        ("safeguarding.expected in [1]", "safeguarding: {expected: 1}", "true"),
        ("safeguarding.expected in [1.5]", "safeguarding: {expected: 1.5}", "true"),
        ("complaints in [64, 65]", "complaints: 0", "false"),
        ("complaints in [5]", "", "unknown"),
        ("provider.size in [complaints]", "provider: {id: x, size: 3}\ncomplaints: 3", "true"),
    ])
    func membershipOnNumbersComparesValues(when: String, yaml: String, expected: String) throws {
        #expect(try outcome(when, yaml).truth == expected)
    }

    @Test(arguments: [
        // Text compares by the text, whichever field or literal it comes from.
        ("provider.id == provider.name", "provider: {id: Same, name: Same}", "true"),
        ("provider.id != provider.name", "provider: {id: Same, name: Same}", "false"),
        ("provider.id == provider.name", "provider: {id: Same, name: Other}", "false"),
        ("provider.name == \\\"Oakfield\\\"", "provider: {id: x, name: Oakfield}", "true"),
        ("provider.name == \\\"Oakfield\\\"", "provider: {id: x, name: Oakfield House}", "false"),
        ("\\\"Oakfield\\\" != provider.name", "provider: {id: x, name: Oakfield}", "false"),
        ("provider.name in [\\\"Brook\\\", \\\"Oakfield\\\"]", "provider: {id: x, name: Oakfield}", "true"),
        ("provider.name in [\\\"Brook\\\", \\\"Oak\\\"]", "provider: {id: x, name: Oakfield}", "false"),
        ("provider.name == \\\"Oakfield\\\"", "", "unknown"),
        ("any(mdra.ratings, partner == \\\"cqc\\\")", "mdra: {ratings: [{partner: icb, rating: red}]}", "false"),
        (
            "any(mdra.ratings, partner == \\\"cqc\\\")",
            "mdra: {ratings: [{partner: icb, rating: red}, {partner: cqc, rating: green}]}", "true"
        ),
        (
            "any(mdra.ratings, partner == provider.name)",
            "provider: {id: x, name: cqc}\nmdra: {ratings: [{partner: cqc}]}", "true"
        ),
    ])
    func textComparesText(when: String, yaml: String, expected: String) throws {
        #expect(try outcome(when, yaml).truth == expected)
    }

    @Test func aCriterionAsksOnlyForEvidenceThatCouldChangeItsAnswer() throws {
        let when = "(whistleblowing > 1 and complaints > 5000) or professional_concerns > 1"
        let p = try compiled(policyText(criteria: criterion("c", "major", when)))
        let d = try decide(p, "complaints: 1000")
        #expect(unassessedIDs(d) == ["c"])
        #expect(d.unassessed.map(\.needs) == [["professional_concerns"]])
        #expect(d.evidenceToGather == ["professional_concerns"])
        // With nothing known, each side could still decide it.
        let none = try decide(p, "")
        #expect(none.unassessed.map(\.needs) == [["whistleblowing", "complaints", "professional_concerns"]])
    }

    @Test(arguments: [
        // A known element settles `any`; the unknown ones are what is left to ask for.
        (
            "any(events, type == risk_of_harm)", "events: [{type: police_incident}, {date: 2026-01-01}]",
            ["events[].type"]
        ),
        ("any(events, type == risk_of_harm)", "", ["events"]),
        ("count(events) > 2 or complaints > 3", "complaints: 1", ["events"]),
        ("complaints > 3 and (whistleblowing > 1 or safeguarding.theme)", "complaints: 9\nwhistleblowing: 5", []),
        ("not (complaints > 3 and whistleblowing > 1)", "complaints: 9", ["whistleblowing"]),
        ("complaints + whistleblowing > 3", "complaints: 9", ["whistleblowing"]),
    ])
    func unknownsArePrecise(when: String, yaml: String, needs: [String]) throws {
        let (truth, asked) = try outcome(when, yaml)
        #expect(asked == needs)
        #expect(truth == (needs.isEmpty ? "true" : "unknown"))
    }

    @Test func aTriggerOnTheLevelAsksForWhatCouldMoveTheLevel() throws {
        let triggers = """
              - id: t
                title: t
                when: level == 3
                route: board
                urgency: routine
                because: x
                source: s
            """
        let p = try compiled(
            policyText(
                criteria: criterion("a", "major", "complaints > 5") + "\n"
                    + criterion("b", "moderate", "whistleblowing > 1"),
                triggers: triggers))
        let d = try decide(p, "whistleblowing: 2")
        #expect(d.possibleTriggers.map(\.needs) == [["complaints"]])
        #expect(d.evidenceToGather == ["complaints"])
    }

    @Test(arguments: [
        (
            "months(1.5)", "cqc.report_date + months(1.5) < as_of", 25,
            "months(n) takes a whole number of months up to 36524250, not 1.5"
        ),
        (
            "days(0.5)", "cqc.report_date - days(0.5) < as_of", 23,
            "days(n) takes a whole number of days up to 36524250, not 0.5"
        ),
        ("months(p)", "cqc.report_date + months(many) < as_of", 0, ""),
        ("months(count)", "cqc.report_date + months(complaints * 2 - count(events)) < as_of", 0, ""),
        (
            "months(number)", "cqc.report_date + months(safeguarding.expected) < as_of", 25,
            "months(n) takes a whole number of months, but 'safeguarding.expected' may be a fraction; use a count or a whole number"
        ),
        (
            "months(division)", "cqc.report_date + months(complaints / 2) < as_of", 25,
            "months(n) takes a whole number of months, but 'complaints / 2' may be a fraction; use a count or a whole number"
        ),
        ("divide by 0", "complaints / 0 > 1", 13, "division by zero: '0' is always 0"),
        ("divide by (2 - 2)", "complaints / (2 - 2) > 1", 13, "division by zero: '(2 - 2)' is always 0"),
    ])
    func durationsAreWholeAndDivisorsNeverLiterallyZero(name: String, when: String, column: Int, message: String)
        throws
    {
        let result = compile(policyText(criteria: criterion("c", "major", when)))
        let found = problems(result)
        if message.isEmpty {
            #expect(found.isEmpty, "\(name)")
            return
        }
        // The criterion's `when` is on line 21, its text starting at column 12 after `when: "`; `column` is the
        // offset of the problem in the expression.
        #expect(found == ["21:\(12 + column): \(message)"], "\(name)")
    }

    @Test func aFractionOfAParameterIsRefusedWhereTheParameterIsUsed() throws {
        let text = policyText(
            criteria: criterion("c", "major", "cqc.report_date + months(half) < as_of"),
            parameters: "  half: {value: 1.5, means: m, source: s}\n  many: {value: 2, means: m, source: s}")
        #expect(
            problems(compile(text)) == [
                "22:37: months(n) takes a whole number of months up to 36524250, not 1.5"
            ])
    }

    @Test func divisionByAZeroValueIsUnknownAndNamesTheValue() throws {
        let (truth, needs) = try outcome("complaints / provider.size > 1", "provider: {id: x, size: 0}\ncomplaints: 4")
        #expect(truth == "unknown")
        #expect(needs == ["provider.size"])
        #expect(
            try outcome("complaints / provider.size > 1", "provider: {id: x, size: 2}\ncomplaints: 4").truth == "true")
    }

    @Test(arguments: [
        // Zero times a number that could be anything is not known to be zero; a range times zero is.
        ("complaints * 0 == 0", "", "unknown"),
        ("count(events) * 0 == 0", "", "true"),
        ("count(events) >= 0", "", "true"),
        // Far out of range: no crash, and a date beyond the calendar is unknown.
        (
            "cqc.report_date + months(complaints) > as_of", "cqc: {report_date: 2026-01-01}\ncomplaints: 1000000000000",
            "unknown"
        ),
        (
            "cqc.report_date + days(complaints) > as_of", "cqc: {report_date: 2026-01-01}\ncomplaints: 1000000000000",
            "true"
        ),
        (
            "months_since(cqc.report_date + days(complaints)) > 1",
            "cqc: {report_date: 2026-01-01}\ncomplaints: 1000000000000", "unknown"
        ),
        ("complaints * complaints * complaints > 1", "complaints: 1000000000000", "true"),
    ])
    func arithmeticStaysSound(when: String, yaml: String, expected: String) throws {
        #expect(try outcome(when, yaml).truth == expected)
    }

    @Test func aFailingTriggerOnTheLevelSaysWhatItRead() throws {
        let triggers = """
              - id: t
                title: t
                when: level == 3
                route: board
                urgency: routine
                because: x
                source: s
            """
        let p = try compiled(policyText(criteria: criterion("b", "moderate", "whistleblowing > 1"), triggers: triggers))
        let suite = try FixtureSuiteLoader.load(
            file: "demo.tests.yaml",
            text: """
                suite: 1
                policy: demo
                cases:
                  - name: level_two
                    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: T}, whistleblowing: 2}
                    expect: {triggers: [t]}
                """
        ).get()
        let results = FixtureRunner(policy: p).run(suite)
        #expect(
            results.map(\.mismatches) == [
                ["trigger t was expected to fire but did not: when level == 3 — read level = 2"]
            ])
    }

    @Test func theExplanationNamesTheLevelATriggerRead() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let record = try EvidenceReader().read(
            file: "salford-moderate.yaml", text: try FileText.read(path("Examples/salford-moderate.yaml")).get()
        ).get()
        let d = Evaluator(policy: policy).evaluate(record)
        #expect(d.levelValue?.id.description == "2")
        let text = Explanation.render(d, record: record)
        let trigger = policy.model.triggers.firstIndex { $0.whenText.contains("level == 3") }!
        #expect(d.readings(ofTrigger: trigger).last == "level = 2")
        #expect(text.contains("\n      level = 2\n"))
    }

    @Test func aBecauseSentenceShowsTextLiteralsAndTextFields() throws {
        let p = try compiled(
            policyText(
                criteria: criterion(
                    "c", "major", "provider.name != \\\"x\\\"", because: "{provider.name} is not {\\\"x\\\"}")))
        let d = try decideWithProvider(p, "provider: {id: T, name: Oakfield}")
        #expect(d.fired.map(\.because) == ["Oakfield is not x"])
    }
}

extension SemanticsTests {
    /// Herefordshire's "newly identified" trigger reads previous.since only behind `not exists(previous.level) or …`,
    /// which is already true when there is no previous level: only what could move the level to 3 is asked for.
    @Test func aSettledDisjunctionAsksNothingOfItsOtherSide() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/herefordshire.yaml")).get()
        let file = path("Examples/salford-missing-evidence.yaml")
        let record = try EvidenceReader().read(file: file, text: try FileText.read(file).get()).get()
        let d = Evaluator(policy: policy).evaluate(record)
        let trigger = policy.model.triggers.firstIndex { $0.whenText.contains("previous.since") }!
        let needs = try #require(d.possibleTriggers.first { $0.index == trigger }).needs
        // Worked by hand: `not exists(previous.level)` settles the disjunction (no previous level), so only
        // `level == 3` is open; level 3 is `count(major) >= 1` (herefordshire.yaml, levels), and the major criteria
        // left unknown are cqc_ri_all_areas (the five key questions) and quality_concerns_repeated_theme (count,
        // theme). Nothing the disjunction's dates read is asked for.
        #expect(
            needs == [
                "cqc.key_questions.safe", "cqc.key_questions.effective", "cqc.key_questions.caring",
                "cqc.key_questions.responsive", "cqc.key_questions.well_led", "quality_concerns.count",
                "quality_concerns.theme",
            ])
        #expect(!needs.contains("previous.since"))
        #expect(!d.evidenceToGather.contains("previous.since"))
    }
}
