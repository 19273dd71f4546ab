import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate
import Testing

@Suite("Decisions: levels, status, could-reach, triggers, movement")
struct DecisionTests {
    let criteria = [
        criterion(
            "cqc_inadequate", "major", "cqc.overall == inadequate",
            because: "CQC rated {cqc.overall} on {cqc.report_date}"),
        criterion("cqc_ri", "moderate", "cqc.overall == requires_improvement"),
        criterion("complaints_high", "moderate", "complaints >= 3", because: "{complaints} complaints"),
        criterion("cqc_good", "low", "cqc.overall <= good"),
    ].joined(separator: "\n")

    let triggers = """
          - id: harm
            title: Risk of harm
            when: any(events, type == risk_of_harm)
            route: board
            urgency: immediate
            interventions: [escalate]
            because: "{count(events, type == risk_of_harm)} risk-of-harm event(s)"
            source: s
          - id: major_level
            title: Level 3
            when: level == 3
            route: board
            urgency: routine
            because: "{count(major)} major concern(s)"
            source: s
        """

    var policy: CompiledPolicy { get throws { try compiled(policyText(criteria: criteria, triggers: triggers)) } }

    @Test func completeEvidenceGivesACompleteDecision() throws {
        let d = try decide(policy, "cqc: {overall: good}\ncomplaints: 0\nevents: []")
        #expect(d.levelValue?.id.description == "1")
        #expect(d.status == .complete)
        #expect(d.couldReach == nil)
        #expect(firedIDs(d) == ["cqc_good"])
        #expect(triggerIDs(d).isEmpty)
    }

    @Test func majorCriterionGivesLevel3WithReasonsAndTriggers() throws {
        let d = try decide(policy, "cqc: {overall: inadequate, report_date: 2026-05-01}\ncomplaints: 0\nevents: []")
        #expect(d.levelValue?.id.description == "3")
        #expect(d.status == .complete)
        #expect(d.fired.first?.because == "CQC rated inadequate on 2026-05-01")
        #expect(triggerIDs(d) == ["major_level"])
        #expect(d.interventions.map { d.model.interventions[$0].id } == ["escalate"])
    }

    /// The words come from the evaluation that decided, once; a batch writing ids alone asks for none, and gets the
    /// same decision.
    @Test func theEvaluationThatDecidesWordsTheDecision() throws {
        let record = try evidence(
            "cqc: {overall: inadequate, report_date: 2026-05-01}\ncomplaints: 4\nevents: [{type: risk_of_harm}]")
        let evaluator = Evaluator(policy: try policy)
        let idsOnly = evaluator.evaluate(record, words: false)
        let worded = evaluator.evaluate(record)
        #expect(idsOnly.words == nil)
        #expect(idsOnly.level == worded.level && idsOnly.status == worded.status)
        #expect(idsOnly.criterionTruths == worded.criterionTruths && idsOnly.triggerTruths == worded.triggerTruths)
        let words = try #require(worded.words)
        // Worked by hand: inadequate fires cqc_inadequate (major), 4 >= 3 fires complaints_high; one risk_of_harm
        // event fires harm, and the level 3 fires major_level, whose sentence counts the one major concern.
        #expect(words.fired.map(\.because) == ["CQC rated inadequate on 2026-05-01", "4 complaints"])
        #expect(words.triggers.map(\.because) == ["1 risk-of-harm event(s)", "1 major concern(s)"])
        #expect(words.unassessed.isEmpty && words.possibleTriggers.isEmpty && words.evidenceToGather.isEmpty)
    }

    @Test func twoModeratesMakeAMajorConcern() throws {
        let d = try decide(policy, "cqc: {overall: requires_improvement}\ncomplaints: 4\nevents: []")
        #expect(d.levelValue?.id.description == "3")
        #expect(Set(firedIDs(d)) == ["cqc_ri", "complaints_high"])
    }

    @Test func missingEvidenceNeverLowersTheLevel() throws {
        // One moderate known, complaints unknown: level 2 is proven, 3 is possible.
        let d = try decide(policy, "cqc: {overall: requires_improvement}\nevents: []")
        #expect(d.levelValue?.id.description == "2")
        #expect(d.couldReachValue?.id.description == "3")
        #expect(d.status == .incomplete)
        #expect(unassessedIDs(d) == ["complaints_high"])
        #expect(d.unassessed.first?.needs == ["complaints"])
        #expect(d.evidenceToGather.contains("complaints"))
        // The trigger on level 3 is possible, not fired.
        #expect(triggerIDs(d).isEmpty)
        #expect(d.possibleTriggers.map { d.model.triggers[$0.index].id } == ["major_level"])
    }

    @Test func nothingKnownIsNotNoConcerns() throws {
        let d = try decide(policy, "")
        #expect(d.status == .incomplete)
        #expect(d.couldReachValue?.id.description == "3")
        #expect(Set(unassessedIDs(d)) == ["cqc_inadequate", "cqc_ri", "complaints_high", "cqc_good"])
    }

    @Test func requiredEvidenceMissingGivesNoLevel() throws {
        let p = try compiled(policyText(criteria: criteria, triggers: triggers, requires: "requires: [cqc.overall]"))
        let d = try decide(p, "complaints: 0\nevents: [{type: risk_of_harm, date: 2026-09-01}]")
        #expect(d.status == .insufficientEvidence)
        #expect(d.level == nil)
        #expect(d.missingRequired == ["cqc.overall"])
        // A risk of harm is still escalated when the level cannot be given.
        #expect(triggerIDs(d) == ["harm"])
    }

    @Test(arguments: [
        ("cqc: {overall: inadequate}\ncomplaints: 0\nprevious: {level: 2}", Decision.Movement.escalate),
        ("cqc: {overall: good}\ncomplaints: 0\nprevious: {level: 2}", .deEscalate),
        ("cqc: {overall: requires_improvement}\ncomplaints: 0\nprevious: {level: 2}", .maintain),
        ("cqc: {overall: good}\nprevious: {level: 2}", .undetermined),
        ("cqc: {overall: good}\ncomplaints: 0", .none),
    ])
    func movementAgainstPrevious(yaml: String, expected: Decision.Movement) throws {
        #expect(try decide(policy, yaml + "\nevents: []").movement == expected)
    }

    @Test func triggerLedPolicyHasNoLevel() throws {
        let text = policyText(
            criteria: criteria, levels: "",
            triggers: triggers.replacingOccurrences(of: "level == 3", with: "cqc_inadequate")
        )
        .replacingOccurrences(of: "levels:\n", with: "")
        let p = try compiled(text)
        let d = try decide(p, "cqc: {overall: inadequate}\ncomplaints: 0\nevents: []")
        #expect(d.level == nil)
        #expect(d.status == .complete)
        #expect(triggerIDs(d) == ["major_level"])
    }

    @Test func evaluationIsDeterministic() throws {
        let p = try policy
        let record = try evidence(
            "cqc: {overall: requires_improvement}\nevents: [{type: risk_of_harm, date: 2026-09-01}]")
        let a = Evaluator(policy: p).evaluate(record)
        let b = Evaluator(policy: p).evaluate(record)
        #expect(ActualSummary(a) == ActualSummary(b))
    }
}

struct ActualSummary: Equatable {
    var level: Int?, couldReach: Int?, fired: [Int], because: [String], unassessed: [Int], triggers: [Int]
    init(_ d: Decision) {
        level = d.level
        couldReach = d.couldReach
        fired = d.fired.map(\.index)
        because = d.fired.map(\.because)
        unassessed = d.unassessed.map(\.index)
        triggers = d.triggers.map(\.index)
    }
}
