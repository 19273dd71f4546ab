import QAFCore

/// Shows what the evidence says at a path, for `qaf explain`.
public enum EvidenceValues {
    public static func describe(_ path: String, in record: EvidenceRecord, schema: EvidenceSchema) -> String {
        if let spec = schema.scalars[path] {
            let v = record.scalars[spec.slot]
            return v.isNaN ? "absent" : describe(v, kind: spec.kind, record: record)
        }
        let listPath = path.components(separatedBy: "[].").first ?? path
        guard let list = schema.lists[listPath] else { return "?" }
        let l = record.lists[list.index]
        if l.count < 0 { return "absent" }
        if l.count == 0 { return "none (empty list)" }
        var elements: [String] = []
        for e in 0..<l.count {
            let fields = list.elementFieldOrder.enumerated().compactMap { i, name -> String? in
                let v = l.values[e * list.stride + i]
                return v.isNaN ? nil : "\(name): \(describe(v, kind: list.elementFields[name]!.kind, record: record))"
            }
            elements.append("{" + fields.joined(separator: ", ") + "}")
        }
        return elements.joined(separator: ", ")
    }

    static func describe(_ v: Double, kind: FieldKind, record: EvidenceRecord) -> String {
        switch kind {
        case .boolean: return v >= 1 ? "true" : "false"
        case .date: return Day.format(Int(v))
        case .enumeration(let e): return e.member(ordinal: Int(v)) ?? "?"
        case .text, .levelID: return record.texts.indices.contains(Int(v)) ? record.texts[Int(v)] : "?"
        default: return ValueText.number(v)
        }
    }
}
