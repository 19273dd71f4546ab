import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad
import Testing

/// Hostile and broken policies: random bytes, random mutations of the bundled policies, random expressions from
/// the language's own tokens. None may crash or hang, and every refusal must say where (file:line:column). Seeded
/// and bounded in the normal run; `QAF_FUZZ_ROUNDS=N` multiplies the number of inputs (see the README for the
/// libFuzzer target, for runs of hours).
@Suite("Fuzzing the policy loader, checker and compiler")
struct FuzzTests {
    static let rounds = ProcessInfo.processInfo.environment["QAF_FUZZ_ROUNDS"].flatMap(Int.init) ?? 1

    static let tokens = [
        " and ", " or ", "not ", "(", ")", "[", "]", ", ", "\"", "\"Oakfield\"", " == ", " != ", " < ", " >= ", " in ",
        " + ", " - ", " * ", " / ", "0", "1.5", "-1", "1e999", "99999999999999999999", "2026-02-30", "2026-10-01",
        "complaints", "cqc.overall", "inadequate", "events", "type", "any(", "all(", "count(", "exists(",
        "months(", "days(", "days_since(", "months_since(", "as_of", "level", "count(major)", "many_moderate", "true",
        ".", "..", "{", "}", ":", "\n", "\t", "  ", "#", "&a ", "*a", "!!str ", "|", ">", "'", "\\", "\u{0}", "é", "🙂",
    ]

    /// Compiles `text`; a refusal must place every problem in the file, with a message; a policy that compiles is
    /// evaluated on the example evidence, which must not crash either.
    static func check(_ text: String, file: String, records: [EvidenceRecord]) -> String? {
        switch PolicyCompiler.compile(file: file, text: text) {
        case .success(let policy):
            let evaluator = Evaluator(policy: policy)
            for record in records {
                let d = evaluator.evaluate(record)
                _ = (d.fired, d.unassessed, d.triggers, d.evidenceToGather)
            }
            return nil
        case .failure(let diagnostics):
            if diagnostics.items.isEmpty { return "refused with no diagnostic" }
            for d in diagnostics.items {
                if d.location.file != file || d.location.line < 1 || d.location.column < 1 || d.message.isEmpty {
                    return "a problem without a position: \(d)"
                }
            }
            return nil
        }
    }

    static func examples() throws -> [EvidenceRecord] {
        try FileText.files(in: path("Examples"), extensions: ["yaml"]).prefix(6).map { file in
            try EvidenceReader().read(file: file, text: FileText.read(file).get()).get()
        }
    }

    @Test func mutatedPoliciesNeverCrashAndAlwaysSayWhere() throws {
        let records = try Self.examples()
        var random = SeededRandom(seed: 2026)
        var failures: [String] = []
        let policies = try FileText.files(in: path("Policies"), extensions: ["yaml"]).map {
            try FileText.read($0).get()
        }
        for round in 0..<(60 * Self.rounds) {
            var bytes = Array(random.pick(policies).utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
                case 2: bytes.insert(contentsOf: Array(random.pick(Self.tokens).utf8), at: at)
                default:
                    let from = Int.random(in: 0..<bytes.count, using: &random)
                    let piece = bytes[from..<min(bytes.count, from + Int.random(in: 1...80, using: &random))]
                    bytes.insert(contentsOf: piece, at: at)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let problem = Self.check(text, file: "mutant-\(round).yaml", records: records) {
                failures.append("round \(round): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func randomBytesNeverCrashAndAlwaysSayWhere() {
        var random = SeededRandom(seed: 7)
        var failures: [String] = []
        for round in 0..<(300 * Self.rounds) {
            let count = Int.random(in: 0...200, using: &random)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            if let problem = Self.check(String(decoding: bytes, as: UTF8.self), file: "bytes.yaml", records: []) {
                failures.append("round \(round): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func randomExpressionsNeverCrashAndAlwaysSayWhere() throws {
        let records = try Self.examples()
        var random = SeededRandom(seed: 11)
        var failures: [String] = []
        for round in 0..<(1500 * Self.rounds) {
            let expression = (0..<Int.random(in: 1...14, using: &random)).map { _ in random.pick(Self.tokens) }.joined()
            // Single-quoted YAML: a quote in the expression is written twice.
            let quoted = expression.replacingOccurrences(of: "'", with: "''")
            let text = policyText(
                criteria: """
                      - id: c
                        title: c
                        domain: quality
                        indicates: major
                        when: '\(quoted)'
                        because: "{\(expression.replacingOccurrences(of: "\"", with: "\\\""))}"
                        source: "s, 1"
                    """)
            if let problem = Self.check(text, file: "expression.yaml", records: round % 10 == 0 ? records : []) {
                failures.append("round \(round), when '\(expression)': \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }
}
