import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import Testing

/// Issue 14, points 15-17: previous levels per policy, previous levels that are not levels, facts dated after
/// `as_of`, and citations of the source documents only.
@Suite("Fidelity: previous levels, dates after as_of, citations")
struct FidelityTests {
    func policy(_ name: String) throws -> CompiledPolicy {
        let file = path("Policies/\(name).yaml")
        return try PolicyCompiler.compile(file: file, text: String(contentsOfFile: file, encoding: .utf8)).get()
    }

    @Test func point15PreviousLevelNotALevelIsWarnedAndGivesNoMovement() throws {
        let d = Evaluator(policy: try policy("calderdale")).evaluate(try evidence("previous: {level: 3}"))
        #expect(d.movement == .none)
        #expect(
            d.warnings == [
                "previous.level '3' is not a level of policy calderdale (levels: red, amber, green); movement is none"
            ])
    }

    @Test func point15PreviousLevelOfTriggerLedPolicyIsWarned() throws {
        let d = Evaluator(policy: try policy("bath-and-north-east-somerset")).evaluate(
            try evidence("previous: {level: 7}"))
        #expect(
            d.warnings == [
                "previous.level '7' is not a level of policy bath_and_north_east_somerset, which gives no levels "
                    + "(trigger-led); movement is none"
            ])
    }

    @Test func point15AWordLevelNearAnIdGetsASuggestion() throws {
        let d = Evaluator(policy: try policy("calderdale")).evaluate(try evidence("previous: {level: ambre}"))
        #expect(
            d.warnings == [
                "previous.level 'ambre' is not a level of policy calderdale (levels: red, amber, green); movement is "
                    + "none; did you mean 'amber'?"
            ])
    }

    @Test func point15PreviousLevelsPerPolicyGiveEachPolicyItsOwnMovement() throws {
        let yaml = """
            engagement: not_engaged
            previous: {level: 2, herefordshire: {level: 3, since: 2026-04-01}, calderdale: {level: green}}
            """
        let record = try evidence(yaml)
        #expect(record.previousByPolicy.map(\.policy) == ["herefordshire", "calderdale"])
        #expect(record.previousByPolicy.map(\.level) == ["3", "green"])
        #expect(record.previousByPolicy[0].since == Double(Day.parse("2026-04-01")!))
        #expect(record.previousByPolicy[1].since.isNaN)
        let hereford = Evaluator(policy: try policy("herefordshire")).evaluate(record)
        #expect(hereford.levelValue?.id.description == "3")
        #expect(hereford.previousLevel == "3")
        #expect(hereford.movement == .maintain)
        let salford = Evaluator(policy: try policy("salford")).evaluate(record)
        #expect(salford.previousLevel == "2")  // no entry for salford: the plain previous.level
        #expect(salford.movement == .escalate)
        let calderdale = Evaluator(policy: try policy("calderdale")).evaluate(record)
        #expect(calderdale.previousLevel == "green")
        #expect(calderdale.warnings == [])
    }

    @Test func point15JSONLinesReadsPerPolicyEntriesAsYAMLDoes() throws {
        let line =
            #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"T-1"},"previous":{"salford":{"level":2,"since":"2026-04-01"},"level":1}}"#
        let json = try JSONEvidenceReader().read(Array(line.utf8), file: "m.jsonl", line: 1).get()
        let yaml = try evidence("previous: {salford: {level: 2, since: 2026-04-01}, level: 1}")
        #expect(json.isSameEvidence(as: yaml))
        #expect(json.previousByPolicy.map(\.policy) == ["salford"])
        #expect(json.previousByPolicy.first?.level == "2")
    }

    @Test func point15PerPolicyEntryMustHoldLevelAndSinceOnly() throws {
        let result = EvidenceReader().read(
            file: "e.yaml",
            text: "evidence: 1\nas_of: 2026-10-01\nprovider: {id: \"T-1\"}\nprevious: {salford: {levle: 2}}\n")
        #expect(
            problems(result) == [
                "4:22: unknown key 'levle' in 'previous.salford'; expected one of level, since; did you mean 'level'?"
            ])
    }

    @Test func point15NearMissPolicyKeyIsWarned() throws {
        let d = Evaluator(policy: try policy("salford")).evaluate(try evidence("previous: {salfrod: {level: 2}}"))
        #expect(d.movement == .none)
        #expect(
            d.warnings == ["previous has an entry for 'salfrod' but none for policy salford; did you mean 'salford'?"])
    }

    @Test func point15PreviousLevelIsALevelInLevelAndTriggerConditions() throws {
        let levels = """
              - id: 3
                name: High
                label: Major
                when: count(major) >= 1 or (count(moderate) >= 1 and exists(previous.level) and previous.level >= 2)
                source: s
              - id: 2
                name: Medium
                label: Moderate
                when: count(moderate) >= 1
                source: s
              - id: 1
                name: Low
                label: None
                otherwise: true
                source: s
            """
        let triggers = """
              - id: new_major
                title: New major
                when: level == 3 and previous.level != 3
                route: board
                urgency: immediate
                because: "Level {level} after level {previous.level}"
                source: s
            """
        let p = try compiled(
            policyText(
                criteria: criterion("ri", "moderate", "cqc.overall == requires_improvement"), levels: levels,
                triggers: triggers))
        let standing = try decide(p, "cqc: {overall: requires_improvement}\nprevious: {level: 2}")
        #expect(standing.levelValue?.id.description == "3")
        #expect(triggerIDs(standing) == ["new_major"])
        let again = try decide(p, "cqc: {overall: requires_improvement}\nprevious: {level: 3}")
        #expect(again.levelValue?.id.description == "3")
        #expect(triggerIDs(again) == [])
        let first = try decide(p, "cqc: {overall: requires_improvement}")
        #expect(first.levelValue?.id.description == "2")
        let notALevel = try decide(p, "cqc: {overall: requires_improvement}\nprevious: {level: 9}")
        #expect(notALevel.levelValue?.id.description == "2")
        #expect(notALevel.couldReach.map { notALevel.model.levels[$0].id.description } == "3")
        let badText = policyText(
            criteria: criterion("ri", "moderate", "cqc.overall == requires_improvement"),
            levels: levels.replacingOccurrences(of: "previous.level >= 2", with: "previous.level >= 5"))
        let badLines = badText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let badLine = try #require(badLines.firstIndex { $0.contains("previous.level >= 5") })
        let badColumn = try #require(badLines[badLine].range(of: "previous.level >= 5")).upperBound.utf16Offset(
            in: badLines[badLine])
        #expect(
            problems(compile(badText)) == [
                "\(badLine + 1):\(badColumn): 5 is not a level of this policy; levels are 1, 2, 3"
            ])
    }

    @Test func point16FactsDatedAfterAsOfAreWarnedAndReadAsGiven() throws {
        let yaml = """
            cqc: {overall: inadequate, report_date: 2090-01-01, enforcement: [{type: warning_notice, issued: 2026-09-30}, {type: warning_notice, issued: 2027-01-01}]}
            contract: {restrictions: [{kind: placement_suspension, since: 2026-12-01}]}
            """
        let d = Evaluator(policy: try policy("salford")).evaluate(try evidence(yaml))
        #expect(d.levelValue?.id.description == "3")
        #expect(
            d.warnings == [
                "cqc.report_date 2090-01-01 is after as_of 2026-10-01: a fact dated after the evidence's own date is read as given",
                "cqc.enforcement[1].issued 2027-01-01 is after as_of 2026-10-01: a fact dated after the evidence's own date is read as given",
                "contract.restrictions[0].since 2026-12-01 is after as_of 2026-10-01: a fact dated after the evidence's own date is read as given",
            ])
    }

    @Test func point16ADateOnAsOfIsNotWarned() throws {
        let d = Evaluator(policy: try policy("salford")).evaluate(try evidence("cqc: {report_date: 2026-10-01}"))
        #expect(d.warnings == [])
    }

    @Test func point17PoliciesCiteTheSourceDocumentsNotDesignNotes() throws {
        for name in ["salford", "herefordshire", "calderdale", "bath-and-north-east-somerset"] {
            let text = try String(contentsOfFile: path("Policies/\(name).yaml"), encoding: .utf8)
            #expect(!text.contains("DOMAIN.md"), "\(name) cites DOMAIN.md")
            #expect(!text.contains("EVIDENCE.md"), "\(name) cites EVIDENCE.md")
        }
    }
}
