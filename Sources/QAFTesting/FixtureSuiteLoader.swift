import Foundation
import QAFCore
import QAFLoad
import Yams

/// Reads a fixture suite with the same strictness as a policy: unknown keys, bad evidence and bad values are errors.
public enum FixtureSuiteLoader {
    public static let statuses = ["complete", "incomplete", "insufficient_evidence"]
    public static let movements = ["escalate", "de_escalate", "maintain", "undetermined", "none"]

    /// `schema` gives the evidence schema of the policy a suite names (its id): the standard vocabulary and the
    /// policy's own fields, which the suite's evidence may hold.
    public static func load(file: String, schema: (String) -> EvidenceSchema = { _ in .standard })
        -> Result<FixtureSuite, Diagnostics>
    {
        guard case .success(let text) = FileText.read(file) else {
            return .failure(
                Diagnostics([Diagnostic("cannot read this file", at: SourceLocation(file: file, line: 1, column: 1))]))
        }
        return load(file: file, text: text, schema: schema)
    }

    public static func load(
        file: String, text: String, schema: (String) -> EvidenceSchema = { _ in .standard }
    ) -> Result<FixtureSuite, Diagnostics> {
        let source = SourceText(file: file, text: text)
        let root: Node?
        do { root = try source.compose() } catch { return .failure(error) }
        let r = NodeReader(source: source)
        guard let root,
            let top = r.mapping(
                root, "the fixture suite", allowed: ["suite", "policy", "cases"],
                required: ["suite", "policy", "cases"])
        else {
            if root == nil { r.error("the fixture suite is empty", at: source.location(line: 1, column: 1)) }
            return .failure(r.diagnostics)
        }
        if let v = top["suite"], r.number(v, "'suite' (the format version)") != 1 {
            r.error("'suite' must be 1, the only fixture format this qaf reads", at: v)
        }
        let policy = top.identifier("policy", "the policy id")
        let reader = EvidenceReader(schema: schema(policy?.value ?? ""))
        var cases: [FixtureCase] = []
        var names = Set<String>()
        for node in top["cases"].flatMap({ r.sequence($0, "'cases'") }) ?? [] {
            guard let c = fixtureCase(node, r, file: file, reader: reader) else { continue }
            if !names.insert(c.name.value).inserted {
                r.error("case '\(c.name.value)' is defined twice", at: c.name.location)
            }
            cases.append(c)
        }
        if r.diagnostics.hasErrors { return .failure(r.diagnostics) }
        return .success(FixtureSuite(file: file, policy: policy ?? Located("", at: r.location(root)), cases: cases))
    }

    private static func fixtureCase(_ node: Node, _ r: NodeReader, file: String, reader: EvidenceReader)
        -> FixtureCase?
    {
        let label = (node.mapping?["name"]?.string).map { "case '\($0)'" } ?? "a case"
        guard
            let m = r.mapping(
                node, label, allowed: ["name", "description", "evidence", "evidence_file", "expect"],
                required: ["name", "expect"]),
            let name = m.identifier("name", "the case name")
        else { return nil }
        var record: EvidenceRecord?
        var origin = EvidenceOrigin(file: file, line: r.location(node).line)
        switch (m["evidence"], m["evidence_file"]) {
        case (let inline?, nil):
            if case .success(let rec) = reader.read(inline, reader: r) { record = rec }
        case (nil, let pathNode?):
            guard let relative = r.string(pathNode, "'evidence_file'") else { return nil }
            let path = resolve(relative.value, besides: file)
            origin = EvidenceOrigin(file: path)
            guard case .success(let text) = FileText.read(path) else {
                r.error("evidence file '\(relative.value)' not found (looked for \(path))", at: pathNode)
                return nil
            }
            switch reader.read(file: path, text: text) {
            case .success(let rec): record = rec
            case .failure(let d): for item in d.items { r.append(item) }
            }
        case (_?, _?):
            r.error("\(label) has both 'evidence' and 'evidence_file'; keep one", at: node)
        case (nil, nil):
            r.error("\(label) needs 'evidence' (inline) or 'evidence_file'", at: node)
        }
        guard let expectNode = m["expect"], let expect = expectation(expectNode, r) else { return nil }
        guard let record else { return nil }
        return FixtureCase(
            name: name, description: m.string("description", "'description'")?.value, evidence: record,
            evidenceOrigin: origin, expect: expect, location: r.location(node))
    }

    static func resolve(_ relative: String, besides file: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let directory = (file as NSString).deletingLastPathComponent
        return ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(relative)
    }

    private static func expectation(_ node: Node, _ r: NodeReader) -> Expectation? {
        let keys = ["level", "status", "could_reach", "fired", "unassessed", "triggers", "interventions", "movement"]
        guard let m = r.mapping(node, "'expect'", allowed: keys) else { return nil }
        var e = Expectation()
        e.location = r.location(node)
        if case .mapping(let map) = node {
            e.isFlow = map.style == .flow
            e.keys = map.compactMap { $0.key.string }
        }
        if case .mapping(let map) = node, map.count == 0 {
            r.error(
                "'expect' checks nothing: a case must expect at least one of \(keys.joined(separator: ", "))", at: node)
            return nil
        }
        func levelID(_ key: String) -> Located<LevelID?>? {
            guard let v = m[key] else { return nil }
            if let s = v.scalar, s.style == .plain, ["null", "~", ""].contains(s.string) {
                return Located(nil, at: r.location(v))
            }
            return r.string(v, "'\(key)'").map { Located(LevelID($0.value), at: $0.location) }
        }
        func ids(_ key: String) -> Located<[Located<String>]>? {
            guard let v = m[key] else { return nil }
            return Located(r.identifiers(v, "'\(key)'"), at: r.location(v))
        }
        func word(_ key: String, among allowed: [String]) -> Located<String>? {
            guard let v = m.string(key, "'\(key)'") else { return nil }
            if !allowed.contains(v.value) {
                r.error(
                    "'\(key)' must be one of \(allowed.joined(separator: ", "))"
                        + NearestName.hint(v.value, among: allowed), at: v.location)
            }
            return v
        }
        e.level = levelID("level")
        e.couldReach = levelID("could_reach")
        e.status = word("status", among: statuses)
        e.movement = word("movement", among: movements)
        e.fired = ids("fired")
        e.unassessed = ids("unassessed")
        e.triggers = ids("triggers")
        e.interventions = ids("interventions")
        return e
    }
}
