import QAFCheck
import QAFCompile
import QAFCore
import QAFEvaluate
import Testing

@Suite("Three-valued logic, ordered enums, dates and counts")
struct LogicTests {
    /// The truth of `when` for one evidence snippet, through a single-criterion policy.
    func truth(_ when: String, _ yaml: String) throws -> String {
        let p = try compiled(policyText(criteria: criterion("c", "major", when)))
        let d = try decide(p, yaml)
        return !d.fired.isEmpty ? "true" : !d.unassessed.isEmpty ? "unknown" : "false"
    }

    @Test(arguments: [
        // Kleene: false and unknown is false; true or unknown is true; not unknown is unknown.
        ("complaints > 1 and whistleblowing > 1", "complaints: 0", "false"),
        ("complaints > 1 and whistleblowing > 1", "complaints: 5", "unknown"),
        ("complaints > 1 or whistleblowing > 1", "complaints: 5", "true"),
        ("complaints > 1 or whistleblowing > 1", "complaints: 0", "unknown"),
        ("not (complaints > 1)", "", "unknown"),
        ("not (complaints > 1)", "complaints: 1", "true"),
        ("complaints > 1", "", "unknown"),
        ("exists(complaints)", "", "false"),
        ("exists(complaints)", "complaints: 0", "true"),
        ("not exists(cqc.overall)", "", "true"),
    ])
    func kleeneLogic(when: String, yaml: String, expected: String) throws {
        #expect(try truth(when, yaml) == expected)
    }

    @Test(arguments: [
        ("cqc.overall >= requires_improvement", "cqc: {overall: inadequate}", "true"),
        ("cqc.overall >= requires_improvement", "cqc: {overall: requires_improvement}", "true"),
        ("cqc.overall >= requires_improvement", "cqc: {overall: good}", "false"),
        ("cqc.overall < good", "cqc: {overall: outstanding}", "true"),
        // not_rated is unordered: never better or worse.
        ("cqc.overall >= requires_improvement", "cqc: {overall: not_rated}", "false"),
        ("cqc.overall <= good", "cqc: {overall: not_rated}", "false"),
        ("cqc.overall != good", "cqc: {overall: not_rated}", "true"),
        ("pamms.rating > good", "pamms: {rating: poor}", "true"),
        ("improvement.plan >= behind", "improvement: {plan: none}", "false"),
        ("improvement.plan >= behind", "improvement: {plan: no_progress}", "true"),
        ("feedback in [often_negative, mostly_negative]", "feedback: mixed", "false"),
        ("feedback in [often_negative, mostly_negative]", "feedback: mostly_negative", "true"),
    ])
    func orderedEnums(when: String, yaml: String, expected: String) throws {
        #expect(try truth(when, yaml) == expected)
    }

    @Test(arguments: [
        // as_of is 2026-10-01 in every test evidence file.
        ("days_since(cqc.report_date) > 90", "cqc: {report_date: 2026-07-03}", "false"),  // 90 days
        ("days_since(cqc.report_date) > 90", "cqc: {report_date: 2026-07-02}", "true"),  // 91 days
        ("months_since(pamms.assessed) >= 12", "pamms: {assessed: 2025-10-01}", "true"),
        ("months_since(pamms.assessed) >= 12", "pamms: {assessed: 2025-10-02}", "false"),
        (
            "any(contract.restrictions, since + months(3) < as_of)",
            "contract: {restrictions: [{kind: placement_suspension, since: 2026-07-01}]}", "false"
        ),
        (
            "any(contract.restrictions, since + months(3) < as_of)",
            "contract: {restrictions: [{kind: placement_suspension, since: 2026-06-30}]}", "true"
        ),
        ("as_of - days(1) == 2026-09-30", "", "true"),
        ("2026-03-31 + months(1) == 2026-04-30", "", "true"),  // clamped to the end of a shorter month
        ("2024-01-31 + months(1) == 2024-02-29", "", "true"),  // leap year
    ])
    func dateArithmetic(when: String, yaml: String, expected: String) throws {
        #expect(try truth(when, yaml) == expected)
    }

    @Test(arguments: [
        ("any(events, type == police_incident)", "events: []", "false"),
        ("any(events, type == police_incident)", "", "unknown"),
        ("any(events, type == police_incident)", "events: [{type: police_incident, date: 2026-01-01}]", "true"),
        ("any(events, type == police_incident)", "events: [{date: 2026-01-01}]", "unknown"),
        ("all(cqc.enforcement, type == requirement_notice)", "cqc: {enforcement: []}", "true"),
        (
            "count(events, type == police_incident) >= 2", "events: [{type: police_incident}, {type: police_incident}]",
            "true"
        ),
        (
            "count(events, type == police_incident) >= 2", "events: [{type: police_incident}, {date: 2026-01-01}]",
            "unknown"
        ),
        (
            "count(events, type == police_incident) >= 2", "events: [{type: police_incident}, {type: risk_of_harm}]",
            "false"
        ),
        (
            "count(contract.default_notices) > 1",
            "contract: {default_notices: [{issued: 2026-01-01}, {issued: 2026-02-01}]}", "true"
        ),
        ("count(contract.default_notices) > 1", "", "unknown"),
        ("safeguarding.concerns > safeguarding.expected * 1.5", "safeguarding: {concerns: 5, expected: 3}", "true"),
        ("safeguarding.concerns > safeguarding.expected * 1.5", "safeguarding: {concerns: 4, expected: 3}", "false"),
        ("safeguarding.concerns > safeguarding.expected * 1.5", "safeguarding: {concerns: 4}", "unknown"),
    ])
    func listsAndArithmetic(when: String, yaml: String, expected: String) throws {
        #expect(try truth(when, yaml) == expected)
    }

    @Test func dayNumbersRoundTrip() {
        for text in ["1970-01-01", "2000-02-29", "2026-10-01", "1999-12-31", "2100-03-01"] {
            #expect(Day.format(Day.parse(text)!) == text)
        }
        #expect(Day.parse("2026-02-29") == nil)
        #expect(Day.parse("2026-13-01") == nil)
        // A month from 31 January ends on the last day of February.
        #expect(Day.monthsBetween(Day.parse("2026-01-31")!, Day.parse("2026-02-27")!) == 0)
        #expect(Day.monthsBetween(Day.parse("2026-01-31")!, Day.parse("2026-02-28")!) == 1)
        #expect(Day.monthsBetween(Day.parse("2026-01-31")!, Day.parse("2026-03-01")!) == 1)
    }
}

@Suite("Deep expressions")
struct DeepExpressionTests {
    @Test func aConditionNestedThreeHundredDeepEvaluates() throws {
        // Right-nested: each `or` waits for the rest, so the stack grows with the depth.
        var when = "complaints == 300"
        for n in (0..<300).reversed() { when = "complaints == \(n) or (\(when))" }
        let p = try compiled(policyText(criteria: criterion("deep", "major", when)))
        #expect(p.machineStackDepth > 300)
        #expect(try decide(p, "complaints: 300").fired.count == 1)
        #expect(try decide(p, "complaints: 301").fired.isEmpty)
        #expect(try decide(p, "").unassessed.count == 1)
    }
}
