import Foundation
import Testing

/// `qaf test --update` on suites written in every way YAML allows: the result always loads and passes, or the
/// file is left as it was.
@Suite("Hostile suites for test --update: rewritten exactly, read back, or left alone")
struct HostileUpdateTests {
    static let expects: [(String, String)] = [
        ("a block with a blank line inside", "    expect:\n      level: 1\n\n      status: complete\n"),
        ("a block with a comment inside", "    expect:\n      level: 1\n      # the level\n      status: complete\n"),
        ("a flow mapping over two lines", "    expect: {level: 1,\n      status: complete}\n"),
        ("a flow mapping with a comment after it", "    expect: {level: 1, status: complete}  # was 1\n"),
        ("a block with a flow list over two lines", "    expect:\n      level: 1\n      fired: [\n        ]\n"),
    ]

    static func cases() -> [HostileCase] {
        expects.map { (what, expect) in
            HostileCase(
                name: "an expect: written as \(what)",
                setUp: { s in
                    _ = withPolicy(s)
                    let suite = s.file(
                        "demo.tests.yaml",
                        "suite: 1\npolicy: demo\ncases:\n  - name: one\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P1}, complaints: 3}\n"
                            + expect
                            + "  - name: two\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P2}, complaints: 0}\n    expect: {level: 1}\n"
                    )
                    return ["test", suite, "--policy", s.path("policy.yaml"), "--update"]
                }, code: 0, writes: ["demo.tests.yaml"],
                then: { s, out, _ in
                    #expect(out.contains("Updated 1 case(s) in 1 suite(s)"))
                    let again = try? runQAF(["test", s.path("demo.tests.yaml"), "--policy", s.path("policy.yaml")])
                    #expect(
                        again?.code == 0,
                        "the updated suite does not pass: \(again?.stdout ?? "") \(again?.stderr ?? "")")
                    #expect(again?.stdout == "2 passed, 0 failed\n")
                    #expect(
                        s.text("demo.tests.yaml")?.contains(
                            "  - name: two\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P2}, complaints: 0}\n    expect: {level: 1}\n"
                        ) == true)
                })
        } + [
            HostileCase(
                name: "a read-only suite is not updated",
                setUp: { s in
                    _ = withPolicy(s)
                    let suite = s.file(
                        "demo.tests.yaml",
                        "suite: 1\npolicy: demo\ncases:\n  - name: one\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P1}, complaints: 3}\n    expect: {level: 1}\n",
                        mode: 0o444)
                    return ["test", suite, "--policy", s.path("policy.yaml"), "--update"]
                }, code: 74, says: ["read-only"])
        ]
    }

    @Test(arguments: cases())
    func updateLeavesASuiteThatLoads(_ c: HostileCase) throws { try check(c) }
}
