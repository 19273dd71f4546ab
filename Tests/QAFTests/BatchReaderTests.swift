import Foundation
import QAFCore
import QAFCorpus
import QAFLoad
import Testing
import Yams

/// A YAML evidence file as one line of JSON, as a JSON Lines file holds it, with dates written YYYY-MM-DD.
private func jsonLine(yaml: String) throws -> String {
    func json(_ value: Any) -> Any {
        switch value {
        case let date as Date:
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            return Day.format(Day.number(year: c.year!, month: c.month!, day: c.day!))
        case let map as [AnyHashable: Any]:
            return Dictionary(uniqueKeysWithValues: map.map { ("\($0.base)", json($1)) })
        case let list as [Any]: return list.map(json)
        default: return value
        }
    }
    let data = try JSONSerialization.data(withJSONObject: json(try Yams.load(yaml: yaml) as Any), options: .sortedKeys)
    return String(decoding: data, as: UTF8.self)
}

/// The byte column of the first `needle` in `line`, 1-based.
private func column(of needle: String, in line: String) -> Int {
    line.utf8.distance(from: line.utf8.startIndex, to: line.range(of: needle)!.lowerBound) + 1
}

private let exampleFiles = try! FileManager.default.contentsOfDirectory(atPath: path("Examples")).filter {
    $0.hasSuffix(".yaml")
}.sorted()

/// Every field of the vocabulary, with texts that need escaping in JSON and quoting in CSV.
private let everyField = """
    evidence: 1
    as_of: 2026-10-01
    provider: {id: "1-101234567", name: "Brook \\"Side\\", Care — Home/Été\\t😀", service_type: care_home_nursing,
      size: 48, jointly_commissioned: true, out_of_area: false, placements: 12}
    cqc:
      overall: requires_improvement
      key_questions: {safe: requires_improvement, effective: good, caring: not_rated, responsive: good,
        well_led: inadequate}
      report_date: 2024-02-29
      enforcement: [{type: warning_notice, issued: 2026-06-01}, {type: requirement_notice}]
    pamms: {rating: poor, assessed: 2026-02-14}
    contract:
      compliance: some_issues
      breaches: [{date: 2026-03-02, serious: false}, {date: 2026-04-02, serious: true}]
      default_notices: [{issued: 2026-07-01}]
      restrictions: []
    monitoring: {returns: late, self_assessment: raises_concerns}
    engagement: partial
    improvement: {plan: none, not_sustained: false}
    safeguarding: {concerns: 5, expected: 2.5, theme: true, organisational: none}
    quality_concerns: {count: 6, widespread: true, serious: false, theme: true}
    complaints: 0
    whistleblowing: 1
    professional_concerns: 3
    feedback: often_negative
    regulatory_concerns: some
    demand: some_barriers
    findings: {leadership: false, staffing: true, processes_missing: false, poor_records: false,
      restrictive_practice: false}
    events: [{type: registered_manager_left, date: 2026-09-12}]
    mdra:
      ratings: [{partner: la_quality, rating: amber}, {partner: "icb \\"quality\\"", rating: red}]
    quality_standards: {person_centred_planning: met, lived_experience: partly_met, employee_knowledge: met,
      recruitment_and_development: met, environment_and_safety: not_met, governance: partly_met}
    host_authority_concerns: false
    previous: {level: amber, since: 2026-04-01}
    """

@Suite("Batch readers: JSON Lines and CSV read as the YAML reader reads")
struct BatchReaderTests {
    let json = JSONEvidenceReader()

    func yaml(_ text: String) throws -> EvidenceRecord { try EvidenceReader().read(file: "e.yaml", text: text).get() }

    func jsonProblems(_ line: String, number: Int = 1) -> [String] {
        problems(json.read(Array(line.utf8), file: "e.jsonl", line: number))
    }

