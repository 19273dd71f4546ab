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

    /// `line:column: message` for a problem `offset` characters into a one-criterion policy's `when:` string.
    func at(_ offset: Int, _ message: String) -> String {
        let text = policyText(criteria: criterion("c", "major", "x"))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.hasPrefix("    when: \"")
        }
        return "\((line ?? -1) + 1):\(whenColumn + offset): \(message)"
    }

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

    /// A character no token starts with is named whole (never one byte of it), an invisible one by its code point;
    /// the curly quotes a word processor puts in get a hint.
    @Test func anUnexpectedCharacterIsShownWhole() {
        #expect(
            errors("cqc.overall == \u{201C}good\u{201D}") == [
                at(15, "unexpected character '\u{201C}'; write text in straight quotes (\"…\")")
            ])
        #expect(errors("complaints\u{00A0}> 3") == [at(10, "unexpected character U+00A0")])
        #expect(errors("complaints § 3") == [at(11, "unexpected character '§'")])
    }

    @Test func comparingADateWithANumberIsATypeError() {
        #expect(errors("cqc.report_date > 3") == [at(18, "cannot compare a date with a number")])
        #expect(errors("days_since(cqc.report_date) > 3").isEmpty)
    }

    @Test func unorderedEnumsOnlyCompareForEquality() {
        #expect(
            errors("any(events, type > police_incident)") == [
                at(12, "event_type values have no order; compare them with ==, != or in")
            ])
        #expect(errors("any(events, type in [police_incident, risk_of_harm])").isEmpty)
    }

    @Test func functionsAreCheckedForArityAndTypes() {
        #expect(errors("days_since(3) > 1") == [at(11, "days_since takes a date, not a number")])
        #expect(
            errors("any(events) ") == [
                at(0, "any takes a list and a condition: any(cqc.enforcement, type == requirement_notice)")
            ])
        #expect(
            errors("cout(events) > 1") == [
                at(
                    0,
                    "unknown function 'cout'; the functions are exists, count, any, all, days_since, months_since, days, months; did you mean 'count'?"
                )
            ])
        #expect(
            errors("count(cqc.overall) > 1") == [
                at(
                    6,
                    "'cqc.overall' is not a list of the evidence (lists: cqc.enforcement, contract.breaches, contract.default_notices, contract.restrictions, events, mdra.ratings)"
                )
            ])
    }

    @Test func conditionsMustBeBoolean() {
        #expect(
            errors("safeguarding.concerns + 1") == [
                at(0, "a condition must be true or false, but 'safeguarding.concerns + 1' is a number")
            ])
    }

    @Test func syntaxErrorsArePositioned() {
        #expect(errors("cqc.overall = inadequate") == [at(12, "'=' is not an operator here; write '==' to compare")])
        #expect(
            errors("cqc.overall == inadequate and") == [at(29, "the expression ends where a value was expected")])
        #expect(errors("(cqc.overall == inadequate") == [at(26, "expected ')' to close '(', found end of expression")])
        #expect(
            errors("complaints > 1 < 3") == [
                at(15, "comparisons cannot be chained ('<' after '>'); join them with 'and'")
            ])
        #expect(errors("complaints > 1 && whistleblowing > 1") == [at(15, "write 'and' instead of '&'")])
    }

    @Test func undefinedParameterIsAnError() {
        #expect(
            errors("complaints >= mnay") == [
                at(14, "unknown name 'mnay': not an evidence field, parameter or value; did you mean 'many'?")
            ])
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
        #expect(
            found == [
                "\(line):23: unknown name 'bogus': not an evidence field, parameter or value"
            ])
    }

    @Test func becausePlaceholdersAreChecked() {
        let found = problems(
            compile(
                policyText(
                    criteria: criterion(
                        "c", "major", "complaints > 1", because: "{complaints} complaints, {complants} written"))))
        let text = policyText(criteria: criterion("c", "major", "x"))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.hasPrefix("    because: \"")
        }
        #expect(
            found == [
                "\((line ?? -1) + 1):\(15 + 26): unknown name 'complants': not an evidence field, parameter or value; did you mean 'complaints'?"
            ])
    }

    @Test func criterionNamesAndSeveritiesOnlyInLevelsAndTriggers() {
        #expect(
            errors("count(major) >= 1") == [
                at(
                    6,
                    "count(major) counts fired criteria, so it belongs in a level or trigger condition, not in a criterion"
                )
            ])
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
        let line = policyText(criteria: criterion("c", "major", "complaints > 1"), levels: levels).split(
            separator: "\n", omittingEmptySubsequences: false
        ).firstIndex { $0.contains("count(majr) >= 1 or c") }
        #expect(
            found == [
                "\((line ?? -1) + 1):17: 'majr' is not a list of the evidence (lists: cqc.enforcement, contract.breaches, contract.default_notices, contract.restrictions, events, mdra.ratings); did you mean 'major'?"
            ])
    }
}
