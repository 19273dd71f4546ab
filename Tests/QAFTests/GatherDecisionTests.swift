import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFGather
import QAFLoad
import QAFReport
import Testing

@Suite("Gathered evidence decided on, with its sources beside the reasons")
struct GatherDecisionTests {
    /// Worked from Salford's Appendix 1 and 3.3.10 by hand: the levels and Board triggers CQC's facts alone prove.
    @Test func salfordGivesTheLevelsAndTriggersTheCQCFactsProveAndNothingIsComplete() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let result = Gatherer(asOf: Day.parse("2026-10-01")!).gather(
            cqc: [
                "Data/cqc", "Tests/Fixtures/cqc/assessment-only.json", "Tests/Fixtures/cqc/skips.json",
                "Tests/Fixtures/cqc/rating-words.jsonl",
            ].map(path), local: [])
        let expected: [String: (level: Int, triggers: [String])] = [
            "1-125856395": (1, []),  // Outstanding
            "1-1000210669": (2, ["board_manager_or_ownership_change"]),  // RI; manager absent, new provider
            "1-900000001": (3, ["board_major_or_many_unaddressed", "board_inadequate_rating"]),  // Inadequate
            "1-900000025": (1, ["board_manager_or_ownership_change"]),  // Good; manager absent, new provider
            "1-900000011": (2, []),  // Requires Improvement
            "1-900000012": (1, []), "1-900000013": (1, []), "1-900000014": (1, []),  // not_rated: no CQC statement
            "1-900000015": (1, []),  // no published rating: unknown
            "1-900000016": (1, []), "1-900000017": (1, []), "1-900000018": (1, []),
        ]
        let reader = JSONEvidenceReader()
        var seen: [String] = []
        for line in result.records {
            let record = try reader.read(Array(line.utf8), file: "gathered", line: 1).get()
            let decision = Evaluator(policy: policy).evaluate(record)
            let want = try #require(expected[decision.providerID], "\(decision.providerID)")
            #expect(decision.levelValue?.id == .number(want.level), "\(decision.providerID)")
            #expect(triggerIDs(decision) == want.triggers, "\(decision.providerID)")
            #expect(decision.status == .incomplete, "\(decision.providerID)")
            #expect(decision.evidenceToGather.contains("cqc.enforcement"), "\(decision.providerID)")
            seen.append(decision.providerID)
        }
        #expect(seen.sorted() == expected.keys.sorted())
    }

    @Test func aReasonQuotesWhereItsEvidenceCameFrom() throws {
        let gathered = Gatherer(asOf: Day.parse("2026-10-01")!).gather(
            cqc: [path("Data/cqc/location-requires-improvement-manager-absent-new-provider.json")], local: [])
        let record = try JSONEvidenceReader().read(Array(gathered.records[0].utf8), file: "k.jsonl", line: 1).get()
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let decision = Evaluator(policy: policy).evaluate(record)
        let text = TextReporter().report(decision)
        #expect(
            text.contains(
                "  [Moderate] Overall CQC rating is Requires Improvement: CQC rated the service requires improvement "
                    + "overall (CQC API location 1-1000210669, report 2018-08-04)\n"))
        #expect(
            text.contains(
                "      1 registered manager departure(s) and 1 change(s) of ownership since the last review (CQC API "
                    + "location 1-1000210669, registeredManagerAbsentDate 2018-05-31; CQC API location 1-1000210669, "
                    + "HSCA Predecessor 1-112758739, registrationDate 2013-12-12)\n"))
        let json = JSONReporter().report(decision)
        #expect(
            json.contains(#""evidence_from": [\#n        "CQC API location 1-1000210669, report 2018-08-04"\#n      ]"#)
        )
        let explained = Explanation.render(decision, record: record)
        #expect(
            explained.contains(
                "      cqc.key_questions.safe = requires_improvement (CQC API location 1-1000210669, report 2018-08-04)\n"
            ))
    }

    /// The worked example of Docs/gathering-evidence.md is what the commands print.
    @Test func theDocumentedWorkedExampleIsWhatQAFPrints() throws {
        let folder = NSTemporaryDirectory() + "qaf-worked-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let market = folder + "/market.jsonl"
        let gathered = try runQAF(["gather", "--cqc", "Data/cqc/", "--as-of", "2026-10-01", "--output", market])
        #expect(gathered.code == 0)
        let doc = try String(contentsOfFile: path("Docs/gathering-evidence.md"), encoding: .utf8)
        #expect(doc.contains(gathered.stderr.replacingOccurrences(of: "Data/cqc//", with: "Data/cqc/")))
        let decided = try runQAF(["evaluate", "--policy", "Policies/salford.yaml", market])
        let example = try #require(doc.components(separatedBy: "Evaluated against Salford").last)
        var checked = 0
        for line in example.split(separator: "\n")
        where line.hasPrefix("  [") || line.hasPrefix("      1 registered")
            || line.hasPrefix("Level:") || line.hasPrefix("Status:")
        {
            #expect(decided.stdout.contains(line + "\n"), "\(line)")
            checked += 1
        }
        #expect(checked == 5)
    }

    @Test func evidenceWithoutProvenanceReadsAsBefore() throws {
        let policy = try PolicyCompiler.compile(file: path("Policies/salford.yaml")).get()
        let record = try EvidenceReader().read(
            file: "e.yaml", text: "evidence: 1\nas_of: 2026-10-01\nprovider: {id: X}\ncqc: {overall: inadequate}\n"
        ).get()
        let text = TextReporter().report(Evaluator(policy: policy).evaluate(record))
        #expect(text.contains("CQC rated the service inadequate overall\n"))
        #expect(!JSONReporter().report(Evaluator(policy: policy).evaluate(record)).contains("evidence_from"))
    }
}

