import Foundation
import QAFReport
import Testing

@Suite("qaf schema prints every schema; each has an $id; the policy schema accepts what validate accepts", .serialized)
struct SchemaCommandTests {
    @Test(arguments: [
        ("evidence", "Schemas/evidence.schema.json", "urn:qaf:schema:evidence:1"),
        ("policy", "Schemas/policy.schema.json", "urn:qaf:schema:policy:1"),
        ("fixtures", "Schemas/fixtures.schema.json", "urn:qaf:schema:fixtures:1"),
    ])
    func eachSchemaPrintsAsCommitted(kind: String, file: String, id: String) throws {
        let run = try runQAF(["schema", kind])
        #expect(run.code == 0)
        let committed = try String(contentsOfFile: path(file), encoding: .utf8)
        #expect(run.stdout == committed, "run: swift run qaf schema \(kind) > \(file)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["$id"] as? String == id)
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func evidenceIsTheDefault() throws {
        #expect(try runQAF(["schema"]).stdout == (try runQAF(["schema", "evidence"]).stdout))
    }

    /// Every property of the policy schema, however deep, is described for hover.
    @Test func everyPolicyKeyIsDescribed() throws {
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(PolicyJSONSchema.text.utf8)) as? [String: Any])
        var undescribed: [String] = []
        func walk(_ node: [String: Any], _ at: String) {
            for (key, value) in node["properties"] as? [String: Any] ?? [:] {
                guard let child = value as? [String: Any] else { continue }
                if child["description"] == nil { undescribed.append(at + "/" + key) }
                walk(child, at + "/" + key)
            }
            for nested in ["items", "additionalProperties"] {
                if let child = node[nested] as? [String: Any] { walk(child, at + "/" + nested) }
            }
        }
        walk(root, "")
        #expect(undescribed == [])
    }

    /// A new authority's source document need not be a .txt seed: validate accepts it, and so does the schema.
    @Test func thePolicySchemaAcceptsAnySourceNameValidateAccepts() throws {
        let folder = try temporaryFolder()
        let text = try String(contentsOfFile: path("Policies/salford.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "source: 000_4d0eb8f41c1d8ba7.txt\n", with: "source: framework-2026.pdf\n")
        #expect(text.contains("source: framework-2026.pdf\n"))
        let file = folder + "/policy.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try runQAF(["validate", file]).code == 0)
        let checked = try #require(
            try runTool("check-jsonschema", ["--schemafile", "Schemas/policy.schema.json", file]))
        #expect(checked.code == 0, "\(checked.output)")
        // A path is refused by both.
        let withPath = text.replacingOccurrences(
            of: "source: framework-2026.pdf\n", with: "source: docs/framework.pdf\n")
        try withPath.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try runQAF(["validate", file]).code == 2)
        #expect(try runTool("check-jsonschema", ["--schemafile", "Schemas/policy.schema.json", file])?.code == 1)
    }

    /// The fixtures schema carries the evidence schema, so a misspelt key in a suite's inline evidence is found.
    @Test func theFixturesSchemaChecksInlineEvidence() throws {
        let folder = try temporaryFolder()
        let suite = try String(contentsOfFile: path("Policies/tests/calderdale.tests.yaml"), encoding: .utf8)
        let bad = suite.replacingOccurrences(of: "\n      cqc:", with: "\n      cqq:")
        #expect(bad != suite)
        try bad.write(toFile: folder + "/bad.tests.yaml", atomically: true, encoding: .utf8)
        let result = try #require(
            try runTool(
                "check-jsonschema", ["--schemafile", "Schemas/fixtures.schema.json", folder + "/bad.tests.yaml"]))
        #expect(result.code == 1)
        #expect(result.output.contains("'cqq' was unexpected"))
    }
}
