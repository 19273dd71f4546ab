import Foundation
import Testing

/// Hostile input: numbers out of range, nulls where a value is required, files that would make a reader work without
/// end, batches with one bad record. Each is an error at its place with the documented exit code, and never a crash.
@Suite("Hostile inputs: bounded, located, and never the loss of a good record")
struct HostileInputTests {
    // MARK: Numbers

    /// A value out of range for a count or number, in each evidence form; the message names the field and its range.
    static func numbers() -> [HostileCase] {
        let values: [(String, String, String)] = [
            ("complaints", "9223372036854775807", "a whole number from 0 to 9,007,199,254,740,991"),
            ("complaints", "18446744073709551616", "a whole number from 0 to 9,007,199,254,740,991"),
            ("complaints", "9007199254740993", "a whole number from 0 to 9,007,199,254,740,991"),
            ("provider.size", "99999999999999999999999", "a whole number from 0 to 9,007,199,254,740,991"),
        ]
        var cases: [HostileCase] = []
        for (field, value, range) in values {
            let leaf = field.split(separator: ".").last!
            let yaml = field.contains(".") ? "" : "\(field): \(value)\n"
            cases.append(
                HostileCase(
                    name: "YAML \(field) = \(value)",
                    setUp: { s in
                        let text =
                            field.contains(".")
                            ? "evidence: 1\nas_of: 2026-10-01\nprovider: {id: P1, \(leaf): \(value)}\n"
                            : evidenceYAML("P1", yaml)
                        return ["validate", s.file("ev.yaml", text)]
                    }, code: 2, says: ["'\(field)' must be \(range), found '\(value)'"]))
            cases.append(
                HostileCase(
                    name: "JSON Lines \(field) = \(value) among good records",
                    setUp: { s in
                        let bad =
                            field.contains(".")
                            ? #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"P2","\#(leaf)":\#(value)}}"#
                            : evidenceLine("P2", #""\#(field)":\#(value)"#)
                        let text = [evidenceLine("P1"), bad, evidenceLine("P3")].joined(separator: "\n") + "\n"
                        return [
                            "evaluate", "--policy", withPolicy(s), s.file("m.jsonl", text), "--format", "jsonl",
                            "--output", s.path("out.jsonl"),
                        ]
                    }, code: 3, says: ["ROOT/m.jsonl:2:", "'\(field)' must be \(range), found '\(value)'"],
                    writes: ["out.jsonl"],
                    then: { s, _, _ in #expect(providerIDs(s.text("out.jsonl") ?? "") == ["P1", "P3"]) }))
            cases.append(
                HostileCase(
                    name: "CSV \(field) = \(value) among good rows",
                    setUp: { s in
                        let text =
                            "as_of,provider.id,\(field)\n2026-10-01,P1,1\n2026-10-01,P2,\(value)\n2026-10-01,P3,2\n"
                        return [
                            "evaluate", "--policy", withPolicy(s), s.file("m.csv", text), "--format", "jsonl",
                            "--output", s.path("out.jsonl"),
                        ]
                    }, code: 3, says: ["ROOT/m.csv:3:", "must be \(range), found '\(value)'"], writes: ["out.jsonl"],
                    then: { s, _, _ in #expect(providerIDs(s.text("out.jsonl") ?? "") == ["P1", "P3"]) }))
        }
        for (value, words) in [
            ("1e20", "must be a number from -1,000,000,000,000 to 1,000,000,000,000, found '1e20'"),
            ("-1e20", "must be a number from -1,000,000,000,000 to 1,000,000,000,000, found '-1e20'"),
            ("1e400", "must be a number from -1,000,000,000,000 to 1,000,000,000,000, found '1e400'"),
            (".inf", "must be a number, found '.inf'"),
            (".nan", "must be a number, found '.nan'"),
            ("nan", "must be a number, found 'nan'"),
        ] {
            cases.append(
                HostileCase(
                    name: "a policy parameter of \(value)",
                    setUp: { s in
                        [
                            "validate",
                            s.file(
                                "policy.yaml",
                                policyText(
                                    criteria: criterion("c", "moderate", "complaints > many"),
                                    parameters: "  many: {value: \(value), means: m, source: s}")),
                        ]
                    }, code: 2, says: ["ROOT/policy.yaml:", "the value of parameter 'many' \(words)"]))
        }
        cases.append(
            HostileCase(
                name: "a number literal too large for an expression",
                setUp: { s in
                    [
                        "validate",
                        s.file(
                            "policy.yaml",
                            policyText(criteria: criterion("c", "moderate", "complaints > 100000000000000000000"))),
                    ]
                }, code: 2,
                says: [
                    "'100000000000000000000' is too large: a number in an expression must be a number from -1,000,000,000,000 to 1,000,000,000,000"
                ]
            ))
        cases.append(
            HostileCase(
                name: "months() of a parameter squared never traps the evaluator",
                setUp: { s in
                    let policy = policyText(
                        criteria: criterion(
                            "c", "moderate", "any(contract.restrictions, since + months(many * many * many) < as_of)"),
                        parameters: "  many: {value: 1000000000000, means: m, source: s}")
                    return [
                        "evaluate", "--policy", s.file("policy.yaml", policy),
                        s.file(
                            "ev.yaml",
                            evidenceYAML(
                                "P1", "contract: {restrictions: [{kind: voluntary_pause, since: 2026-01-01}]}\n")),
                    ]
                }, code: 2, says: ["months(n) takes a whole number of months"]))
        cases.append(
            HostileCase(
                name: "months_since() of a date pushed beyond the calendar never traps",
                setUp: { s in
                    let policy = policyText(
                        criteria: criterion("c", "moderate", "months_since(cqc.report_date - months(many * many)) > 3"),
                        parameters: "  many: {value: 1000000000000, means: m, source: s}")
                    return [
                        "evaluate", "--policy", s.file("policy.yaml", policy),
                        s.file("ev.yaml", evidenceYAML("P1", "cqc: {report_date: 2026-01-01}\n")),
                    ]
                }, code: 2, says: ["months(n) takes a whole number of months"]))
        cases.append(
            HostileCase(
                name: "--coverage-min nan does not switch the gate off",
                setUp: { _ in ["test", "--coverage-min", "nan"] },
                code: 64, says: ["--coverage-min must be a percentage from 0 to 100, not nan"]))
        cases.append(
            HostileCase(
                name: "--coverage-min 101", setUp: { _ in ["test", "--coverage-min", "101"] }, code: 64,
                says: ["--coverage-min must be a percentage from 0 to 100"]))
        cases.append(
            HostileCase(
                name: "--coverage-min -1", setUp: { _ in ["test", "--coverage-min=-1"] }, code: 64,
                says: ["--coverage-min must be a percentage from 0 to 100"]))
        cases.append(
            HostileCase(
                name: "corpus --count beyond its range", setUp: { _ in ["corpus", "--count", "9223372036854775807"] },
                code: 64, says: ["--count must be a whole number from 0 to 9,007,199,254,740,991"]))
        return cases
    }

    @Test(arguments: numbers())
    func numbersAreBounded(_ c: HostileCase) throws { try check(c) }

    // MARK: Nulls where a value is required

    static let nulls: [HostileCase] = [
        HostileCase(
            name: "as_of: ~",
            setUp: { s in ["validate", s.file("ev.yaml", "evidence: 1\nas_of: ~\nprovider: {id: P1}\n")] },
            code: 2,
            says: ["ROOT/ev.yaml:2:8: error: the evidence needs a value for the required key 'as_of', found null"]),
        HostileCase(
            name: "as_of: null",
            setUp: { s in ["validate", s.file("ev.yaml", "evidence: 1\nas_of: null\nprovider: {id: P1}\n")] },
            code: 2, says: ["the evidence needs a value for the required key 'as_of', found null"]),
        HostileCase(
            name: "provider.id: ~",
            setUp: { s in ["validate", s.file("ev.yaml", "evidence: 1\nas_of: 2026-10-01\nprovider: {id: ~}\n")] },
            code: 2, says: ["'provider' needs a value for the required key 'id', found null"]),
        HostileCase(
            name: "as_of null in JSON Lines",
            setUp: { s in
                [
                    "evaluate", "--policy", withPolicy(s),
                    s.file(
                        "m.jsonl",
                        #"{"evidence":1,"as_of":null,"provider":{"id":"P1"}}"# + "\n" + evidenceLine("P2") + "\n"),
                    "--format", "jsonl",
                ]
            }, code: 3,
            says: ["ROOT/m.jsonl:1:23: error: the evidence needs a value for the required key 'as_of', found null"],
            then: { _, out, _ in #expect(providerIDs(out) == ["P2"]) }),
        HostileCase(
            name: #""id": null in JSON Lines"#,
            setUp: { s in
                [
                    "validate",
                    s.file("m.jsonl", #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":null}}"# + "\n"),
                ]
            }, code: 2, says: ["'provider' needs a value for the required key 'id', found null"]),
        HostileCase(
            name: "as_of null in a JSON evidence file",
            setUp: { s in ["validate", s.file("ev.json", #"{"evidence": 1, "as_of": null, "provider": {"id": "P1"}}"#)]
            },
            code: 2, says: ["the evidence needs a value for the required key 'as_of', found null"]),
        HostileCase(
            name: "an empty as_of cell in CSV",
            setUp: { s in ["validate", s.file("m.csv", "as_of,provider.id\n,P1\n")] }, code: 2,
            says: ["the evidence is missing the required key 'as_of'"]),
    ]

    @Test(arguments: nulls)
    func requiredNullsAreErrors(_ c: HostileCase) throws { try check(c) }

    // MARK: Bounded work

    static func bounded() -> [HostileCase] {
        let bomb = """
            a: &a [x,x,x,x,x,x,x,x,x,x]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]

            """
        var cases: [HostileCase] = []
        for (form, keys, line, column) in [
            ("a flow mapping", "h: {*g: 1, *f: 2}\n", 8, 5), ("a block mapping", "h:\n  *g : 1\n", 9, 3),
            ("a single-pair mapping in a list", "h: [*g : 1]\n", 8, 5), ("a complex key", "h:\n  ? *g\n  : 1\n", 9, 3),
            ("a list as a key", "h: {[*g, *g]: 1}\n", 8, 12),
        ] {
            for kind in ["evidence", "policy"] {
                cases.append(
                    HostileCase(
                        name: "an alias bomb as keys in \(form) of \(kind)",
                        setUp: { s in
                            let head = kind == "evidence" ? evidenceYAML("P1") : "policy: 1\n"
                            return ["validate", s.file("\(kind).yaml", head + bomb + keys)]
                        }, code: 2,
                        says: [
                            "ROOT/\(kind).yaml:\(head(kind) + line):\(column): error:",
                            "qaf's files use plain names as keys",
                        ]
                    ))
            }
        }
        cases.append(
            HostileCase(
                name: "an alias bomb as a value is read without expanding it",
                setUp: { s in ["validate", s.file("ev.yaml", evidenceYAML("P1") + bomb + "events: *g\n")] }, code: 2,
                says: ["an entry of 'events' must be a mapping of keys to values, found a list"]))
        cases.append(
            HostileCase(
                name: "more than 1,000 aliases",
                setUp: { s in
                    let many = String(repeating: "*a, ", count: 1_001)
                    return ["validate", s.file("ev.yaml", evidenceYAML("P1") + "x: &a 1\ny: [\(many)]\n")]
                }, code: 2, says: ["the file uses more than 1000 aliases (*name); qaf reads at most 1000"]))
        cases.append(
            HostileCase(
                name: "flow lists nested 2,000 deep",
                setUp: { s in
                    [
                        "validate",
                        s.file(
                            "ev.yaml",
                            evidenceYAML("P1") + "x: " + String(repeating: "[", count: 2000)
                                + String(repeating: "]", count: 2000) + "\n"),
                    ]
                }, code: 2, says: ["ROOT/ev.yaml:4:1004: error: lists and mappings nest more than 1000 deep here"]))
        cases.append(
            HostileCase(
                name: "a JSON evidence file nested 5,000 deep",
                setUp: { s in
                    [
                        "validate",
                        s.file(
                            "ev.json",
                            #"{"evidence": 1, "as_of": "2026-10-01", "provider": {"id": "P1"}, "x": "#
                                + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"),
                    ]
                }, code: 2, says: ["lists and mappings nest more than 1000 deep here"]))
        cases.append(
            HostileCase(
                name: "block lists nested beyond libyaml's limit, in qaf's words",
                setUp: { s in
                    var text = evidenceYAML("P1") + "x:\n"
                    for depth in 1...1_100 { text += String(repeating: " ", count: depth) + "-\n" }
                    return ["validate", s.file("ev.yaml", text)]
                }, code: 2, says: ["lists and mappings nest too deep here; qaf reads at most 1000 levels"],
                then: { _, _, err in #expect(!err.contains("yaml_set_max_nest_level")) }))
        cases.append(
            HostileCase(
                name: "a JSON Lines record nested 100 deep under an unknown key",
                setUp: { s in
                    [
                        "validate",
                        s.file(
                            "m.jsonl",
                            evidenceLine(
                                "P1", #""x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
                            ) + "\n"),
                    ]
                }, code: 2, says: ["the JSON nests deeper than 64 levels"]))
        for (what, when) in [
            (
                "10,000 nested brackets",
                String(repeating: "(", count: 10_000) + "complaints > 1" + String(repeating: ")", count: 10_000)
            ),
            ("a chain of 5,000 or", (0..<5_000).map { "complaints > \($0)" }.joined(separator: " or ")),
            ("a chain of 5,000 and", (0..<5_000).map { "complaints > \($0)" }.joined(separator: " and ")),
            ("5,000 not", String(repeating: "not ", count: 5_000) + "complaints > 1"),
            ("5,000 signs", "complaints > " + String(repeating: "-", count: 5_000) + "1"),
            ("a sum of 5,000 terms", "complaints > " + (0..<5_000).map { _ in "1" }.joined(separator: " + ")),
            (
                "calls nested 5,000 deep",
                String(repeating: "exists(", count: 5_000) + "complaints" + String(repeating: ")", count: 5_000)
            ),
            (
                "lists nested 5,000 deep",
                "complaints in " + String(repeating: "[", count: 5_000) + "1" + String(repeating: "]", count: 5_000)
            ),
        ] {
            cases.append(
                HostileCase(
                    name: "an expression of \(what)",
                    setUp: { s in
                        ["validate", s.file("policy.yaml", policyText(criteria: criterion("c", "moderate", when)))]
                    },
                    code: 2, says: ["the expression nests more than 500 levels deep here"]))
        }
        cases.append(
            HostileCase(
                name: "a JSON Lines record with 20,000 unknown keys lists 100 problems and stops",
                setUp: { s in
                    let members = (0..<20_000).map { #""k\#($0)":1"# }.joined(separator: ",")
                    return ["validate", s.file("m.jsonl", evidenceLine("P1", members) + "\n")]
                }, code: 2, says: ["more than 100 problems in this record; the rest are not listed"],
                then: { _, _, err in #expect(err.components(separatedBy: "unknown key").count - 1 == 100) }))
        cases.append(
            HostileCase(
                name: "a 20 MB JSON Lines line with an unclosed string is one problem, read once",
                setUp: { s in
                    let text =
                        #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"P1","name":""#
                        + String(repeating: "x", count: 20_000_000) + "\n" + evidenceLine("P2") + "\n"
                    return ["evaluate", "--policy", withPolicy(s), s.file("m.jsonl", text), "--format", "jsonl"]
                }, code: 3, says: ["ROOT/m.jsonl:1:65: error: a string is not closed before the end of the line"],
                then: { _, out, err in
                    #expect(providerIDs(out) == ["P2"])
                    #expect(err.utf8.count < 2_000)
                }))
        cases.append(
            HostileCase(
                name: "a YAML file with 5,000 unknown keys lists 200 problems and stops",
                setUp: { s in
                    let members = (0..<5_000).map { "k\($0): 1" }.joined(separator: "\n")
                    return ["validate", s.file("ev.yaml", evidenceYAML("P1", members + "\n"))]
                }, code: 2, says: ["more than 200 problems in this file; the rest are not listed"]))
        cases.append(
            HostileCase(
                name: "a 2 MB malformed JSON Lines line is reported without its whole text under each message",
                setUp: { s in
                    let junk = String(repeating: "x", count: 2_000_000)
                    return ["validate", s.file("m.jsonl", evidenceLine("P1", #""provider":"\#(junk)""#) + "\n")]
                }, code: 2, says: ["duplicate key 'provider'"], then: { _, _, err in #expect(err.utf8.count < 10_000) })
        )
        return cases
    }

    static func head(_ kind: String) -> Int { kind == "evidence" ? 3 : 1 }

    @Test(arguments: bounded())
    func workIsBounded(_ c: HostileCase) throws { try check(c) }
}