@Suite("The evidence readers carry provenance")
struct ProvenanceReaderTests {
    let yaml = """
        evidence: 1
        as_of: 2026-10-01
        provider: {id: "1-1"}
        cqc: {overall: good}
        events: [{type: risk_of_harm, date: 2026-09-01}]
        provenance:
          cqc.overall: CQC API location 1-1, report 2025-01-02
          events[0]: "safeguarding.csv:4"
        """

    @Test func yamlJSONAndCSVReadTheSameProvenance() throws {
        let expected = ["cqc.overall": "CQC API location 1-1, report 2025-01-02", "events[0]": "safeguarding.csv:4"]
        #expect(try EvidenceReader().read(file: "e.yaml", text: yaml).get().provenance == expected)
        let json =
            #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"1-1"},"cqc":{"overall":"good"},"#
            + #""events":[{"type":"risk_of_harm","date":"2026-09-01"}],"provenance":{"cqc.overall":"CQC API location 1-1, report 2025-01-02","events[0]":"safeguarding.csv:4"}}"#
        #expect(try JSONEvidenceReader().read(Array(json.utf8), file: "e.jsonl", line: 1).get().provenance == expected)
        let csv = try CSVEvidenceReader(
            header: Array("as_of,provider.id,cqc.overall,provenance.cqc.overall,provenance.events[0]".utf8),
            file: "e.csv")
        let row = try csv.read(
            row: Array("2026-10-01,1-1,good,\"CQC API location 1-1, report 2025-01-02\",safeguarding.csv:4".utf8),
            line: 2
        ).get()
        #expect(row.provenance == expected)
    }

    @Test func anUnknownFieldInProvenanceIsAnErrorWithASuggestion() throws {
        let bad = yaml.replacingOccurrences(of: "  cqc.overall:", with: "  cqc.overal:")
        #expect(
            problems(EvidenceReader().read(file: "e.yaml", text: bad)) == [
                "7:3: unknown field 'cqc.overal' in 'provenance'; expected the dotted name of an evidence field such as "
                    + "'cqc.overall', or an entry of a list such as 'cqc.enforcement[0]'; did you mean 'cqc.overall'?"
            ])
        let json =
            #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"1"},"provenance":{"cqc.overal":"x","events":3}}"#
        let found = JSONEvidenceReader().read(Array(json.utf8), file: "e.jsonl", line: 1)
        func column(_ needle: String) -> Int {
            json.utf8.count - json.components(separatedBy: needle)[1].utf8.count - needle.utf8.count + 1
        }
        #expect(
            problems(found) == [
                "1:\(column("\"cqc.overal\"")): unknown field 'cqc.overal' in 'provenance'; expected the dotted name of an evidence field such as "
                    + "'cqc.overall', or an entry of a list such as 'cqc.enforcement[0]'; did you mean 'cqc.overall'?",
                "1:\(column("3}}")): the source of 'events' in 'provenance' must be text, found '3'",
            ])
        let misspelt = #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"1"},"provenence":{}}"#
        #expect(
            problems(JSONEvidenceReader().read(Array(misspelt.utf8), file: "e.jsonl", line: 1)) == [
                "1:\(misspelt.utf8.count - misspelt.components(separatedBy: "\"provenence\"")[1].utf8.count - 11): unknown key 'provenence' in the evidence; expected one of evidence, as_of, provider, "
                    + "cqc, pamms, contract, monitoring, engagement, improvement, safeguarding, quality_concerns, complaints, "
                    + "whistleblowing, professional_concerns, feedback, regulatory_concerns, demand, findings, events, mdra, "
                    + "quality_standards, host_authority_concerns, previous; did you mean 'provenance'?"
            ])
    }
}
