import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFGather
import QAFLoad
import Testing

private let asOf = Day.parse("2026-10-01")!

private func gather(
    cqc: [String] = [], local: [String] = [], asOf day: Int = asOf, prefer: String? = nil
) -> Gatherer.Result {
    Gatherer(asOf: day, prefer: prefer).gather(cqc: cqc.map(path), local: local.map(path))
}

/// The gathered records by provider id, parsed by Foundation (an independent JSON reader).
private func records(_ result: Gatherer.Result) throws -> [String: [String: Any]] {
    var out: [String: [String: Any]] = [:]
    for line in result.records {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let provider = try #require(object["provider"] as? [String: Any])
        out[try #require(provider["id"] as? String)] = object
    }
    return out
}

private func value(_ record: [String: Any]?, _ dotted: String) -> Any? {
    var current: Any? = record
    for key in dotted.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
    return current
}

private func events(_ record: [String: Any]?) -> [String] {
    ((record?["events"] as? [[String: Any]]) ?? []).map { "\($0["type"] ?? "?") \($0["date"] ?? "?")" }
}

private func messages(_ result: Gatherer.Result) -> [String] { result.problems.sorted.map(\.description) }

@Suite("qaf gather: evidence from CQC's API responses and the authority's records")
struct GatherTests {
    @Test func theBundledResponsesGiveTheseRecords() throws {
        let result = gather(cqc: ["Data/cqc"])
        let lucerne =
            #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"1-125856395","name":"Lucerne House","service_type":"care_home_nursing","size":75},"#
            + #""cqc":{"overall":"outstanding","key_questions":{"safe":"good","effective":"outstanding","caring":"outstanding","responsive":"outstanding","well_led":"outstanding"},"report_date":"2019-10-31"},"#
            + #""provenance":{"provider.id":"CQC API location 1-125856395","provider.name":"CQC API location 1-125856395","#
            + #""provider.service_type":"CQC API location 1-125856395, gacServiceTypes","provider.size":"CQC API location 1-125856395, numberOfBeds","#
            + #""cqc.overall":"CQC API location 1-125856395, report 2019-10-31","cqc.key_questions.safe":"CQC API location 1-125856395, report 2019-10-31","#
            + #""cqc.key_questions.effective":"CQC API location 1-125856395, report 2019-10-31","cqc.key_questions.caring":"CQC API location 1-125856395, report 2019-10-31","#
            + #""cqc.key_questions.responsive":"CQC API location 1-125856395, report 2019-10-31","cqc.key_questions.well_led":"CQC API location 1-125856395, report 2019-10-31","#
            + #""cqc.report_date":"CQC API location 1-125856395, report 2019-10-31"}}"#
        #expect(result.records.first == lucerne)
        // Worked from the Kingswood response by hand: Safe and Well-led RI (matched by name, not position), 22 beds,
        // the manager absent since 2018-05-31, a new provider registered 2013-12-12, enforcement not in the API.
        let kingswood = try #require(try records(result)["1-1000210669"])
        #expect(value(kingswood, "provider.name") as? String == "Kingswood House Nursing Home")
        #expect(value(kingswood, "provider.service_type") as? String == "care_home_nursing")
        #expect(value(kingswood, "provider.size") as? Int == 22)
        #expect(value(kingswood, "cqc.overall") as? String == "requires_improvement")
        #expect(
            value(kingswood, "cqc.key_questions") as? [String: String] == [
                "safe": "requires_improvement", "effective": "good", "caring": "good", "responsive": "good",
                "well_led": "requires_improvement",
            ])
        #expect(value(kingswood, "cqc.report_date") as? String == "2018-08-04")
        #expect(value(kingswood, "cqc.enforcement") == nil)
        #expect(events(kingswood) == ["registered_manager_left 2018-05-31", "change_of_ownership 2013-12-12"])
        let provenance = try #require(kingswood["provenance"] as? [String: String])
        #expect(provenance["events[0]"] == "CQC API location 1-1000210669, registeredManagerAbsentDate 2018-05-31")
        #expect(
            provenance["events[1]"]
                == "CQC API location 1-1000210669, HSCA Predecessor 1-112758739, registrationDate 2013-12-12")
        #expect(result.records.count == 2)
        #expect(
            result.skipped.map(\.description) == [
                path("Data/cqc/location-deregistered-no-published-rating.json")
                    + ":1: skipped location 1-134558905 (Allied Healthcare Bournemouth): deregistered on 2016-11-28"
            ])
        #expect(result.problems.isEmpty)
    }

    @Test func everyRatingWordIsMappedAsDocumented() throws {
        let gathered = try records(gather(cqc: ["Tests/Fixtures/cqc/rating-words.jsonl"]))
        // id: overall, key questions (absent ones left out), service type, size
        let expected: [(String, String?, [String: String], String?, Int?)] = [
            (
                "1-900000011", "requires_improvement",
                ["effective": "good", "safe": "requires_improvement", "well_led": "requires_improvement"],
                "care_home_residential", 30
            ),
            (
                "1-900000012", "not_rated",
                [
                    "caring": "not_rated", "safe": "not_rated", "responsive": "not_rated", "well_led": "not_rated",
                    "effective": "not_rated",
                ], "supported_living", nil
            ),
            ("1-900000013", "not_rated", ["safe": "not_rated"], "extra_care", nil),
            ("1-900000014", "not_rated", ["responsive": "not_rated", "caring": "good"], nil, nil),
            ("1-900000015", nil, [:], "domiciliary_care", nil),
            ("1-900000016", "good", ["responsive": "outstanding", "effective": "good"], nil, nil),
            ("1-900000017", "outstanding", ["safe": "good"], "care_home_nursing", 40),
            ("1-900000018", "good", ["well_led": "good"], "care_home_nursing", nil),
        ]
        #expect(gathered.count == expected.count)
        for (id, overall, questions, serviceType, size) in expected {
            let record = gathered[id]
            #expect(value(record, "cqc.overall") as? String == overall, "\(id)")
            #expect((value(record, "cqc.key_questions") as? [String: String] ?? [:]) == questions, "\(id)")
            #expect(value(record, "provider.service_type") as? String == serviceType, "\(id)")
            #expect(value(record, "provider.size") as? Int == size, "\(id)")
        }
    }

    @Test func unratedWordsAndUnknownsAreNoted() {
        let notes = gather(cqc: ["Tests/Fixtures/cqc/rating-words.jsonl"]).notes.map(\.text)
        #expect(
            notes == [
                "location 1-900000015: overall rating 'No published rating': no rating has been published; "
                    + "cqc.overall is left unknown",
                "location 1-900000015: key question rating 'No published rating': no rating has been published; "
                    + "cqc.key_questions.safe, cqc.key_questions.well_led, cqc.key_questions.caring, "
                    + "cqc.key_questions.responsive, cqc.key_questions.effective left unknown",
                "location 1-900000016: several kinds of service (domiciliary_care, supported_living): "
                    + "provider.service_type is left unknown; give the one commissioned with --local",
                "location 1-900000017: key question rating 'Excellent': 'Excellent' is not a rating word qaf knows; "
                    + "cqc.key_questions.caring left unknown",
                "location 1-900000018: numberOfBeds '0' is not a number of beds from 1 to 10000: provider.size is "
                    + "left unknown",
            ])
    }

    @Test func theNewerAssessmentBlockGivesTheRatingsWhenThereIsNoCurrentRating() throws {
        let result = gather(cqc: ["Tests/Fixtures/cqc/assessment-only.json"])
        let record = try #require(try records(result)["1-900000001"])
        #expect(value(record, "cqc.overall") as? String == "inadequate")
        #expect(
            value(record, "cqc.key_questions") as? [String: String] == [
                "well_led": "inadequate", "safe": "requires_improvement", "caring": "not_rated",
            ])
        #expect(value(record, "cqc.report_date") as? String == "2024-05-01")
        #expect(value(record, "provider.service_type") as? String == "domiciliary_care")
        #expect(value(record, "provider.size") == nil)
        #expect(
            value(record, "provenance") as? [String: String] == [
                "provider.id": "CQC API location 1-900000001", "provider.name": "CQC API location 1-900000001",
                "provider.service_type": "CQC API location 1-900000001, gacServiceTypes",
                "cqc.overall":
                    "CQC API location 1-900000001, assessment published 2024-05-01; an inspection report is not yet published",
                "cqc.report_date":
                    "CQC API location 1-900000001, assessment published 2024-05-01; an inspection report is not yet published",
                "cqc.key_questions.safe": "CQC API location 1-900000001, assessment published 2024-05-01",
                "cqc.key_questions.caring": "CQC API location 1-900000001, assessment published 2024-05-01",
                "cqc.key_questions.well_led": "CQC API location 1-900000001, assessment published 2024-05-01",
            ])
        #expect(
            result.notes.map(\.text) == [
                "location 1-900000001: 1 inspection report(s) not yet published (first visit 2026-08-01): CQC's "
                    + "ratings may change"
            ])
    }

    @Test func deregisteredDormantAndOtherSectorsAreSkippedByName() throws {
        let (code, stdout, stderr) = try runQAF([
            "gather", "--cqc", "Tests/Fixtures/cqc/skips.json", "--as-of", "2026-10-01",
        ])
        #expect(code == 0)
        let file = "Tests/Fixtures/cqc/skips.json"
        #expect(
            stderr == """
                \(file):2: skipped location 1-900000021 (Example Closed Homecare): deregistered on 2019-04-30
                \(file):15: skipped location 1-900000022 (Example Dormant Agency): dormant
                \(file):28: skipped location 1-900000023 (Example Surgery): not adult social care (type 'Primary Medical Services')
                \(file):42: skipped location 1-900000024 (Example Hospital): deregistered on 2020-02-02; not adult social care (type 'NHS Healthcare Organisation')
                qaf gather: 1 provider record(s) written (1 with CQC facts, 0 local only); 4 CQC location(s) skipped (2 deregistered, 1 dormant, 2 not adult social care); 0 provider(s) not gathered for conflicts or facts after as_of; 0 malformed location(s) or record(s)

                """)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(value(record, "provider.id") as? String == "1-900000025")
        #expect(value(record, "provider.service_type") as? String == "care_home_residential")
        #expect(value(record, "provider.size") as? Int == 18)
        #expect(events(record) == ["registered_manager_left 2026-02-14", "change_of_ownership 2024-07-01"])
    }

    @Test func malformedJSONIsReportedAtItsLineAndTheRestGathered() throws {
        let (code, stdout, stderr) = try runQAF([
            "gather", "--cqc", "Tests/Fixtures/cqc/malformed.jsonl", "Tests/Fixtures/cqc/malformed.json", "--as-of",
            "2026-10-01",
        ])
        #expect(code == 3)
        #expect(stdout.split(separator: "\n").count == 2)
        #expect(stdout.contains(#""id":"1-900000031""#) && stdout.contains(#""id":"1-900000033""#))
        #expect(
            stderr.contains(
                "Tests/Fixtures/cqc/malformed.jsonl:2:57: error: malformed JSON: did not find expected node content"))
        #expect(
            stderr.contains("Tests/Fixtures/cqc/malformed.json:5:3: error: malformed JSON: did not find expected ','"))
        // The two good lines of malformed.jsonl are written; its broken line and the broken malformed.json are not.
        #expect(
            stderr.hasSuffix(
                "\nqaf gather: 2 provider record(s) written (2 with CQC facts, 0 local only); 0 CQC location(s) skipped; "
                    + "0 provider(s) not gathered for conflicts or facts after as_of; 2 malformed location(s) or record(s)\n"
            ))
        let (allBad, _, _) = try runQAF([
            "gather", "--cqc", "Tests/Fixtures/cqc/malformed.json", "--as-of", "2026-10-01",
        ])
        #expect(allBad == 2)
    }

    @Test func cqcsLatestRatingsFileGivesTheLocationsOwnRatings() throws {
        let result = gather(cqc: ["Tests/Fixtures/cqc/latest-ratings.csv"])
        #expect(result.problems.isEmpty)
        let gathered = try records(result)
        let house = gathered["1-900000051"]
        #expect(value(house, "provider.name") as? String == "Example Ratings House")
        #expect(value(house, "cqc.overall") as? String == "requires_improvement")
        #expect(
            value(house, "cqc.key_questions") as? [String: String] == [
                "safe": "inadequate", "effective": "good", "caring": "good", "responsive": "good",
                "well_led": "requires_improvement",
            ])
        #expect(value(house, "cqc.report_date") as? String == "2025-03-14")  // written 14/03/2025
        let inherited = gathered["1-900000052"]
        #expect(value(inherited, "cqc.overall") as? String == "good")
        #expect(value(inherited, "cqc.key_questions") as? [String: String] == ["safe": "not_rated"])
        #expect(
            (inherited?["provenance"] as? [String: String])?["cqc.overall"]
                == "CQC latest ratings, location 1-900000052, published 2024-09-02, inherited rating")
        #expect(
            result.skipped.map(\.description) == [
                path("Tests/Fixtures/cqc/latest-ratings.csv")
                    + ":11: skipped location 1-900000053 (Example Medical Practice): not adult social care "
                    + "(Location Type 'Primary Medical Services')"
            ])
        #expect(gathered.count == 2)
        let file = NSTemporaryDirectory() + "qaf-ratings-\(UUID().uuidString).csv"
        try "Location ID,Domain,Latest Rating\n1-9,Overall,Good\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let wrong = Gatherer(asOf: asOf).gather(cqc: [file], local: [])
        #expect(
            messages(wrong) == [
                "\(file):1:1: error: CQC's Latest ratings file needs the column(s) Location Type, "
                    + "Service / Population Group, Publication Date"
            ])
    }

    @Test func localRecordsMergeWithCQCsFactsAndKeepTheirSources() throws {
        let result = gather(
            cqc: ["Data/cqc"],
            local: [
                "Tests/Fixtures/local/contracts.csv", "Tests/Fixtures/local/safeguarding.jsonl",
                "Tests/Fixtures/local/pamms.yaml",
            ])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let gathered = try records(result)
        let kingswood = gathered["1-1000210669"]
        #expect(value(kingswood, "contract.compliance") as? String == "breached")
        #expect(value(kingswood, "safeguarding.organisational") as? String == "threshold_review")
        #expect(
            events(kingswood) == [
                "registered_manager_left 2018-05-31", "change_of_ownership 2013-12-12", "risk_of_harm 2026-09-01",
            ])
        let sources = try #require(kingswood?["provenance"] as? [String: String])
        // The CSV's provenance column gives this fact's source.
        #expect(sources["contract.compliance"] == "contract monitoring visit 2026-09-15")
        #expect(sources["contract.breaches[0]"] == path("Tests/Fixtures/local/contracts.csv") + ":2")
        #expect(sources["events[2]"] == path("Tests/Fixtures/local/safeguarding.jsonl") + ":1")
        #expect(sources["cqc.overall"] == "CQC API location 1-1000210669, report 2018-08-04")
        // Equal values agree silently: the CSV's name for Lucerne House is CQC's.
        let lucerne = gathered["1-125856395"]
        #expect(value(lucerne, "provider.name") as? String == "Lucerne House")
        #expect(value(lucerne, "pamms.rating") as? String == "good")
        #expect((lucerne?["provenance"] as? [String: String])?["provider.name"] == "CQC API location 1-125856395")
        // A provider CQC does not rate is gathered from the local records alone.
        let local = gathered["LA-0042"]
        #expect(value(local, "provider.service_type") as? String == "day_opportunities")
        #expect(value(local, "safeguarding.concerns") as? Int == 0)
        #expect(value(local, "cqc") == nil)
        #expect((result.withCQC, result.localOnly) == (2, 1))
        #expect(Array(gathered.keys).sorted() == ["1-1000210669", "1-125856395", "LA-0042"])
    }

    @Test func perPolicyPreviousLevelsAreCarriedWithTheirSource() throws {
        let result = gather(cqc: ["Data/cqc"], local: ["Tests/Fixtures/local/previous.yaml"])
        let lucerne = try #require(try records(result)["1-125856395"])
        #expect(value(lucerne, "previous.level") as? Int == 1)
        #expect(value(lucerne, "previous.salford.level") as? Int == 2)
        #expect(value(lucerne, "previous.salford.since") as? String == "2026-04-01")
        #expect((value(lucerne, "previous.herefordshire") as? [String: Any])?.keys.sorted() == ["level"])
        #expect(value(lucerne, "previous.herefordshire.level") as? Int == 1)
        let file = path("Tests/Fixtures/local/previous.yaml")
        #expect((lucerne["provenance"] as? [String: String])?["previous.salford.since"] == file)
        let record = try JSONEvidenceReader().read(Array(result.records[0].utf8), file: "g", line: 1).get()
        #expect(record.previousByPolicy.map(\.policy) == ["herefordshire", "salford"])
        #expect(record.previousByPolicy.map(\.level) == ["1", "2"])
        #expect(record.previousByPolicy[1].since == Double(Day.parse("2026-04-01")!))
        #expect(record.previousByPolicy[0].since.isNaN)
    }

    @Test func conflictsNameBothSourcesAndTheProviderIsNotGathered() throws {
        let result = gather(cqc: ["Data/cqc"], local: ["Tests/Fixtures/local/conflicting.csv"])
        let csv = path("Tests/Fixtures/local/conflicting.csv")
        let data = path("Data/cqc")
        #expect(
            messages(result) == [
                "\(csv):2:1: error: provider 1-125856395: sources disagree on cqc.overall: outstanding in CQC API "
                    + "location 1-125856395, report 2019-10-31 (\(data)/location-outstanding-nursing-home.json:1), but "
                    + "good in \(csv):2; the provider is not gathered (--prefer cqc, local or a file chooses which wins)",
                "\(csv):3:1: error: provider 1-1000210669: sources disagree on provider.size: 22 in CQC API location "
                    + "1-1000210669, numberOfBeds (\(data)/location-requires-improvement-manager-absent-new-provider.json:1), "
                    + "but 30 in \(csv):3; the provider is not gathered (--prefer cqc, local or a file chooses which wins)",
            ])
        #expect(result.records.isEmpty)
        #expect(result.notGathered == ["1-125856395", "1-1000210669"])
        let (all, _, _) = try runQAF([
            "gather", "--cqc", "Data/cqc", "--local", "Tests/Fixtures/local/conflicting.csv", "--as-of", "2026-10-01",
        ])
        #expect(all == 2)
        let (some, stdout, _) = try runQAF([
            "gather", "--cqc", "Data/cqc", "--local", "Tests/Fixtures/local/conflicting.csv",
            "Tests/Fixtures/local/pamms.yaml", "Tests/Fixtures/local/safeguarding.jsonl", "--as-of", "2026-10-01",
        ])
        #expect(some == 3)
        #expect(stdout.hasPrefix(#"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"LA-0042""#))
    }

    @Test func preferSaysWhichSourceWins() throws {
        let local = ["Tests/Fixtures/local/conflicting.csv"]
        let cqcWins = try records(gather(cqc: ["Data/cqc"], local: local, prefer: "cqc"))
        #expect(value(cqcWins["1-125856395"], "cqc.overall") as? String == "outstanding")
        #expect(value(cqcWins["1-1000210669"], "provider.size") as? Int == 22)
        let localWins = gather(cqc: ["Data/cqc"], local: local, prefer: path(local[0]))
        let gathered = try records(localWins)
        #expect(value(gathered["1-125856395"], "cqc.overall") as? String == "good")
        #expect(value(gathered["1-1000210669"], "provider.size") as? Int == 30)
        #expect(
            (gathered["1-1000210669"]?["provenance"] as? [String: String])?["provider.size"] == path(local[0]) + ":3")
        let byWord = try records(gather(cqc: ["Data/cqc"], local: local, prefer: "local"))
        #expect(value(byWord["1-125856395"], "cqc.overall") as? String == "good")
    }

    @Test func aStatedEmptyListConflictsWithEntries() {
        let result = gather(cqc: ["Data/cqc"], local: ["Tests/Fixtures/local/no-events.jsonl"])
        #expect(result.notGathered == ["1-1000210669"])
        let local = path("Tests/Fixtures/local/no-events.jsonl")
        let response = path("Data/cqc/location-requires-improvement-manager-absent-new-provider.json")
        #expect(
            messages(result) == [
                "\(local):1:1: error: provider 1-1000210669: sources disagree on events: 2 entr(ies) in CQC API location "
                    + "1-1000210669, registeredManagerAbsentDate 2018-05-31 (\(response):1), but none ([]) in \(local):1; "
                    + "the provider is not gathered (--prefer cqc, local or a file chooses which wins)"
            ])
    }

    @Test func factsDatedAfterAsOfAreErrorsNamingThem() throws {
        let result = gather(cqc: ["Data/cqc"], local: ["Tests/Fixtures/local/future.jsonl"])
        let file = path("Tests/Fixtures/local/future.jsonl")
        #expect(
            messages(result) == [
                "\(file):1:1: error: provider 1-125856395: events[0].date is 2026-11-02 in \(file):1, after as_of "
                    + "2026-10-01; the provider is not gathered (a fact cannot be dated after the day the evidence "
                    + "describes; give a later --as-of if the date is right)"
            ])
        #expect(try records(result).keys.sorted() == ["1-1000210669"])
        // A fragment's own as_of is the day its records were taken: not after the gathering's.
        let taken = gather(local: ["Tests/Fixtures/local/safeguarding.jsonl"], asOf: Day.parse("2026-09-29")!)
        let jsonl = path("Tests/Fixtures/local/safeguarding.jsonl")
        #expect(
            messages(taken) == [
                "\(jsonl):2:1: error: provider LA-0042: these records describe 2026-09-30, after as_of 2026-09-29; "
                    + "the provider is not gathered"
            ])
        #expect(try records(taken).keys.sorted() == ["1-1000210669"])
        let early = gather(cqc: ["Data/cqc"], asOf: Day.parse("2018-06-30")!)
        #expect(early.records.isEmpty)
        #expect(early.notGathered == ["1-125856395", "1-1000210669"])
        #expect(
            messages(early).allSatisfy {
                $0.contains("cqc.report_date is 2019-10-31") || $0.contains("cqc.report_date is 2018-08-04")
            })
    }

    @Test func asOfDefaultsToTodayAndSaysSo() throws {
        let (code, stdout, stderr) = try runQAF(["gather", "--cqc", "Data/cqc/location-outstanding-nursing-home.json"])
        #expect(code == 0)
        let today = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        let day = Day.format(Day.number(year: today.year!, month: today.month!, day: today.day!))
        #expect(stderr.hasPrefix("qaf gather: as_of \(day) (today's date; --as-of sets another)\n"))
        #expect(stdout.hasPrefix(#"{"evidence":1,"as_of":"\#(day)","#))
    }

    @Test func usageErrors() throws {
        #expect(try runQAF(["gather"]).code == 64)
        #expect(try runQAF(["gather", "--cqc", "Data/cqc", "--as-of", "1 Oct"]).code == 64)
        let (code, _, stderr) = try runQAF(["gather", "--cqc", "Data/cqc", "--prefer", "contracts.csv"])
        #expect(code == 64)
        #expect(
            stderr.contains("--prefer 'contracts.csv' is not a source: give cqc, local, or one of the --local files"))
        let input = "Tests/Fixtures/local/pamms.yaml"
        let before = try String(contentsOfFile: path(input), encoding: .utf8)
        let over = try runQAF(["gather", "--local", input, "--output", "./" + input])
        #expect(over.code == 74)
        #expect(over.stderr.contains("cannot write ./\(input): it is an input of this run"))
        #expect(try String(contentsOfFile: path(input), encoding: .utf8) == before)
    }

    @Test func gatheredRecordsAreValidEvidenceForQAFAndForAnIndependentValidator() throws {
        let folder = NSTemporaryDirectory() + "qaf-gather-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/gathered.jsonl"
        let (code, stdout, _) = try runQAF([
            "gather", "--cqc", "Data/cqc", "Tests/Fixtures/cqc/rating-words.jsonl", "Tests/Fixtures/cqc/skips.json",
            "Tests/Fixtures/cqc/assessment-only.json", "--local", "Tests/Fixtures/local/contracts.csv",
            "Tests/Fixtures/local/safeguarding.jsonl", "--as-of", "2026-10-01", "--output", out,
        ])
        #expect(code == 0)
        #expect(stdout.isEmpty)
        let validate = try runQAF(["validate", out])
        #expect(validate.code == 0, "\(validate.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 13)
        var files: [String] = []
        for (i, line) in lines.enumerated() {
            let file = folder + "/record-\(i).json"
            try String(line).write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        let checked = try #require(
            try runTool("check-jsonschema", ["--schemafile", path("Schemas/evidence.schema.json")] + files),
            "check-jsonschema is not installed")
        #expect(checked.code == 0, "\(checked.output)")
    }
}
