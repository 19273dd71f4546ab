extension EvidenceRecord {
    /// Whether two records say the same about a provider, however they were read.
    ///
    /// Scalars and list values compare as numbers, with absent (NaN) equal to absent. A text slot holds an index into
    /// `texts`, and readers append texts in different orders, so text slots compare by the text they point at.
    public func isSameEvidence(as other: EvidenceRecord, schema: EvidenceSchema) -> Bool {
        guard scalars.count == other.scalars.count, lists.count == other.lists.count,
            previousByPolicy.count == other.previousByPolicy.count, provenance == other.provenance
        else { return false }
        for (a, b) in zip(previousByPolicy, other.previousByPolicy) {
            guard a.policy == b.policy, a.level == b.level, a.since.isNaN ? b.since.isNaN : a.since == b.since
            else { return false }
        }
        for path in schema.scalarOrder {
            let spec = schema.scalars[path]!
            guard same(scalars[spec.slot], other.scalars[spec.slot], kind: spec.kind, other) else { return false }
        }
        for path in schema.listOrder {
            let spec = schema.lists[path]!
            let (mine, theirs) = (lists[spec.index], other.lists[spec.index])
            guard mine.count == theirs.count, mine.values.count == theirs.values.count else { return false }
            for (i, value) in mine.values.enumerated() {
                let kind = spec.elementFields[spec.elementFieldOrder[i % spec.stride]]!.kind
                guard same(value, theirs.values[i], kind: kind, other) else { return false }
            }
        }
        return true
    }

    private func same(_ a: Double, _ b: Double, kind: FieldKind, _ other: EvidenceRecord) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        switch kind {
        case .text, .levelID: return resolved(a) != nil && resolved(a) == other.resolved(b)
        default: return a == b
        }
    }

    /// The text a text slot's value points at; nil when it points nowhere.
    private func resolved(_ value: Double) -> String? {
        guard value >= 0, value < Double(texts.count), value == value.rounded() else { return nil }
        return texts[Int(value)]
    }
}
