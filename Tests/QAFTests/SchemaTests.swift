import Foundation
import QAFCompile
import QAFReport
import Testing

/// Runs a program found on PATH; nil when it is not installed.
func runTool(_ tool: String, _ arguments: [String]) throws -> (code: Int32, output: String)? {
    let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
    guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Schemas: what editors check is what qaf accepts")
struct SchemaTests {
    @Test func evidenceSchemaIsGeneratedFromTheVocabulary() throws {
        let committed = try String(contentsOfFile: path("Schemas/evidence.schema.json"), encoding: .utf8)
        #expect(
            committed == EvidenceJSONSchema.render(.standard),
            "run: swift run qaf schema > Schemas/evidence.schema.json")
    }

    @Test func everyBundledFileNamesItsSchema() throws {
        let files = ["Policies", "Policies/tests", "Examples"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []).filter {
                $0.hasSuffix(".yaml")
            }.map { "\(folder)/\($0)" }
        }
        #expect(
            files.sorted() == [
                "Examples/banes-whole-service-review.yaml", "Examples/calderdale-amber.yaml",
                "Examples/herefordshire-suspension.yaml", "Examples/salford-board-trigger.yaml",
                "Examples/salford-major.yaml", "Examples/salford-missing-evidence.yaml",
                "Examples/salford-moderate.yaml", "Examples/salford-no-concerns.yaml",
                "Policies/bath-and-north-east-somerset.yaml", "Policies/calderdale.yaml", "Policies/herefordshire.yaml",
                "Policies/salford.yaml", "Policies/tests/bath-and-north-east-somerset.tests.yaml",
                "Policies/tests/calderdale.tests.yaml", "Policies/tests/herefordshire.tests.yaml",
                "Policies/tests/salford.tests.yaml",
            ])
        for file in files {
            let first = try String(contentsOfFile: path(file), encoding: .utf8).prefix { $0 != "\n" }
            #expect(first.hasPrefix("# yaml-language-server: $schema="), "\(file)")
        }
    }

    /// check-jsonschema (PyPI) is the independent validator; Scripts/test.sh installs it.
    @Test(arguments: [
        (
            "Schemas/policy.schema.json",
            [
                "Policies/salford.yaml", "Policies/herefordshire.yaml", "Policies/calderdale.yaml",
                "Policies/bath-and-north-east-somerset.yaml",
            ]
        ),
        (
            "Schemas/evidence.schema.json",
            [
                "Examples/salford-no-concerns.yaml", "Examples/salford-moderate.yaml", "Examples/salford-major.yaml",
                "Examples/salford-board-trigger.yaml", "Examples/salford-missing-evidence.yaml",
                "Examples/herefordshire-suspension.yaml", "Examples/calderdale-amber.yaml",
                "Examples/banes-whole-service-review.yaml",
            ]
        ),
        (
            "Schemas/fixtures.schema.json",
            [
                "Policies/tests/salford.tests.yaml", "Policies/tests/herefordshire.tests.yaml",
                "Policies/tests/calderdale.tests.yaml", "Policies/tests/bath-and-north-east-somerset.tests.yaml",
            ]
        ),
    ])
    func anIndependentValidatorAgrees(schema: String, files: [String]) throws {
        let result = try #require(
            try runTool("check-jsonschema", ["--schemafile", schema] + files),
            "check-jsonschema is not installed: pip install check-jsonschema (Scripts/test.sh does)")
        #expect(result.code == 0, "\(result.output)")
    }

    @Test func theIndependentValidatorRejectsWhatQAFRejects() throws {
        let result = try #require(
            try runTool(
                "check-jsonschema",
                ["--schemafile", "Schemas/evidence.schema.json", "Tests/Fixtures/bad-evidence.yaml"]),
            "check-jsonschema is not installed")
        #expect(result.code != 0)
        #expect(result.output.contains("safegaurding"))
        let policy = try #require(
            try runTool(
                "check-jsonschema",
                ["--schemafile", "Schemas/policy.schema.json", "Tests/Fixtures/unknown-key-policy.yaml"]))
        #expect(policy.code != 0)
        #expect(policy.output.contains("threshholds"))
    }

    /// A trigger without `because` is refused by the schema as by the loader.
    @Test func theSchemaRequiresEveryTriggerToSayWhy() throws {
        let text = try String(contentsOfFile: path("Policies/calderdale.yaml"), encoding: .utf8)
        let cut = text.replacingOccurrences(
            of:
                "    because: \"The provider is High/Red on the MDRA: PQM escalates where there is significant risk\"\n",
            with: "")
        #expect(cut != text)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-no-because.yaml").path
        try cut.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try #require(
            try runTool("check-jsonschema", ["--schemafile", "Schemas/policy.schema.json", file]))
        #expect(result.code != 0)
        #expect(result.output.contains("'because' is a required property"))
        #expect(
            problems(PolicyCompiler.compile(file: file, text: cut)).contains {
                $0.contains("trigger 'gqab_significant_risk' is missing the required key 'because'")
            })
    }
}
