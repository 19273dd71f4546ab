import Foundation
import QAFBatch
import QAFCore
import QAFLoad

/// The authority's own records (`--local`): evidence fragments in the formats `qaf evaluate` reads (YAML or JSON
/// files, JSON Lines, CSV with a dotted header), keyed by `provider.id`. Only `provider.id` is required of a
/// fragment; `evidence` and `as_of` may be left out, and an `as_of` given is the day the records were taken, which
/// may not be after the gathering's.
public enum LocalRecords {
    public struct Fragment: Sendable {
        public var facts: ProviderFacts
        /// The fragment's own `as_of`, if it gives one.
        public var asOf: Int?
    }

    public static func read(_ paths: [String], schema: EvidenceSchema = .standard) -> (
        fragments: [Fragment], problems: Diagnostics
    ) {
        let fragmentSchema = fragments(of: schema)
        let source = EvidenceSource(paths: paths)
        let parser = ChunkParser(schema: fragmentSchema)
        var fragments: [Fragment] = []
        var problems = Diagnostics()
        while let chunk = source.next() {
            parser.parse(chunk) { item in
                switch item.record {
                case .success(let record):
                    fragments.append(fragment(record, origin: item.origin, file: chunk.file, schema: fragmentSchema))
                case .failure(let d): problems.append(contentsOf: d)
                }
            }
        }
        for problem in source.problems { problems.append(problem) }
        return (fragments, problems)
    }

    /// The vocabulary with nothing required but `provider.id`.
    static func fragments(of schema: EvidenceSchema) -> EvidenceSchema {
        func loosen(_ members: [SchemaMember], prefix: String) -> [SchemaMember] {
            members.map { member in
                let path = prefix.isEmpty ? member.name : prefix + "." + member.name
                let node: SchemaNode
                if case .object(let children) = member.node {
                    node = .object(loosen(children, prefix: path))
                } else {
                    node = member.node
                }
                return SchemaMember(
                    member.name, node, member.doc, required: path == "provider" || path == "provider.id")
            }
        }
        return EvidenceSchema(root: loosen(schema.root, prefix: ""))
    }

    static func fragment(_ record: EvidenceRecord, origin: EvidenceOrigin, file: String, schema: EvidenceSchema)
        -> Fragment
    {
        let location = SourceLocation(file: origin.file, line: origin.line ?? 1, column: 1)
        let names = ["local", origin.file, (origin.file as NSString).lastPathComponent]
        func source(_ path: String) -> FactSource {
            FactSource(
                provenance: record.provenance[path] ?? origin.description, origin: location, names: names)
        }
        let idSlot = schema.scalars["provider.id"]!.slot  // required of every fragment, so present
        var facts = ProviderFacts(id: record.texts[Int(record.scalars[idSlot])], origin: location)
        var asOf: Int?
        for path in schema.scalarOrder {
            let spec = schema.scalars[path]!  // every path of scalarOrder has its spec
            let raw = record.scalars[spec.slot]
            guard !raw.isNaN else { continue }
            if path == "as_of" {
                asOf = Int(raw)
                continue
            }
            if case .constant = spec.kind { continue }
            if let value = value(raw, kind: spec.kind, record: record) { facts.set(path, value, from: source(path)) }
        }
        for entry in record.previousByPolicy {
            let path = "previous.\(entry.policy)"
            if let level = entry.level { facts.set(path + ".level", .text(level), from: source(path + ".level")) }
            if !entry.since.isNaN { facts.set(path + ".since", .date(Int(entry.since)), from: source(path + ".since")) }
        }
        for path in schema.listOrder {
            let spec = schema.lists[path]!  // every path of listOrder has its spec
            let list = record.lists[spec.index]
            if list.count == 0 {
                facts.lists[path] = ListFact(entries: [], statedEmpty: source(path))
                continue
            }
            for e in 0..<max(0, list.count) {
                var fields: [String: FactValue] = [:]
                for name in spec.elementFieldOrder {
                    let field = spec.elementFields[name]!  // the names come from this table
                    let raw = list.values[e * spec.stride + field.slot]
                    if !raw.isNaN, let v = value(raw, kind: field.kind, record: record) { fields[name] = v }
                }
                let entrySource =
                    record.provenance["\(path)[\(e)]"].map {
                        FactSource(provenance: $0, origin: location, names: names)
                    } ?? source(path)
                facts.add(path, fields, from: entrySource)
            }
        }
        return Fragment(facts: facts, asOf: asOf)
    }

    static func value(_ raw: Double, kind: FieldKind, record: EvidenceRecord) -> FactValue? {
        switch kind {
        case .text, .levelID: return .text(record.texts[Int(raw)])
        case .date: return .date(Int(raw))
        case .boolean: return .boolean(raw != 0)
        case .count, .number: return .number(raw)
        case .enumeration(let type): return type.member(ordinal: Int(raw)).map(FactValue.word)
        case .constant, .list: return nil
        }
    }
}
