import QAFCheck
import QAFCore
import QAFLoad
import Testing

@Suite("Loading a policy: strict, positioned, all errors at once")
struct PolicyLoaderTests {
    let good = criterion("cqc_bad", "major", "cqc.overall == inadequate")

    @Test func aValidPolicyCompiles() throws {
        let p = try compiled(policyText(criteria: good))
        #expect(p.model.criteria.map(\.id) == ["cqc_bad"])
        #expect(p.model.levels.map(\.id.description) == ["3", "2", "1"])
    }

    @Test func unknownKeyIsAnErrorWithTheNearestName() {
        let text = policyText(criteria: good).replacingOccurrences(of: "    because: \"x\"", with: "    becuase: \"x\"")
        let found = problems(compile(text))
        #expect(
            found.contains {
                $0.contains("unknown key 'becuase' in criterion 'cqc_bad'") && $0.contains("did you mean 'because'?")
            })
        #expect(found.contains { $0.contains("missing the required key 'because'") })
    }

    @Test func aTriggerWithoutBecauseIsAnErrorAtTheTrigger() {
        let trigger = """
                  - id: t
                    title: t
                    when: cqc_bad
                    route: board
                    urgency: routine
                    source: s
            """
        let text = policyText(criteria: good, triggers: trigger)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("- id: t") }! + 1
        let column =
            lines[line - 1].distance(
                from: lines[line - 1].startIndex, to: lines[line - 1].range(of: "id: t")!.lowerBound) + 1
        #expect(
            problems(compile(text)) == [
                "\(line):\(column): trigger 't' is missing the required key 'because': every trigger says which fact fired it, "
                    + "e.g. because: \"{provider.name} has {count(major)} major concern(s)\""
            ])
        let fixed = policyText(
            criteria: good,
            triggers: trigger.replacingOccurrences(
                of: "source: s", with: "because: \"{cqc.overall}\"\n        source: s"))
        #expect(problems(compile(fixed)).isEmpty)
    }

    @Test func unknownTopLevelKeyPointsAtItsLineAndColumn() {
        let text = policyText(criteria: good) + "\nthreshholds: 3\n"
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("threshholds") }!
            + 1
        #expect(
            problems(compile(text)) == [
                "\(line):1: unknown key 'threshholds' in the policy; expected one of policy, id, authority, title, version, source, notes, requires, "
                    + "severities, domains, parameters, interventions, routes, criteria, levels, triggers, vocabulary"
            ])
    }

    @Test func duplicateKeyIsReportedAtTheRepeat() {
        let text = "policy: 1\nid: a\nid: b\n"
        let found = problems(compile(text))
        #expect(found == ["3:1: duplicate key 'id': each key may appear once in a mapping (first at line 2)"])
    }

    @Test func wrongTypesAreReported() {
        let text = policyText(criteria: good, parameters: "  many: {value: lots, means: m, source: s}")
        #expect(
            problems(compile(text)).contains {
                $0.contains("the value of parameter 'many' must be a number, found 'lots'")
            })
    }

    @Test func undefinedReferencesGetSuggestions() {
        let text = policyText(
            criteria: good.replacingOccurrences(of: "domain: quality", with: "domain: qualty"),
            triggers: """
                  - id: t
                    title: t
                    when: cqc_bad
                    route: bored
                    urgency: immediately
                    source: s
                """)
        let found = problems(compile(text))
        #expect(found.contains { $0.contains("undefined domain 'qualty'; did you mean 'quality'?") })
        #expect(found.contains { $0.contains("undefined route 'bored'; did you mean 'board'?") })
        #expect(
            found.contains {
                $0.contains("urgency must be immediate or routine, found 'immediately'; did you mean 'immediate'?")
            })
    }

    @Test func undefinedInterventionAndLevelOrder() {
        let levels = """
              - id: 2
                name: Medium
                label: m
                otherwise: true
                interventions: [escalte]
                source: s
              - id: 1
                name: Low
                label: l
                when: count(major) >= 1
                source: s
            """
        let found = problems(compile(policyText(criteria: good, levels: levels)))
        #expect(found.contains { $0.contains("undefined intervention 'escalte'; did you mean 'escalate'?") })
        #expect(found.contains { $0.contains("only the last level may be 'otherwise: true'") })
        #expect(found.contains { $0.contains("the last level must be 'otherwise: true'") })
    }

    @Test func missingRequiredPartsAreAllListed() {
        let found = problems(compile("policy: 1\nid: x\n"))
        for key in ["authority", "title", "version", "source", "severities", "domains", "criteria"] {
            #expect(found.contains { $0.contains("missing the required key '\(key)'") }, "\(key)")
        }
        #expect(found.contains { $0.contains("a policy needs 'levels', 'triggers' or both") })
    }

    @Test func duplicateIdsAreErrors() {
        let found = problems(compile(policyText(criteria: good + "\n" + good)))
        #expect(found.contains { $0.contains("criterion 'cqc_bad' is defined twice") })
    }

    @Test func citingAPathIsAnError() {
        let text = policyText(
            criteria: good.replacingOccurrences(
                of: "source: \"s, 1\"", with: "source: \"/work/shared/seeds/000_4d0eb8f41c1d8ba7.txt, 1\""))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0 == "  - id: cqc_bad"
        }
        #expect(
            problems(compile(text)) == [
                "\((line ?? -1) + 1):9: 'cqc_bad' cites a path; cite the seed file by name and section"
            ])
    }

    @Test func malformedYAMLIsPositioned() {
        let found = problems(compile("policy: 1\nid: [unclosed\n"))
        #expect(found == ["3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"])
    }
}
