import Foundation
import QAFCore
import QAFReport
import Testing

/// The helpers every stage shares, each with one home: answers worked out by hand, not by the code under test.
@Suite("One home per helper: CSV fields, JSON strings, dates, Markdown cells, the schema's places, file bytes")
struct SharedHelperTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("Oak, Elm", "\"Oak, Elm\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("Café Ünïcode", "Café Ünïcode"),
        // One character to Swift, but a line break and a quote to a CSV reader.
        ("A\r\nB", "\"A\r\nB\""),
        ("x\"\u{301}y", "\"x\"\"\u{301}y\""),
        ("a,\u{301}b", "\"a,\u{301}b\""),
    ])
    func csvFieldsAreQuotedOnlyWhenTheyMustBe(field: String, expected: String) {
        #expect(CSVField.quoted(field) == expected)
    }

    @Test func aDecisionRowNeutralisesAFormulaBeforeQuotingIt() {
        // Decisions' CSV guards spreadsheet formulas; the corpus's evidence rows never did, and do not.
        #expect(CSVField.quoted(SpreadsheetCell.neutralised("=HYPERLINK(\"x\")")) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVField.quoted(SpreadsheetCell.neutralised("-1")) == "-1")
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControlsOnly() {
        let text = "a\"b\\c\nd\re\tf\u{1}g\u{1F}h\u{7F}é"
        let expected = #""a\"b\\c\nd\re\tf\u0001g\u001fh"# + "\u{7F}é\""
        #expect(String(decoding: JSONBytes.quoted(text), as: UTF8.self) == expected)
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        JSONBytes.appendQuoted(text, to: &bytes)
        #expect(bytes == [UInt8(ascii: "[")] + Array(expected.utf8))
        var string = "["
        JSONBytes.appendQuoted(text, to: &string)
        #expect(string == "[" + expected)
        var plain = ""
        JSONBytes.appendQuoted("Oakfield House", to: &plain)
        #expect(plain == "\"Oakfield House\"")
    }

    @Test func jsonDatesAreWrittenWithFourDigitYears() {
        var out: [UInt8] = []
        JSONBytes.appendDate(Day.number(year: 2026, month: 3, day: 9), to: &out)
        JSONBytes.appendDate(0, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "2026-03-091970-01-01")
    }

    @Test(arguments: [
        ("1970-01-01", 0),
        ("1970-01-02", 1),
        ("1969-12-31", -1),
        ("2024-02-29", 19_782),
        ("2000-02-29", 11_016),
        ("2026-10-01", 20_727),
    ])
    func datesParseFromTextAndFromBytesAlike(text: String, day: Int) {
        #expect(Day.parse(text) == day)
        #expect(Day.parse(text[...]) == day)
        #expect(Array(text.utf8).withUnsafeBufferPointer(Day.parse(bytes:)) == day)
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-00", "2026-4-01", "2026-04-1",
        "2026/04/01", "2026-04-01x", " 2026-04-01", "20a6-04-01", "2026-0a-01", "", "+026-04-01", "2026-04-+1",
    ])
    func impossibleOrMisshapenDatesAreRefused(text: String) {
        #expect(Day.parse(text) == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer(Day.parse(bytes:)) == nil)
    }

    @Test func markdownCellsOfAuthoredTextJoinLinesAndEscapePipes() {
        let text = "a | b\n  c  \n\nd"
        #expect(MarkdownText.authoredCell(text) == "a \\| b c d")
        #expect(MarkdownText.authoredCell(text, trimmingLines: false) == "a \\| b   c   d")
        #expect(MarkdownText.oneLine("when: x\n    and y  ") == "when: x and y")
        // Authored Markdown is trusted: its code spans and emphasis stay.
        #expect(MarkdownText.authoredCell("`cqc.overall` is *poor*") == "`cqc.overall` is *poor*")
        // Evidence is not: every markup character is escaped.
        #expect(MarkdownText.cell("`x` | *y* [z](u)") == "\\`x\\` \\| \\*y\\* \\[z\\](u)")
    }

    @Test func theSchemaIsWalkedOnceIntoPlacesWithPathsAndSlots() {
        let schema = EvidenceSchema(root: [
            SchemaMember("a", .field(.count(.nonNegative)), "a count"),
            SchemaMember(
                "g",
                .object([
                    SchemaMember("b", .field(.text), "a text"),
                    SchemaMember(
                        "l",
                        .field(
                            .list([SchemaMember("x", .field(.date), "x"), SchemaMember("y", .field(.boolean), "y")])),
                        "a list", declaredIn: "local.yaml"),
                ]), "a group"),
            SchemaMember("c", .field(.date), "a date", declaredIn: "local.yaml"),
        ])
        #expect(schema.places.map(\.path) == ["a", "g", "c"])
        #expect(schema.fields.map(\.path) == ["a", "g.b", "g.l", "c"])
        let layouts = schema.fields.map { place -> String in
            switch place.layout {
            case .scalar(let spec): return "scalar \(spec.path) slot \(spec.slot)"
            case .list(let spec): return "list \(spec.path) index \(spec.index) of \(spec.elementFieldOrder)"
            case .object: return "object"
            }
        }
        #expect(
            layouts == [
                "scalar a slot 0", "scalar g.b slot 1", "list g.l index 0 of [\"x\", \"y\"]", "scalar c slot 2",
            ])
        guard case .object(let group) = schema.places[1].layout else {
            Issue.record("g is not a group")
            return
        }
        #expect(group.map(\.path) == ["g.b", "g.l"])
        #expect(schema.localMembers.map(\.path) == ["g.l", "c"])
        #expect(VocabularyTable.fields(of: schema).map(\.path) == ["a", "g.b", "g.l", "c"])
    }

    @Test func fileBytesAreTheFileAsWrittenAndFoldersAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-utf8.bin").path
        let written: [UInt8] = [0x61, 0x0A, 0xFF, 0x62]
        #expect(FileManager.default.createFile(atPath: file, contents: Data(written)))
        #expect(try [UInt8](FileText.bytes(file).get()) == written)
        guard case .failure(let notText) = FileText.read(file) else {
            Issue.record("bytes that are not UTF-8 were read as text")
            return
        }
        #expect(notText.description == "\(file):2:1: error: the file is not UTF-8 text: byte 0xFF here is not UTF-8")
        guard case .failure(let isFolder) = FileText.bytes(folder.path) else {
            Issue.record("a folder was read as a file")
            return
        }
        #expect(
            isFolder.description == "\(folder.path):1:1: error: cannot read this: it is a folder, not a regular file")
        guard case .failure(let missing) = FileText.bytes(folder.path + "/none") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.description == "\(folder.path)/none:1:1: error: no such file")
    }
}