    @Test(arguments: exampleFiles)
    func exampleReadsTheSameFromJSON(_ name: String) throws {
        let text = try String(contentsOfFile: path("Examples/" + name), encoding: .utf8)
        let line = try jsonLine(yaml: text)
        let expected = try yaml(text)
        let record = try json.read(Array(line.utf8), file: name, line: 1).get()
        #expect(record.isSameEvidence(as: expected), "\(line)")
        // The YAML reader reads JSON too, and reads the line the same.
        #expect(try yaml(line).isSameEvidence(as: record))
    }

    @Test func everyFieldReadsTheSameFromJSON() throws {
        let line = try jsonLine(yaml: everyField)
        #expect(line.contains("\\\"") && line.contains("\\t"))
        let record = try json.read(line.utf8, file: "e.jsonl", line: 1).get()
        #expect(record.isSameEvidence(as: try yaml(everyField)))
        #expect(record.texts.contains("Brook \"Side\", Care — Home/Été\t😀"))
        #expect(!record.isSameEvidence(as: try yaml(everyField.replacingOccurrences(of: "la_quality", with: "la"))))
        let noEvents = everyField.replacingOccurrences(
            of: "events: [{type: registered_manager_left, date: 2026-09-12}]", with: "events: []")
        #expect(!record.isSameEvidence(as: try yaml(noEvents)))
    }

