import Foundation
import QAFCore
import QAFReport
import Testing

@testable import QAFLoad

@Suite("The standard vocabulary is data")
struct VocabularyTests {
    static let file = "Vocabulary/standard.yaml"

    @Test func theBinaryCarriesTheFileAsItIsInTheRepository() throws {
        let onDisk = try String(contentsOfFile: path(Self.file), encoding: .utf8)
        #expect(standardVocabularyText == onDisk, "rebuild: the embedded vocabulary is older than \(Self.file)")
        let (_, _, problems) = StandardVocabulary.readChecked(file: Self.file, text: onDisk)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A maintainer checks the file before rebuilding: `qaf validate` reads it as the engine will.
    @Test func validateChecksTheStandardFile() throws {
        let good = try runQAF(["validate", Self.file])
        #expect(good.code == 0 && good.stdout == "1 file(s) valid\n", "\(good.stderr)")
        let text = try String(contentsOfFile: path(Self.file), encoding: .utf8)
            .replacingOccurrences(of: "cqc.report_date: {type: date,", with: "cqc.report_date: {type: dat,")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-standard-\(getpid()).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try runQAF(["validate", file])
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("type: dat,")
        }!
        #expect(bad.code == 2)
        #expect(
            bad.stderr.hasPrefix(
                "\(file):\(line + 1):27: error: unknown type 'dat' for 'cqc.report_date'; expected one of count, number, "
                    + "percent, boolean, date, text, list, group, constant, level_id; did you mean 'date'?"))
    }

    /// Worked by hand from the file: 71 fields and groups, of which 57 scalars and 6 lists.
    @Test func theSchemaHasEveryFieldOfTheFile() {
        let schema = EvidenceSchema.standard
        #expect(StandardVocabulary.declarations.count == 71)
        #expect(schema.scalarOrder.count == 52 && schema.listOrder.count == 6)
        #expect(
            schema.listOrder == [
                "cqc.enforcement", "contract.breaches", "contract.default_notices", "contract.restrictions", "events",
                "mdra.ratings",
            ])
        #expect(Array(schema.scalarOrder.prefix(4)) == ["evidence", "as_of", "provider.id", "provider.name"])
        #expect(Array(schema.scalarOrder.suffix(2)) == ["previous.level", "previous.since"])
        guard case .enumeration(let rating) = schema.scalars["cqc.key_questions.well_led"]?.kind else {
            Issue.record("cqc.key_questions.well_led is not an enumeration")
            return
        }
        #expect(rating.name == "cqc_rating" && rating.isOrdered)
        #expect(rating.members == ["outstanding", "good", "requires_improvement", "inadequate", "not_rated"])
        #expect(rating.ordinal(of: "inadequate") == 3 && rating.ordinal(of: "not_rated") == 1004)
        #expect(schema.root.filter(\.required).map(\.name) == ["evidence", "as_of", "provider"])
    }

    @Test func valuesHaveTheirPlainWords() {
        let schema = EvidenceSchema.standard
        #expect(schema.words(for: "requires_improvement", at: "cqc.overall") == "Requires improvement")
        #expect(schema.words(for: "not_rated", at: "cqc.key_questions.safe") == "Not rated")
        #expect(schema.words(for: "large_scale_enquiry", at: "safeguarding.organisational") == "Large-scale enquiry")
        #expect(schema.words(for: "police_incident", at: "events[].type") == "Police incident")
        #expect(schema.words(for: "amber", at: "mdra.ratings[].rating") == "Amber")
        #expect(schema.words(for: "inadequate", at: "pamms.rating") == nil, "PAMMS has no 'inadequate'")
        #expect(schema.words(for: "good", at: "complaints") == nil, "complaints is a count")
        #expect(EnumType.plainWords("some_concerns") == "Some concerns")
    }

    /// The README's table of standard evidence is generated from the file; QAF_RECORD=1 rewrites it.
    @Test func theReadmeTableIsGeneratedFromTheFile() throws {
        let readme = try String(contentsOfFile: path("README.md"), encoding: .utf8)
        let begin = "<!-- vocabulary table: generated from Vocabulary/standard.yaml;"
        let end = "<!-- end of vocabulary table -->"
        let start = try #require(readme.range(of: begin)), finish = try #require(readme.range(of: end))
        let lineEnd = try #require(readme[start.upperBound...].firstIndex(of: "\n"))
        let table = VocabularyTable.markdown(VocabularyTable.fields(of: .standard))
        if ProcessInfo.processInfo.environment["QAF_RECORD"] == "1" {
            let rewritten = String(readme[...lineEnd]) + table + String(readme[finish.lowerBound...])
            try rewritten.write(toFile: path("README.md"), atomically: true, encoding: .utf8)
            return
        }
        #expect(String(readme[readme.index(after: lineEnd)..<finish.lowerBound]) == table)
        // Independently of the generator: rows worked from the YAML by hand.
        #expect(
            table.contains(
                "| `cqc.overall` | outstanding, good, requires_improvement, inadequate (ordered); not_rated (never "
                    + "better or worse) | Overall CQC rating. |\n"))
        #expect(table.contains("| `events[]` | list of `{type: registered_manager_left, change_of_ownership, "))
        #expect(table.contains("| `provider.size` | whole number of 0 or more | Registered beds;"))
    }

    /// No Swift file of the engine names a field or value of the vocabulary: the file is the only place it is
    /// written. The envelope the engine itself reads is the exception, and so are the producers of standard
    /// evidence, which must know the fields they write (`producers`).
    /// Code that writes evidence rather than reading it: the corpus generator, `qaf gather` and the fuzz harness's
    /// sample record.
    static let producers = ["QAFCorpus/", "QAFGather/", "qaf-fuzz/"]

    @Test func noSwiftSourceNamesTheVocabulary() throws {
        // `previous` (the level a policy gave last time, and since when) is the evaluator's own input.
        let envelope: Set<String> = [
            "evidence", "as_of", "provider", "provider.id", "provider.name", "previous", "previous.level",
            "previous.since",
        ]
        let schema = EvidenceSchema.standard
        var names = Set(schema.allPaths.filter { $0.contains(".") || $0.contains("_") })
        for path in schema.listOrder {
            names.formUnion(schema.lists[path]!.elementFieldOrder.filter { $0.contains("_") })
        }
        func values(_ members: [SchemaMember]) {
            for member in members {
                switch member.node {
                case .object(let children), .field(.list(let children)): values(children)
                case .field(.enumeration(let e)): names.formUnion(e.members.filter { $0.contains("_") })
                case .field: break
                }
            }
        }
        values(schema.root)
        names.subtract(envelope)
        // The words looked for: dotted fields, lists and enum members of the vocabulary.
        #expect(
            names.isSuperset(of: [
                "safeguarding.concerns", "cqc.key_questions.well_led", "contract.default_notices",
                "requires_improvement",
                "police_incident", "threshold_review",
            ]))
        let sources = FileManager.default.enumerator(atPath: path("Sources"))!.compactMap { $0 as? String }
            .filter { file in file.hasSuffix(".swift") && !Self.producers.contains { file.hasPrefix($0) } }
        var found: [String] = []
        for file in sources {
            let text = try String(contentsOfFile: path("Sources/" + file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : String(line)
                for name in names where code.contains(name) && isWord(name, in: code) {
                    found.append("Sources/\(file):\(number + 1): \(name)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    private func isWord(_ name: String, in line: String) -> Bool {
        var rest = line[...]
        while let range = rest.range(of: name) {
            let before = range.lowerBound > line.startIndex ? line[line.index(before: range.lowerBound)] : " "
            let after = range.upperBound < line.endIndex ? line[range.upperBound] : " "
            let wordish = { (c: Character) in c.isLetter || c.isNumber || c == "_" || c == "." }
            if !wordish(before), !wordish(after) { return true }
            rest = line[range.upperBound...]
        }
        return false
    }
}
