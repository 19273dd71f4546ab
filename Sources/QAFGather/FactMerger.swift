import QAFCore

/// Merges what several sources say of one provider. Equal values agree silently; different values of one field are
/// a conflict naming both sources, unless `prefer` names exactly one of them. A list gathers the entries of every
/// source (an equal entry once), but a source stating that it is empty conflicts with one that lists entries.
struct FactMerger {
    let prefer: String?
    let schema: EvidenceSchema

    func merge(_ new: ProviderFacts, into facts: inout ProviderFacts) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        facts.fromCQC = facts.fromCQC || new.fromCQC
        for path in new.scalarPaths(schema) {
            guard let fact = new.scalars[path] else { continue }
            guard let old = facts.scalars[path] else {
                facts.scalars[path] = fact
                continue
            }
            if old.value == fact.value { continue }
            switch choose(old.source, fact.source) {
            case .old: continue
            case .new: facts.scalars[path] = fact
            case .neither:
                problems.append(
                    conflict(
                        facts.id, path, "\(old.value) in \(old.source.described)",
                        "\(fact.value) in \(fact.source.described)", at: fact.source.origin))
            }
        }
        for path in schema.listOrder {
            guard let incoming = new.lists[path] else { continue }
            var list = facts.lists[path] ?? ListFact()
            if let empty = incoming.statedEmpty {
                if list.entries.isEmpty {
                    list.statedEmpty = list.statedEmpty ?? empty
                } else {
                    switch choose(list.entries[0].source, empty) {
                    case .old: break
                    case .new: list = ListFact(entries: [], statedEmpty: empty)
                    case .neither:
                        problems.append(
                            conflict(
                                facts.id, path,
                                "\(list.entries.count) entr(ies) in \(list.entries[0].source.described)",
                                "none ([]) in \(empty.described)", at: empty.origin))
                    }
                }
            }
            for entry in incoming.entries {
                if list.entries.contains(where: { $0.fields == entry.fields }) { continue }
                if let empty = list.statedEmpty, list.entries.isEmpty {
                    switch choose(empty, entry.source) {
                    case .old: continue
                    case .new: list.statedEmpty = nil
                    case .neither:
                        problems.append(
                            conflict(
                                facts.id, path, "none ([]) in \(empty.described)",
                                "an entry in \(entry.source.described)", at: entry.source.origin))
                        continue
                    }
                }
                list.entries.append(entry)
            }
            facts.lists[path] = list
        }
        return problems
    }

    private enum Choice { case old, new, neither }

    private func choose(_ old: FactSource, _ new: FactSource) -> Choice {
        guard let prefer else { return .neither }
        switch (old.names.contains(prefer), new.names.contains(prefer)) {
        case (true, false): return .old
        case (false, true): return .new
        default: return .neither
        }
    }

    private func conflict(_ id: String, _ path: String, _ one: String, _ other: String, at: SourceLocation)
        -> Diagnostic
    {
        Diagnostic(
            "provider \(id): sources disagree on \(path): \(one), but \(other); the provider is not gathered "
                + "(--prefer cqc, local or a file chooses which wins)", at: at)
    }
}
