import QAFCore
import QAFReport

/// A provider's gathered facts as one line of evidence JSON Lines, fields in the vocabulary's order, with
/// `provenance:` last.
enum EvidenceLine {
    static func write(_ facts: ProviderFacts, asOf: Int, schema: EvidenceSchema) -> String {
        var w = JSONWriter(pretty: false)
        w.object { w in
            members(schema.root, prefix: "", facts, asOf: asOf, &w)
            w.object(Provenance.key) { w in
                for path in facts.scalarPaths(schema) {
                    if let fact = facts.scalars[path] { w.string(path, fact.source.provenance) }
                }
                for path in schema.listOrder {
                    guard let list = facts.lists[path] else { continue }
                    if let empty = list.statedEmpty, list.entries.isEmpty { w.string(path, empty.provenance) }
                    for (i, entry) in list.entries.enumerated() { w.string("\(path)[\(i)]", entry.source.provenance) }
                }
            }
        }
        return w.output
    }

    private static func members(
        _ members: [SchemaMember], prefix: String, _ facts: ProviderFacts, asOf: Int, _ w: inout JSONWriter
    ) {
        for member in members {
            let path = prefix.isEmpty ? member.name : prefix + "." + member.name
            switch member.node {
            case .object(let children):
                let inside = path + "."
                guard
                    facts.scalars.keys.contains(where: { $0.hasPrefix(inside) })
                        || facts.lists.keys.contains(where: { $0.hasPrefix(inside) })
                else { continue }
                w.object(member.name) { w in
                    Self.members(children, prefix: path, facts, asOf: asOf, &w)
                    if path == "previous" { Self.policyEntries(facts, &w) }
                }
            case .field(.list(let fields)):
                guard let list = facts.lists[path] else { continue }
                w.array(member.name) { w in
                    for entry in list.entries {
                        w.object { w in
                            for field in fields {
                                guard let value = entry.fields[field.name], case .field(let kind) = field.node
                                else { continue }
                                write(value, kind: kind, key: field.name, &w)
                            }
                        }
                    }
                }
            case .field(let kind):
                if case .constant(let v) = kind {
                    w.number(member.name, v)
                } else if path == "as_of" {
                    w.string(member.name, Day.format(asOf))
                } else if let fact = facts.scalars[path] {
                    write(fact.value, kind: kind, key: member.name, &w)
                }
            }
        }
    }

    /// `previous: {salford: {level: 2, since: …}}`: the per-policy entries, by policy id.
    private static func policyEntries(_ facts: ProviderFacts, _ w: inout JSONWriter) {
        var policies: [String] = []
        for path in facts.scalars.keys.sorted() {
            let parts = path.split(separator: ".")
            if parts.count == 3, parts[0] == "previous", !policies.contains(String(parts[1])),
                ["level", "since"].contains(parts[2])
            {
                policies.append(String(parts[1]))
            }
        }
        for policy in policies {
            w.object(policy) { w in
                if let level = facts.scalars["previous.\(policy).level"] {
                    write(level.value, kind: .levelID, key: "level", &w)
                }
                if let since = facts.scalars["previous.\(policy).since"] {
                    write(since.value, kind: .date, key: "since", &w)
                }
            }
        }
    }

    private static func write(_ value: FactValue, kind: FieldKind, key: String, _ w: inout JSONWriter) {
        switch value {
        case .text(let s):
            if case .levelID = kind, let n = Int(s), String(n) == s { w.number(key, n) } else { w.string(key, s) }
        case .word(let s): w.string(key, s)
        case .number(let n):
            if case .count = kind, let whole = Int(exactly: n) { w.number(key, whole) } else { w.number(key, n) }
        case .boolean(let b): w.bool(key, b)
        case .date(let d): w.string(key, Day.format(d))
        }
    }
}