    @Test func jsonEscapesNumbersAndNullsReadAsYAMLReadsThem() throws {
        let start = #"{"evidence":1,"as_of":"2026-10-01","provider":"#
        let expected = ["0.1", "25E-1", "1.00000000000000000001", "123456789.125e-3", "9007199254740993", "1e-7", "0"]
        let lines =
            [
                start + #"{"id":"\u0041\/1","name":"\u00e9\ud83d\ude00\n"}}"#,
                start + #"{"id":"A","name":null,"size":0},"cqc":null,"events":null}"#,
                #" { "evidence" : 1 , "as_of" : "2026-10-01" , "provider" : { "id" : 12 } , "complaints" : -0 }"#
                    + "\r\n",
                start + #"{"id":"A"},"previous":{"level":2},"events":[]}"#,
                start + #"{"id":"A"},"mdra":{"ratings":[{},{"partner":true}]}}"#,
            ] + expected.map { start + #"{"id":"A"},"safeguarding":{"concerns":1,"expected":"# + $0 + "}}" }
        // libyaml reads no surrogate pairs, so the first line is checked on its own.
        for line in lines.dropFirst() {
            let record = try json.read(line.utf8, file: "e.jsonl", line: 1).get()
            #expect(record.isSameEvidence(as: try yaml(line)), "\(line)")
        }
        let escaped = try json.read(lines[0].utf8, file: "e.jsonl", line: 1).get()
        #expect(escaped.texts.sorted() == ["A/1", "é😀\n"])
        let nulls = try json.read(lines[1].utf8, file: "e.jsonl", line: 1).get()
        #expect(nulls.lists[EvidenceSchema.standard.lists["events"]!.index].count == -1)
        #expect(nulls.scalars[EvidenceSchema.standard.scalars["provider.size"]!.slot] == 0)
    }

    /// Lines that are JSON but not evidence give the YAML reader's messages at the YAML reader's columns.
    @Test func invalidEvidenceIsReportedAsTheYAMLReaderReportsIt() throws {
        let head = #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"1-000000001"},"#
        let lines = [
            head + #""safegaurding":{"concerns":3},"cqc":{"overall":"inadequat"},"complaints":-1}"#,
            head + #""cqc":{"report_date":"2025-13-03","key_questions":{"safe":"good","saef":"good"}}}"#,
            head + #""complaints":2,"events":[{"type":"police_incidnt","date":"2026-1-2"},3,{"typ":"x"}]}"#,
            head + #""safeguarding":{"concerns":"3","expected":-1,"theme":"true"},"pamms":[],"engagement":{}}"#,
            head + #""safeguarding":{"expected":2.5,"concerns":2.0},"quality_concerns":{"count":1e2}}"#,
            head + #""findings":{"staffing":1},"safeguarding":{"expected":1e400}}"#,
            #"{"evidence":2,"provider":{"name":"x"},"as_of":20261001,"events":{}}"#,
            #"{"provider":"x","as_of":"2023-02-29","evidence":"1"}"#,
        ]
        for line in lines {
            let expected = problems(EvidenceReader().read(file: "e.jsonl", text: line))
            #expect(!expected.isEmpty)
            #expect(jsonProblems(line) == expected, "\(line)")
        }
        let duplicate = head + #""complaints":1,"complaints":2}"#
        #expect(
            jsonProblems(duplicate) == [
                "1:\(column(of: "\"complaints\":2", in: duplicate)): duplicate key 'complaints': each key may appear"
                    + " once in a mapping"
            ])
        let found = jsonProblems(lines[0], number: 7)
        let unknownKey: String =
            "7:\(column(of: "\"safegaurding", in: lines[0])): unknown key 'safegaurding' in the evidence; expected"
            + " one of evidence, as_of, provider, cqc, pamms, contract, monitoring, engagement, improvement,"
            + " safeguarding, quality_concerns, complaints, whistleblowing, professional_concerns, feedback,"
            + " regulatory_concerns, demand, findings, events, mdra, quality_standards, host_authority_concerns,"
            + " previous; did you mean 'safeguarding'?"
        let unknownValue: String =
            "7:\(column(of: "\"inadequat", in: lines[0])): 'inadequat' is not a value of 'cqc.overall'; expected"
            + " one of outstanding, good, requires_improvement, inadequate, not_rated; did you mean 'inadequate'?"
        #expect(found.prefix(2) == [unknownKey, unknownValue])
        #expect(
            jsonProblems(#"{"evidence":1,"provider":{},"cqc":{"report_date":"3 May"}}"#) == [
                "1:1: the evidence is missing the required key 'as_of'",
                "1:26: 'provider' is missing the required key 'id'",
                "1:50: 'cqc.report_date' must be a date written YYYY-MM-DD, found '3 May'",
            ])
    }

    @Test func malformedJSONIsReportedWhereItGoesWrong() {
        let escapes = #"\" \\ \/ \b \f \n \r \t and \u with four hex digits"#
        let cases: [(String, String)] = [
            (
                #"{"evidence":1 "as_of":"2026-10-01"}"#,
                #"1:15: expected ',' or '}' after a member of the evidence, found '"'"#
            ),
            (#"{"evidence":1,}"#, "1:15: expected a key in double quotes, found '}'"),
            (#"{"evidence" 1}"#, "1:13: expected ':' after the key 'evidence', found '1'"),
            (#"{"provider":{"id":"A"]}"#, #"1:22: expected ',' or '}' after a member of 'provider', found ']'"#),
            (#"{"events":[{} {}]}"#, "1:15: expected ',' or ']' after an entry of 'events', found '{'"),
            (#"{"provider":{"name":"Bro"#, "1:21: a string is not closed before the end of the line"),
            (#"{"provider":{"name":"a\qb"}}"#, #"1:23: invalid escape '\q' in a string; JSON has "# + escapes),
            (#"{"provider":{"name":"a\u12G4"}}"#, #"1:23: invalid escape '\u' in a string; JSON has "# + escapes),
            (
                "{\"provider\":{\"name\":\"a\tb\"}}",
                "1:23: a control character in a string must be written as an escape such as \\n or \\t"
            ),
            (#"{"complaints":01}"#, "1:15: '01' is not a number as JSON writes numbers"),
            (#"{"complaints":1.}"#, "1:15: '1.' is not a number as JSON writes numbers"),
            (#"{"complaints":tru}"#, "1:15: expected a value, found 'tru'"),
            (#"{"complaints":}"#, "1:15: expected a value, found '}'"),
            (#"{"x":{"y":[1,{"z":nul}]}}"#, "1:19: expected a value, found 'nul'"),
            (#"{"evidence":1} {"#, "1:16: expected the end of the line after the evidence, found '{'"),
            (#"{"evidence":1"#, "1:14: expected ',' or '}' after a member of the evidence, found the end of the line"),
            ("  \r\n", "1:1: the evidence is empty"),
            ("[1]", "1:1: the evidence must be a mapping of keys to values, found a list"),
            (#""x""#, "1:1: the evidence must be a mapping of keys to values, found 'x'"),
            (String(repeating: "{\"x\":[", count: 40), "1:198: the JSON nests deeper than 64 levels"),
        ]
        for (line, expected) in cases {
            let found = jsonProblems(line)
            #expect(found.last == expected, "\(line)")
        }
    }

    @Test func jsonProblemsCarryTheLineForTheCaret() throws {
        let line = #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"A"},"feedback":"mixd"}"# + "\n"
        guard case .failure(let d) = json.read(line.utf8, file: "batch.jsonl", line: 12) else {
            Issue.record("expected a failure")
            return
        }
        #expect(d.items.map(\.location.description) == ["batch.jsonl:12:\(column(of: "\"mixd", in: line))"])
        #expect(d.items.first?.sourceLine == String(line.dropLast()))
        #expect(d.items.first?.message.hasSuffix("did you mean 'mixed'?") == true)
    }

    // MARK: CSV

    static let csvHeader =
        "as_of,provider.id,provider.name,cqc.overall,cqc.report_date,safeguarding.concerns,safeguarding.expected,"
        + "findings.staffing,events,events[0].type,events[0].date,events[1].type,events[1].date,"
        + "mdra.ratings[0].partner,mdra.ratings[0].rating,previous.level,evidence"

    func csv() throws -> CSVEvidenceReader { try CSVEvidenceReader(header: Array(Self.csvHeader.utf8), file: "e.csv") }

    func csvProblems(_ row: String, line: Int = 2) throws -> [String] {
        problems(try csv().read(row: Array(row.utf8), line: line))
    }

    @Test func csvRowsReadAsTheirYAML() throws {
        let head = "evidence: 1\nas_of: 2026-10-01\n"
        let cases: [(String, String)] = [
            (
                #"2026-10-01,1-1,"Brook ""Side"", Care",good,2025-11-03,5,2.5,true,,police_incident,2026-09-12,"#
                    + #"risk_of_harm,2026-09-13,la_quality,amber,2,1"# + "\r\n",
                head + """
                    provider: {id: "1-1", name: 'Brook "Side", Care'}
                    cqc: {overall: good, report_date: 2025-11-03}
                    safeguarding: {concerns: 5, expected: 2.5}
                    findings: {staffing: true}
                    events: [{type: police_incident, date: 2026-09-12}, {type: risk_of_harm, date: 2026-09-13}]
                    mdra: {ratings: [{partner: la_quality, rating: amber}]}
                    previous: {level: "2"}
                    """
            ),
            (
                #"2026-10-01,"X,2",,,,0,,FALSE,[],,,,,"",,green,"#,
                head + "provider: {id: 'X,2'}\nsafeguarding: {concerns: 0}\nfindings: {staffing: false}\n"
                    + "events: []\nprevious: {level: green}"
            ),
            (
                #"2026-10-01,X,,,,,,,,serious_incident,,,,,red,,"#,
                head + "provider: {id: X}\nevents: [{type: serious_incident}]\nmdra: {ratings: [{rating: red}]}"
            ),
        ]
        let reader = try csv()
        for (row, yamlText) in cases {
            let record = try reader.read(row: Array(row.utf8), line: 2).get()
            #expect(record.isSameEvidence(as: try yaml(yamlText)), "\(row)")
        }
    }

    @Test func csvHeaderErrorsNameTheColumn() {
        let header = "as_of,provider.id,safegaurding.concerns,events[0].typ,events[01].type,cqc,,as_of"
        #expect(throws: Diagnostics.self) { try CSVEvidenceReader(header: Array(header.utf8), file: "e.csv") }
        do {
            _ = try CSVEvidenceReader(header: Array(header.utf8), file: "e.csv")
        } catch {
            let expected =
                "; expected the dotted name of an evidence field, such as 'cqc.overall', or of a field of"
                + " a list's entry, such as 'cqc.enforcement[0].type'"
            #expect(
                error.sorted.map { "\($0.location): \($0.message)" } == [
                    "e.csv:1:19: unknown column 'safegaurding.concerns'\(expected); did you mean"
                        + " 'safeguarding.concerns'?",
                    "e.csv:1:41: unknown column 'events[0].typ'\(expected); did you mean 'events[0].type'?",
                    "e.csv:1:55: unknown column 'events[01].type'\(expected); did you mean 'events[0].type'?",
                    "e.csv:1:71: unknown column 'cqc'\(expected)",
                    "e.csv:1:75: column 7 of the header has no name",
                    "e.csv:1:76: duplicate column 'as_of' (also column 1)",
                ])
        }
        #expect(throws: Diagnostics.self) {
            try CSVEvidenceReader(header: Array("as_of,cqc.overall".utf8), file: "e.csv")
        }
    }

    @Test func csvRowErrorsPointAtTheCell() throws {
        let enumText = "expected one of outstanding, good, requires_improvement, inadequate, not_rated"
        let cases: [(String, [String])] = [
            (
                "2026-10-01,A,,inadequat,2025-13-03,-1,,yes,,,,,,,,,2",
                [
                    "2:15: 'inadequat' is not a value of 'cqc.overall'; \(enumText); did you mean 'inadequate'?",
                    "2:25: 'cqc.report_date' must be a date written YYYY-MM-DD, found '2025-13-03'",
                    "2:36: 'safeguarding.concerns' must be a whole number of 0 or more, found '-1'",
                    "2:40: 'findings.staffing' must be true or false, found 'yes'",
                    "2:52: 'evidence' must be 1, found '2'",
                ]
            ),
            (
                ",,,,,,,,,,,,,,,,",
                [
                    "2:1: the evidence is missing the required key 'as_of'",
                    "2:2: 'provider' is missing the required key 'id'",
                ]
            ),
            (
                "2026-10-01,A,,,,,,,,,,risk_of_harm,,,,,",
                ["2:23: entry 0 of 'events' is empty but entry 1 is not; fill entries from [0] without gaps"]
            ),
            (
                "2026-10-01,A,,,,,,,[],risk_of_harm,,,,,,,",
                ["2:20: 'events' is [] (empty) but cells of its entries are filled"]
            ),
            (
                "2026-10-01,A,,,,,,,none,,,,,,,,",
                [
                    "2:20: 'events' must be [] to state that the list is empty, found 'none'; give its entries in"
                        + " columns such as 'events[0].type'"
                ]
            ),
            (
                "2026-10-01,A,\"Brook,,,,,,,,,,,,,,",
                ["2:14: a quoted cell is not closed before the end of the line (a cell may not hold a line break)"]
            ),
            (
                "2026-10-01,A,\"Brook\"x,,,,,,,,,,,,,,",
                [
                    "2:21: expected ',' after the closing quote of a cell; a quote inside a quoted cell is written"
                        + " twice (\"\")"
                ]
            ),
            ("2026-10-01,A,,,,,,,,,,,,,,", ["2:27: the row has 16 cells but the header has 17 columns"]),
            ("\r\n", ["2:1: the row is empty"]),
            ("2026-10-01,A,,,,,,,,,,,,,,,,", ["2:29: the row has more cells than the header has columns (17)"]),
        ]
        for (row, expected) in cases {
            let found = try csvProblems(row)
            #expect(found == expected, "\(row)")
        }
    }

    // MARK: Made-up corpora

    @Test func generatedCorpusReadsTheSameFromEveryFormat() throws {
        var generator = CorpusGenerator(seed: 7)
        let csv = try CSVEvidenceReader(header: Array(CorpusGenerator.csvHeader().utf8), file: "c.csv")
        for line in 1...300 {
            var copy = generator
            let text = generator.next()
            let record = try json.read(text.utf8, file: "c.jsonl", line: line).get()
            #expect(record.isSameEvidence(as: try yaml(text)), "\(text)")
            let row = copy.nextCSVRow()
            #expect(try csv.read(row: row.utf8, line: line + 1).get().isSameEvidence(as: record), "\(row)")
        }
    }
}
