import QAFCheck
import QAFCore
import QAFLoad
import Testing

@Suite("Expressions: parsed once, typed against the evidence schema, errors inside the string")
struct ExpressionTests {
    /// The line:column and message of compiling one criterion whose `when` is `when`.
    func errors(_ when: String) -> [String] {
        problems(compile(policyText(criteria: criterion("c", "major", when))))
    }

    /// The column the `when:` string starts at in `criterion(…)` text, inside the quotes.
    let whenColumn = 12

    @Test func unknownFieldPointsInsideTheString() {
        let found = errors("cqc.overall == inadequate and safegaurding.concerns > 3")
        #expect(found.count == 1)
        #expect(found[0].contains(":\(whenColumn + 30): unknown name 'safegaurding.concerns'"))
        #expect(found[0].contains("did you mean 'safeguarding.concerns'?"))
    }

    @Test func unknownEnumValueSuggestsTheMember() {
        let found = errors("cqc.overall == inadequat")
        #expect(found.count == 1)
        #expect(found[0].contains(":\(whenColumn + 15): 'inadequat' is not a value of cqc_rating"))
        #expect(found[0].contains("did you mean 'inadequate'?"))
    }

    @Test func comparingADateWithANumberIsATypeError() {
        #expect(errors("cqc.report_date > 3").first?.contains("cannot compare a date with a number") == true)
        #expect(errors("days_since(cqc.report_date) > 3").isEmpty)
    }

    @Test func unorderedEnumsOnlyCompareForEquality() {
        #expect(
            errors("any(events, type > police_incident)").first?.contains("event_type values have no order") == true)
        #expect(errors("any(events, type in [police_incident, risk_of_harm])").isEmpty)
    }

    @Test func functionsAreCheckedForArityAndTypes() {
        #expect(errors("days_since(3) > 1").first?.contains("days_since takes a date, not a number") == true)
        #expect(errors("any(events) ").first?.contains("any takes a list and a condition") == true)
        #expect(errors("cout(events) > 1").first?.contains("unknown function 'cout'") == true)
        #expect(errors("cout(events) > 1").first?.contains("did you mean 'count'?") == true)
        #expect(errors("count(cqc.overall) > 1").first?.contains("is not a list of the evidence") == true)
    }

    @Test func conditionsMustBeBoolean() {
        #expect(errors("safeguarding.concerns + 1").first?.contains("a condition must be true or false") == true)
    }

    @Test func syntaxErrorsArePositioned() {
        #expect(
            errors("cqc.overall = inadequate").first?.contains(
                ":\(whenColumn + 12): '=' is not an operator here; write '=='") == true)
        #expect(
            errors("cqc.overall == inadequate and").first?.contains("the expression ends where a value was expected")
                == true)
        #expect(errors("(cqc.overall == inadequate").first?.contains("expected ')'") == true)
        #expect(errors("complaints > 1 < 3").first?.contains("comparisons cannot be chained") == true)
        #expect(errors("complaints > 1 && whistleblowing > 1").first?.contains("write 'and' instead of '&'") == true)
    }

    @Test func undefinedParameterIsAnError() {
        let found = errors("complaints >= mnay")
        #expect(found.first?.contains("unknown name 'mnay'") == true)
        #expect(found.first?.contains("did you mean 'many'?") == true)
    }

    @Test func columnsInsideAFoldedMultiLineScalar() {
        let c = """
              - id: c
                title: c
                domain: quality
                indicates: major
                when: >
                  cqc.overall == inadequate
                  or complaints > bogus
                because: x
                source: s
            """
        let found = problems(compile(policyText(criteria: c)))
        let text = policyText(criteria: c)
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("or complaints > bogus")
            }! + 1
        #expect(found.first?.hasPrefix("\(line):23: unknown name 'bogus'") == true, "\(found)")
    }

    @Test func becausePlaceholdersAreChecked() {
        let found = problems(
            compile(
                policyText(
                    criteria: criterion(
                        "c", "major", "complaints > 1", because: "{complaints} complaints, {complants} written"))))
        #expect(found.first?.contains("unknown name 'complants'") == true)
        #expect(found.first?.contains("did you mean 'complaints'?") == true)
    }

    @Test func criterionNamesAndSeveritiesOnlyInLevelsAndTriggers() {
        #expect(
            errors("count(major) >= 1").first?.contains(
                "count(major) counts fired criteria, so it belongs in a level or trigger condition") == true)
        let levels = """
              - id: 2
                name: M
                label: m
                when: count(majr) >= 1 or c
                source: s
              - id: 1
                name: L
                label: l
                otherwise: true
                source: s
            """
        let found = problems(compile(policyText(criteria: criterion("c", "major", "complaints > 1"), levels: levels)))
        #expect(found.first?.contains("did you mean 'major'?") == true, "\(found)")
    }
}
