import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport
import Testing

/// A policy owner's own evidence, declared in YAML (`vocabulary:`), through every stage: Examples/local/.
@Suite("Local evidence: declared in the policy, read like standard evidence")
struct LocalEvidenceTests {
    static let policy = "Examples/local/agency-staff.yaml"

    /// A policy whose top level also holds `extra` (a `vocabulary:` here): the policy of `policyText`.
    static func policy(vocabulary: String, criteria: String = criterion("c", "moderate", "complaints > 1")) -> String {
        policyText(criteria: criteria, requires: vocabulary)
    }

    /// Line 7 of `policyText` is where `vocabulary:` starts; the column of `word` on line `line` of `text`.
    static func column(of word: String, line: Int, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let l = lines[line - 1]
        return l.distance(from: l.startIndex, to: l.range(of: word)!.lowerBound) + 1
    }

    // MARK: the example, end to end with the binary

    /// Worked by hand from the policy: Brookfield House 34% agency and a visit with some concerns (two moderate:
    /// level 2); Elm Lodge nothing above a threshold (level 1); The Larches 56% agency, serious concerns and a
    /// medication error with harm (level 3, vacancies unknown).
    @Test(arguments: ["Examples/local/agency-staff.jsonl", "Examples/local/agency-staff.csv"])
    func everyFormatGivesTheSameDecisions(file: String) throws {
        let (code, stdout, stderr) = try runQAF(["evaluate", "--policy", Self.policy, file, "--format", "csv"])
        #expect(code == 0, "\(stderr)")
        let rows = stdout.split(separator: "\n").dropFirst().map { row -> String in
            var cells = row.split(separator: ",", omittingEmptySubsequences: false)
            cells.remove(at: 3)  // the evidence column names the file and line
            return cells.joined(separator: ",")
        }
        #expect(
            rows == [
                "agency_staffing,1-1188203344,Brookfield House,2026-11-30,complete,2,Medium,,none,"
                    + "agency_staff_high;last_visit_raised_concerns,,no,,,",
                "agency_staffing,1-2290114477,Elm Lodge,2026-11-30,complete,1,Low,,none,,,no,,,",
                "agency_staffing,1-3307761290,The Larches,2026-11-30,complete,3,High,,none,agency_staff_high;"
                    + "agency_staff_very_high;last_visit_raised_concerns;last_visit_serious_concerns;"
                    + "medication_error_with_harm,,no,,many_vacancies,workforce.vacancies",
            ])
    }

    @Test func theYAMLFileIsLevel2() throws {
        let (code, stdout, _) = try runQAF([
            "evaluate", "--policy", Self.policy, "Examples/local/agency-staff-high.yaml", "--format", "csv",
        ])
        #expect(code == 0)
        #expect(
            stdout.hasSuffix(
                ",Brookfield House,Examples/local/agency-staff-high.yaml,2026-11-30,complete,2,Medium,,none,"
                    + "agency_staff_high;last_visit_raised_concerns,,no,,,\n"))
    }

    /// `qaf gather --policy P` takes the authority's records of its own evidence into the evidence it writes.
    @Test func gatherCarriesLocalRecords() throws {
        let records = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-gather-\(getpid()).csv").path
        try "provider.id,workforce.agency_percent,visits.last_outcome\n1-1188203344,34,some_concerns\n".write(
            toFile: records, atomically: true, encoding: .utf8)
        let without = try runQAF(["gather", "--local", records, "--as-of", "2026-11-30"])
        #expect(without.code != 0 && without.stderr.contains("unknown column 'workforce.agency_percent'"))
        let (code, stdout, stderr) = try runQAF([
            "gather", "--local", records, "--as-of", "2026-11-30", "--policy", Self.policy,
        ])
        #expect(code == 0, "\(stderr)")
        #expect(
            stdout
                == #"{"evidence":1,"as_of":"2026-11-30","provider":{"id":"1-1188203344"},"visits":{"last_outcome":"some_concerns"},"workforce":{"agency_percent":34},"provenance":{"provider.id":""#
                + records + #":2","visits.last_outcome":""# + records + #":2","workforce.agency_percent":""# + records
                + #":2"}}"# + "\n")
    }

    @Test func explainShowsTheLocalEvidenceItRead() throws {
        let (code, stdout, _) = try runQAF([
            "explain", "--policy", Self.policy, "Examples/local/agency-staff-high.yaml",
        ])
        #expect(code == 0)
        #expect(
            stdout.contains(
                "    when: workforce.agency_percent > agency_moderate\n      workforce.agency_percent = 34\n"))
        #expect(stdout.contains("      visits.last_outcome = some_concerns\n"))
    }

    @Test func theSuitePassesWithFullCoverage() throws {
        let (code, stdout, stderr) = try runQAF(["test", "Examples/local/tests", "--coverage"])
        #expect(code == 0, "\(stderr)")
        #expect(stdout == "agency_staffing: 100.0% covered (15 of 15)\n6 passed, 0 failed\n")
    }

    @Test func validateReadsLocalEvidenceOnlyWithItsPolicy() throws {
        let alone = try runQAF(["validate", "Examples/local/agency-staff.csv"])
        #expect(alone.code == 2)
        #expect(
            alone.stderr.contains(
                "Examples/local/agency-staff.csv:1:33: error: unknown column 'workforce.agency_percent'"))
        let withPolicy = try runQAF(["validate", "--policy", Self.policy, "Examples/local/agency-staff.csv"])
        #expect(withPolicy.code == 0, "\(withPolicy.stderr)")
        #expect(withPolicy.stdout == "1 file(s) valid\n")
        let folder = try runQAF(["validate", "Examples/local/"])
        #expect(folder.code == 0, "\(folder.stderr)")
        #expect(folder.stdout == "6 file(s) valid\n")
    }

    @Test func theSchemaForTheEditorIsCommittedAndAnIndependentValidatorAgrees() throws {
        let (code, stdout, _) = try runQAF(["schema", "--policy", Self.policy])
        #expect(code == 0)
        let committed = try String(contentsOfFile: path("Examples/local/agency-staff.schema.json"), encoding: .utf8)
        #expect(
            stdout == committed, "run: qaf schema --policy \(Self.policy) > Examples/local/agency-staff.schema.json")
        #expect(stdout.contains(#""minimum": 0,\#n          "maximum": 100,\#n          "x-qaf-unit": "percent""#))
        let standard = try runQAF(["schema"])
        #expect(standard.stdout == (try String(contentsOfFile: path("Schemas/evidence.schema.json"), encoding: .utf8)))

        let good = try #require(
            try runTool(
                "check-jsonschema",
                ["--schemafile", "Examples/local/agency-staff.schema.json", "Examples/local/agency-staff-high.yaml"]))
        #expect(good.code == 0, "\(good.output)")
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-agency-bad.yaml").path
        try "evidence: 1\nas_of: 2026-11-30\nprovider: {id: x}\nworkforce: {agency_percent: 130}\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let rejected = try #require(
            try runTool("check-jsonschema", ["--schemafile", "Examples/local/agency-staff.schema.json", bad]))
        #expect(rejected.code != 0)
    }

    /// The policy and shared-file schemas accept the example's declarations and share one definition of them.
    @Test func declarationsHaveAnEditorSchema() throws {
        let policy = try #require(
            try runTool("check-jsonschema", ["--schemafile", "Schemas/policy.schema.json", Self.policy]))
        #expect(policy.code == 0, "\(policy.output)")
        let shared = try #require(
            try runTool(
                "check-jsonschema",
                ["--schemafile", "Schemas/vocabulary.schema.json", "Examples/local/local-evidence.yaml"]))
        #expect(shared.code == 0, "\(shared.output)")
        func defs(_ file: String) throws -> NSDictionary {
            let data = try Data(contentsOf: URL(fileURLWithPath: path(file)))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return try #require(object?["$defs"] as? [String: Any]).filter { $0.key != "expression" } as NSDictionary
        }
        #expect(try defs("Schemas/vocabulary.schema.json") == defs("Schemas/policy.schema.json"))
    }

    @Test func theDocumentShowsTheLocalEvidence() throws {
        let (code, _, stderr) = try runQAF(["document", Self.policy, "--check"])
        #expect(code == 0, "\(stderr)")
        let document = try String(contentsOfFile: path("Examples/local/agency-staff.md"), encoding: .utf8)
        #expect(
            document.contains(
                "| `workforce.agency_percent` | percentage from 0 to 100 | Share of care hours worked by agency staff "
                    + "over the last three months |\n"))
        #expect(
            document.contains(
                "| `visits.last_outcome` | good, some_concerns, serious_concerns (ordered) | Outcome of the last "
                    + "quality visit, best to worst |\n"))
    }

    // MARK: evidence that does not fit

    @Test func outOfRangeAndMisspeltLocalEvidenceIsPositioned() throws {
        let compiled = try PolicyCompiler.compile(file: path(Self.policy)).get()
        let text = """
            evidence: 1
            as_of: 2026-11-30
            provider: {id: x}
            workforce: {agency_percent: 130, vacancies: 501, agency_percnt: 3}
            visits: {last_outcome: some_concern}
            medication_errors: [{date: 2026-11-01, harm: maybe}]
            """
        let read = EvidenceReader(schema: compiled.schema).read(file: "e.yaml", text: text)
        #expect(
            problems(read)
                == [
                    "4:29: 'workforce.agency_percent' must be a percentage from 0 to 100, found '130'",
                    "4:45: 'workforce.vacancies' must be a whole number from 0 to 500, found '501'",
                    "4:50: unknown key 'agency_percnt' in 'workforce'; expected one of agency_percent, vacancies; did you mean 'agency_percent'?",
                    "5:24: 'some_concern' is not a value of 'visits.last_outcome'; expected one of good, some_concerns, serious_concerns; did you mean 'some_concerns'?",
                    "6:46: 'medication_errors[].harm' must be true or false, found 'maybe'",
                ].map { $0 })
        // The byte-level readers word and place the same problems.
        let json =
            #"{"evidence":1,"as_of":"2026-11-30","provider":{"id":"x"},"workforce":{"agency_percent":100.5,"vacancies":-1}}"#
        let jsonRead = JSONEvidenceReader(schema: compiled.schema).read(Array(json.utf8), file: "e.jsonl", line: 1)
        #expect(
            problems(jsonRead).map { $0.split(separator: " ", maxSplits: 1)[1] } == [
                "'workforce.agency_percent' must be a percentage from 0 to 100, found '100.5'",
                "'workforce.vacancies' must be a whole number from 0 to 500, found '-1'",
            ])
        let csv = try CSVEvidenceReader(
            header: Array("as_of,provider.id,workforce.agency_percent,visits.last_outcome".utf8), file: "e.csv",
            schema: compiled.schema)
        #expect(
            problems(csv.read(row: Array("2026-11-30,x,-3,worse".utf8), line: 2)) == [
                "2:14: 'workforce.agency_percent' must be a percentage from 0 to 100, found '-3'",
                "2:17: 'worse' is not a value of 'visits.last_outcome'; expected one of good, some_concerns, serious_concerns",
            ])
    }

    @Test func misspeltLocalNamesGetTheNearestInJSONAndCSV() throws {
        let compiled = try PolicyCompiler.compile(file: path(Self.policy)).get()
        let json = #"{"evidence":1,"as_of":"2026-11-30","provider":{"id":"x"},"visits":{"last_outcom":"good"}}"#
        let jsonRead = JSONEvidenceReader(schema: compiled.schema).read(Array(json.utf8), file: "e.jsonl", line: 1)
        #expect(
            problems(jsonRead) == [
                "1:\(json.distance(from: json.startIndex, to: json.range(of: "\"last_outcom")!.lowerBound) + 1): "
                    + "unknown key 'last_outcom' in 'visits'; expected one of last_outcome; did you mean 'last_outcome'?"
            ])
        do {
            _ = try CSVEvidenceReader(
                header: Array("as_of,provider.id,medication_errors[0].harn".utf8), file: "e.csv",
                schema: compiled.schema)
            Issue.record("a misspelt column was accepted")
        } catch {
            #expect(
                error.sorted.map { "\($0.location.line):\($0.location.column): \($0.message)" } == [
                    "1:19: unknown column 'medication_errors[0].harn'; expected the dotted name of an evidence field, "
                        + "such as 'cqc.overall', or of a field of a list's entry, such as 'cqc.enforcement[0].type'; "
                        + "did you mean 'medication_errors[0].harm'?"
                ])
        }
    }

    @Test func anAbsentLocalFieldIsUnknownNeverFine() throws {
        let compiled = try PolicyCompiler.compile(file: path(Self.policy)).get()
        let record = try EvidenceReader(schema: compiled.schema).read(
            file: "e.yaml", text: "evidence: 1\nas_of: 2026-11-30\nprovider: {id: x}\nvisits: {last_outcome: good}\n"
        ).get()
        let d = Evaluator(policy: compiled).evaluate(record)
        #expect(d.levelValue?.id.description == "1" && d.status.rawValue == "incomplete")
        #expect(d.couldReachValue?.id.description == "3")
        #expect(
            unassessedIDs(d) == [
                "agency_staff_high", "agency_staff_very_high", "many_vacancies", "medication_error_with_harm",
            ])
    }

    // MARK: declarations that do not fit

    @Test func redeclaringAStandardFieldIsAnError() {
        let text = Self.policy(vocabulary: "vocabulary:\n  cqc.overall: {type: text, means: Our rating}")
        #expect(
            problems(compile(text)) == [
                "8:3: 'cqc.overall' is standard evidence; a policy uses it as it is and cannot declare it again: "
                    + "remove this declaration, or give your own field a path of its own"
            ])
        let inside = Self.policy(vocabulary: "vocabulary:\n  cqc.overall.local: {type: text, means: x}")
        #expect(
            problems(compile(inside)) == [
                "8:3: 'cqc.overall' is a standard field, so 'cqc.overall.local' cannot be declared inside it; "
                    + "choose a path of its own"
            ])
    }

    @Test func anUnknownTypeGetsTheNearestOne() {
        let text = Self.policy(vocabulary: "vocabulary:\n  workforce.agency_percent: {type: percnt, means: x}")
        #expect(
            problems(compile(text)) == [
                "8:\(Self.column(of: "percnt", line: 8, in: text)): unknown type 'percnt' for "
                    + "'workforce.agency_percent'; expected one of count, number, percent, boolean, date, text, list; "
                    + "did you mean 'percent'?"
            ])
    }

    @Test func malformedDeclarationsAreErrorsWhereTheyAre() {
        let text = Self.policy(
            vocabulary: """
                vocabulary:
                  workforce.agency_percent: {type: percent}
                  workforce.vacancies: {type: count, min: 10, max: 5, means: x}
                  workforce.Turnover: {type: number, means: x}
                  visits.outcomes: {type: list, means: x}
                  visits.last: {values: [], means: x}
                  visits.grade: {type: percent, max: 120, means: x}
                  visits.kind: {type: text, values: [a, b], means: x}
                  a.b.c.d.e.f.g: {type: text, means: x}
                """)
        #expect(
            problems(compile(text)) == [
                "8:29: the declaration of 'workforce.agency_percent' is missing the required key 'means'",
                "9:38: 'min' of 'workforce.vacancies' is more than its 'max'",
                "10:3: 'workforce.Turnover' is not a field path: write lower_snake_case names joined by dots, such "
                    + "as 'workforce.agency_percent' ('Turnover' is not one)",
                "11:27: 'visits.outcomes' is a list: declare each entry's fields under 'items'",
                "12:25: 'values' of 'visits.last' lists no values",
                "13:38: 'max' of a percent must be a percentage from 0 to 100, found 120",
                "14:17: 'visits.kind' has both 'type' and 'values'; a field with values has no other type",
                "15:3: 'a.b.c.d.e.f.g' has 7 parts; a field's path has at most 6, such as 'workforce.agency_percent'",
            ])
    }

    /// The readers keep one object's keys in 64 bits: a declaration past that is an error, never a crash.
    @Test func anObjectHoldsAtMost64Fields() {
        let standardTop = EvidenceSchema.standard.root.count
        let declarations = (0..<(65 - standardTop)).map { "  f\($0): {type: count, means: x}" }
        let text = Self.policy(vocabulary: "vocabulary:\n" + declarations.joined(separator: "\n"))
        let last = 65 - standardTop - 1
        #expect(
            problems(compile(text)) == [
                "\(8 + last):3: the evidence already holds 64 fields, the most one object of the evidence may hold; "
                    + "put 'f\(last)' in a group (a dotted path) of its own"
            ])
    }

    @Test func aLocalFieldOneTypoFromAStandardOneIsWarned() throws {
        let text = Self.policy(
            vocabulary: "vocabulary:\n  safeguarding.concern: {type: count, means: x}",
            criteria: criterion("c", "moderate", "safeguarding.concern > 1"))
        let d = RunVocabulary.schema(for: [PolicyReader.read(file: "policy.yaml", text: text).0!]).1
        #expect(
            d.sorted.map(\.description) == [
                "policy.yaml:8:3: warning: 'safeguarding.concern' is declared as local evidence; did you mean the "
                    + "standard field 'safeguarding.concerns'?"
            ])
        _ = try compiled(text)  // a warning, not an error
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-near-\(getpid()).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        var warnings = Diagnostics()
        _ = try PolicyCompiler.compile(files: [file], warnings: &warnings).get()
        #expect(warnings.sorted.map(\.location.description) == ["\(file):8:3"])
    }

    @Test func aCriterionMisspellingALocalFieldGetsItsName() {
        let text = Self.policy(
            vocabulary: "vocabulary:\n  workforce.agency_percent: {type: percent, means: x}",
            criteria: criterion("c", "moderate", "workforce.agency_percnt > 30"))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("workforce.agency_percnt > 30")
        }.map { $0 + 1 }
        #expect(
            problems(compile(text)) == [
                "\(line ?? 0):\(Self.column(of: "workforce.agency_percnt", line: line ?? 0, in: text)): unknown name "
                    + "'workforce.agency_percnt': not an evidence field, parameter or value; did you mean 'workforce.agency_percent'?"
            ])
    }

    @Test func twoPoliciesMustDeclareAFieldAlike() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-clash-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shared = try String(contentsOfFile: path("Examples/local/local-evidence.yaml"), encoding: .utf8)
        try shared.write(toFile: folder + "/local-evidence.yaml", atomically: true, encoding: .utf8)
        let a = Self.policy(
            vocabulary: "vocabulary:\n  - local-evidence.yaml\n  - workforce.agency_percent: {type: percent, means: x}"
        )
        let b = Self.policy(
            vocabulary: "vocabulary:\n  - local-evidence.yaml\n  - workforce.agency_percent: {type: number, means: x}"
        ).replacingOccurrences(of: "id: demo", with: "id: demo_b")
        try a.write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try b.write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        let result = PolicyCompiler.compile(files: [folder + "/a.yaml", folder + "/b.yaml"])
        #expect(
            problems(result) == [
                "9:5: 'workforce.agency_percent' is declared differently at \(folder)/a.yaml:9:5; policies in one "
                    + "run must declare a field the same way: keep one declaration, in a shared vocabulary file both "
                    + "policies name"
            ])
        // The shared file named by both is one declaration, not a clash.
        try b.replacingOccurrences(of: "type: number", with: "type: percent").write(
            toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        let both = try PolicyCompiler.compile(files: [folder + "/a.yaml", folder + "/b.yaml"]).get()
        #expect(both.count == 2 && both[0].schema === both[1].schema)
        #expect(
            both[0].schema.scalars["visits.last_outcome"] != nil && both[0].schema.lists["medication_errors"] != nil)
    }

    /// Standard evidence keeps its layout when a policy adds fields, so records and decisions are unchanged.
    @Test func standardFieldsKeepTheirSlots() throws {
        let local = try PolicyCompiler.compile(file: path(Self.policy)).get().schema
        let standard = EvidenceSchema.standard
        for path in standard.scalarOrder {
            #expect(local.scalars[path]?.slot == standard.scalars[path]?.slot, "\(path)")
        }
        for path in standard.listOrder { #expect(local.lists[path]?.index == standard.lists[path]?.index, "\(path)") }
        #expect(local.scalarOrder.count == standard.scalarOrder.count + 3)
    }
}
