import Foundation
import Testing

/// Hostile batches and hostile places to read: one bad record never costs a good one, nothing read is never "no
/// concerns", and every problem is said once, in words, at its place.
@Suite("Hostile batches: every good record evaluated, every problem said once")
struct HostileBatchTests {
    static let batches: [HostileCase] = [
        HostileCase(
            name: "a folder of good files and one with a count that would trap",
            setUp: { s in
                for id in ["a", "b", "d", "e"] {
                    s.file("market/\(id).yaml", evidenceYAML(id.uppercased(), "complaints: 3\n"))
                }
                s.file("market/c.yaml", evidenceYAML("C", "complaints: 9223372036854775807\n"))
                return [
                    "evaluate", "--policy", withPolicy(s), s.path("market"), "--format", "jsonl", "--output",
                    s.path("out.jsonl"),
                ]
            }, code: 3,
            says: [
                "ROOT/market/c.yaml:4:13: error: 'complaints' must be a whole number from 0 to 9,007,199,254,740,991",
                "qaf: 1 of 5 evidence record(s) could not be evaluated; the others were",
            ], writes: ["out.jsonl"],
            then: { s, _, _ in #expect(providerIDs(s.text("out.jsonl") ?? "") == ["A", "B", "D", "E"]) }),
        HostileCase(
            name: "JSON Lines with a broken line, a bad byte and a null id between good ones",
            setUp: { s in
                var bytes = Array((evidenceLine("P1") + "\n{\"evidence\":1,\n").utf8)
                bytes += Array(#"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"P3","name":"a"#.utf8) + [0xFF]
                bytes += Array(("\"}}\n" + #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":null}}"# + "\n").utf8)
                bytes += Array((evidenceLine("P5") + "\n").utf8)
                return [
                    "evaluate", "--policy", withPolicy(s), s.file("m.jsonl", bytes: bytes), "--format", "jsonl",
                    "--output", s.path("out.jsonl"),
                ]
            }, code: 3, says: ["ROOT/m.jsonl:2:", "ROOT/m.jsonl:3:", "ROOT/m.jsonl:4:"], writes: ["out.jsonl"],
            then: { s, _, _ in #expect(providerIDs(s.text("out.jsonl") ?? "") == ["P1", "P5"]) }),
        HostileCase(
            name: "standard input with a bad record between good ones",
            setUp: { s in ["evaluate", "--policy", withPolicy(s), "-", "--format", "jsonl"] }, code: 3,
            says: ["<stdin>:2:"],
            stdin: [evidenceLine("P1"), evidenceLine("P2", #""complaints":-1"#), evidenceLine("P3")].joined(
                separator: "\n"),
            then: { _, out, _ in #expect(providerIDs(out) == ["P1", "P3"]) }),
        HostileCase(
            name: "CSV from standard input with a bad row",
            setUp: { s in ["evaluate", "--policy", withPolicy(s), "-", "--input-format", "csv", "--format", "jsonl"] },
            code: 3, says: ["<stdin>:3:"],
            stdin: "as_of,provider.id,complaints\n2026-10-01,P1,1\n2026-10-01,P2,lots\n2026-10-01,P3,2\n",
            then: { _, out, _ in #expect(providerIDs(out) == ["P1", "P3"]) }),
        HostileCase(
            name: "several files, one missing among them, is refused before any work",
            setUp: { s in
                [
                    "evaluate", "--policy", withPolicy(s), s.file("a.yaml", evidenceYAML("A")), s.path("missing.yaml"),
                    "--output", s.path("out.txt"),
                ]
            }, code: 74, says: ["qaf: cannot read ROOT/missing.yaml: no such file or folder"]),
        HostileCase(
            name: "a bad CSV header is said once, not once a row",
            setUp: { s in
                let rows = (0..<5_000).map { "2026-10-01,P\($0),1" }.joined(separator: "\n")
                return [
                    "evaluate", "--policy", withPolicy(s),
                    s.file("m.csv", "as_of,provider.id,complaintz\n" + rows + "\n"),
                ]
            }, code: 3,
            says: [
                "ROOT/m.csv:1:", "unknown column 'complaintz'",
                "no row of this CSV file was read, because its header has the error(s) above",
            ],
            then: { _, _, err in #expect(err.components(separatedBy: "complaintz").count - 1 <= 2) }),
    ]

    @Test(arguments: batches)
    func goodRecordsSurvive(_ c: HostileCase) throws { try check(c) }

    static let nothingRead: [HostileCase] = [
        HostileCase(
            name: "an empty JSON Lines file",
            setUp: { s in
                s.file("out.jsonl", "last month\n")
                return [
                    "evaluate", "--policy", withPolicy(s), s.file("m.jsonl", ""), "--format", "jsonl", "--output",
                    s.path("out.jsonl"),
                ]
            }, code: 3,
            says: [
                "qaf: warning: no evidence records were read from ROOT/m.jsonl; nothing was evaluated and ROOT/out.jsonl was not written"
            ]),
        HostileCase(
            name: "a CSV with only a header",
            setUp: { s in ["evaluate", "--policy", withPolicy(s), s.file("m.csv", "as_of,provider.id\n")] }, code: 3,
            says: ["qaf: warning: no evidence records were read from ROOT/m.csv"]),
        HostileCase(
            name: "empty standard input", setUp: { s in ["evaluate", "--policy", withPolicy(s), "-"] }, code: 3,
            says: ["qaf: warning: no evidence records were read from -"], stdin: ""),
        HostileCase(
            name: "a JSON Lines file of blank lines",
            setUp: { s in ["evaluate", "--policy", withPolicy(s), s.file("m.jsonl", "\n  \n\t\n")] }, code: 3,
            says: ["no evidence records were read"]),
        HostileCase(
            name: "an empty folder",
            setUp: { s in ["evaluate", "--policy", withPolicy(s), s.folder("market")] }, code: 3,
            says: ["no evidence records were read from ROOT/market"]),
        HostileCase(
            name: "diff over nothing",
            setUp: { s in ["diff", withPolicy(s), "--old", s.file("old.yaml", hostilePolicy), s.file("m.jsonl", "")] },
            code: 3, says: ["qaf: warning: no evidence records were read from ROOT/m.jsonl; nothing was compared"]),
    ]

    @Test(arguments: nothingRead)
    func nothingReadIsSaid(_ c: HostileCase) throws { try check(c) }

    static let places: [HostileCase] = [
        HostileCase(
            name: "a FIFO in an evidence folder is skipped and named, never opened",
            setUp: { s in
                s.file("market/a.yaml", evidenceYAML("A"))
                s.fifo("market/b.yaml")
                return ["evaluate", "--policy", withPolicy(s), s.path("market"), "--format", "jsonl"]
            }, code: 0,
            says: ["ROOT/market/b.yaml:1:1: warning: skipped: it is a FIFO (named pipe), not a regular file"],
            then: { _, out, _ in #expect(providerIDs(out) == ["A"]) }),
        HostileCase(
            name: "a FIFO named as evidence is refused, never opened",
            setUp: { s in ["evaluate", "--policy", withPolicy(s), s.fifo("pipe.jsonl")] }, code: 74,
            says: [
                "qaf: cannot read ROOT/pipe.jsonl: it is a FIFO (named pipe), not a file or folder; use - for standard input"
            ]),
        HostileCase(
            name: "a subfolder of an evidence folder is named as skipped",
            setUp: { s in
                s.file("market/a.yaml", evidenceYAML("A"))
                s.file("market/north/b.yaml", evidenceYAML("B"))
                return ["evaluate", "--policy", withPolicy(s), s.path("market"), "--format", "jsonl"]
            }, code: 0, says: ["ROOT/market/north:1:1: warning: skipped the subfolder"],
            then: { _, out, _ in #expect(providerIDs(out) == ["A"]) }),
        HostileCase(
            name: "two symbolic link loops in a folder validate reads",
            setUp: { s in
                s.file("tree/a.yaml", evidenceYAML("A"))
                s.link("tree/loop", to: ".")
                s.link("tree/sub/up", to: "..")
                return ["validate", s.path("tree")]
            }, code: 0, then: { _, out, _ in #expect(out == "1 file(s) valid\n") }),
        HostileCase(
            name: "a link to nothing in an evidence folder is named",
            setUp: { s in
                s.file("market/a.yaml", evidenceYAML("A"))
                s.link("market/gone.yaml", to: "nowhere.yaml")
                return ["evaluate", "--policy", withPolicy(s), s.path("market"), "--format", "jsonl"]
            }, code: 0, says: ["ROOT/market/gone.yaml:1:1: warning: skipped: a link to nothing"]),
        HostileCase(
            name: "a missing policy is exit 74 for evaluate",
            setUp: { s in ["evaluate", "--policy", s.path("nope.yaml"), s.file("a.yaml", evidenceYAML("A"))] },
            code: 74,
            says: ["qaf: cannot read ROOT/nope.yaml: no such file or folder"]),
        HostileCase(
            name: "a missing file is exit 74 for validate", setUp: { s in ["validate", s.path("nope.yaml")] }, code: 74,
            says: ["qaf: cannot read ROOT/nope.yaml: no such file or folder"]),
        HostileCase(
            name: "a missing file is exit 74 for explain",
            setUp: { s in ["explain", "--policy", withPolicy(s), s.path("nope.yaml")] }, code: 74,
            says: ["no such file or folder"]),
        HostileCase(
            name: "a missing file is exit 74 for diff",
            setUp: { s in ["diff", withPolicy(s), "--old", s.path("nope.yaml"), s.file("a.yaml", evidenceYAML("A"))] },
            code: 74, says: ["no such file or folder"]),
        HostileCase(
            name: "a missing suite is exit 74 for test", setUp: { s in ["test", s.path("nope.tests.yaml")] }, code: 74,
            says: ["no such file or folder"]),
        HostileCase(
            name: "a missing policy is exit 74 for document", setUp: { s in ["document", s.path("nope.yaml")] },
            code: 74, says: ["no such file or folder"]),
        HostileCase(
            name: "a bad byte is reported at its line and column",
            setUp: { s in
                [
                    "validate",
                    s.file("ev.yaml", bytes: Array(evidenceYAML("P1", "provider_notes: caf").utf8) + [0xE9, 0x0A]),
                ]
            }, code: 2, says: ["ROOT/ev.yaml:4:20: error: the file is not UTF-8 text: byte 0xE9 here is not UTF-8"]),
        HostileCase(
            name: "a control character is reported at its line and column, in words",
            setUp: { s in ["validate", s.file("ev.yaml", evidenceYAML("P1", "x: \"a\u{01}b\"\n"))] }, code: 2,
            says: ["ROOT/ev.yaml:4:6: error: cannot read the file: control characters are not allowed (character U+1)"]),
        HostileCase(
            name: "two policies with the same id",
            setUp: { s in
                [
                    "evaluate", "--policy", withPolicy(s), "--policy", s.file("copy.yaml", hostilePolicy),
                    s.file("a.yaml", evidenceYAML("A")),
                ]
            }, code: 2,
            says: ["ROOT/copy.yaml:2:1: error: duplicate policy id 'demo': ROOT/policy.yaml has the same id"]),
        HostileCase(
            name: "an expect that checks nothing",
            setUp: { s in
                _ = withPolicy(s)
                return [
                    "test",
                    s.file(
                        "demo.tests.yaml",
                        "suite: 1\npolicy: demo\ncases:\n  - name: one\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P1}}\n    expect: {}\n"
                    ),
                    "--policy", s.path("policy.yaml"),
                ]
            }, code: 2, says: ["ROOT/demo.tests.yaml:6:13: error: 'expect' checks nothing"]),
        HostileCase(
            name: "a revision that is an option is never passed to git",
            setUp: { s in
                ["diff", withPolicy(s), s.file("a.yaml", evidenceYAML("A")), "--base=--output=\(s.path("x"))"]
            },
            code: 64, says: ["is not a git revision"]),
        HostileCase(
            name: "a revision that does not exist",
            setUp: { _ in
                ["diff", "Policies/salford.yaml", "Examples/salford-major.yaml", "--base", "no-such-branch-here"]
            },
            code: 74, says: ["qaf: cannot read Policies/salford.yaml at revision no-such-branch-here"]),
    ]

    @Test(arguments: places)
    func hostilePlaces(_ c: HostileCase) throws { try check(c) }

    static let safeOutputs: [HostileCase] = [
        HostileCase(
            name: "a provider named as a formula is text in CSV",
            setUp: { s in
                [
                    "evaluate", "--policy", withPolicy(s),
                    s.file(
                        "m.jsonl",
                        evidenceLine("=HYPERLINK(\\\"http://x\\\")").replacingOccurrences(
                            of: "}}", with: #","name":"@SUM(1)"}}"#) + "\n"),
                    "--format", "csv",
                ]
            }, code: 0,
            then: { _, out, _ in
                let row = out.split(separator: "\n")[1]
                #expect(row.hasPrefix(#"demo,"'=HYPERLINK(""http://x"")",'@SUM(1),"#))
            }),
        HostileCase(
            name: "an escape sequence in a name does not reach the terminal",
            setUp: { s in
                [
                    "evaluate", "--policy", withPolicy(s),
                    s.file(
                        "m.jsonl",
                        evidenceLine("P1").replacingOccurrences(of: "}}", with: #","name":"\u001b[2J\u0007Evil"}}"#)
                            + "\n"),
                ]
            }, code: 0,
            then: { _, out, _ in
                #expect(!out.contains("\u{1B}") && !out.contains("\u{07}"))
                #expect(out.hasPrefix("\\u{1B}[2J\\u{7}Evil (P1) — "))
            }),
        HostileCase(
            name: "a pipe and a line break in a name keep the Markdown table whole",
            setUp: { s in
                let policy = policyText(
                    criteria: criterion("many_complaints", "moderate", "complaints > 2"),
                    triggers:
                        "  - id: t\n    title: T\n    when: complaints > 2\n    route: board\n    urgency: immediate\n    because: x\n    source: s\n"
                )
                return [
                    "evaluate", "--policy", s.file("policy.yaml", policy),
                    s.file(
                        "m.jsonl",
                        evidenceLine("P1", #""complaints":5"#).replacingOccurrences(
                            of: #""id":"P1"}"#, with: #""id":"P1","name":"A|B\nC"}"#) + "\n"),
                    "--format", "markdown",
                ]
            }, code: 0,
            then: { _, out, _ in
                let row = out.split(separator: "\n").first { $0.hasPrefix("| **Immediate**") }
                // One row of six cells: the name's `|` escaped and its line break a space (the anchor holds the path).
                #expect(row?.hasPrefix("| **Immediate** | [A\\|B C `P1`](#case-demo-p1-") == true, "\(row ?? "")")
                #expect(
                    row?.hasSuffix("m-jsonl-1) | Level 2, Medium | T `t` | The Board | x |") == true, "\(row ?? "")")
            }),
    ]

    @Test(arguments: safeOutputs)
    func outputsAreSafeToOpen(_ c: HostileCase) throws { try check(c) }
}
