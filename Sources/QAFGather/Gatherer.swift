import QAFCore
import QAFLoad

/// `qaf gather`: CQC's API responses and the authority's own records merged into one evidence record per provider,
/// each fact with its source.
public struct Gatherer {
    public var asOf: Int
    /// `cqc`, `local` or the path of one `--local` file: the source that wins when sources disagree.
    public var prefer: String?
    public var schema: EvidenceSchema

    public init(asOf: Int, prefer: String? = nil, schema: EvidenceSchema = .standard) {
        (self.asOf, self.prefer, self.schema) = (asOf, prefer, schema)
    }

    public struct Result: Sendable {
        /// One evidence record a line, in input order (CQC's locations first, then providers known only locally).
        public var records: [String] = []
        public var withCQC = 0
        public var localOnly = 0
        /// Errors: malformed responses or records, conflicts, facts dated after as_of.
        public var problems = Diagnostics()
        /// Providers left out for conflicts or facts dated after as_of.
        public var notGathered: [String] = []
        public var malformed = 0
        public var skipped: [SkippedLocation] = []
        public var notes: [GatherNote] = []

        /// The last line on standard error.
        public var summary: String {
            var counts: [String] = []
            for reason in SkippedLocation.Reason.allCases {
                let n = skipped.filter { $0.reasons.contains { $0.0 == reason } }.count
                if n > 0 { counts.append("\(n) \(reason.rawValue)") }
            }
            return "qaf gather: \(records.count) provider record(s) written (\(withCQC) with CQC facts, "
                + "\(localOnly) local only); \(skipped.count) CQC location(s) skipped"
                + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")
                + "; \(notGathered.count) provider(s) not gathered for conflicts or facts after as_of; "
                + "\(malformed) malformed location(s) or record(s)"
        }
    }

    public func gather(cqc: [String], local: [String]) -> Result {
        var result = Result()
        var order: [String] = []
        var providers: [String: ProviderFacts] = [:]
        var failed: [String: [Diagnostic]] = [:]
        let merger = FactMerger(prefer: prefer, schema: schema)
        func add(_ facts: ProviderFacts) {
            guard var known = providers[facts.id] else {
                order.append(facts.id)
                providers[facts.id] = facts
                return
            }
            let problems = merger.merge(facts, into: &known)
            providers[facts.id] = known
            if !problems.isEmpty { failed[facts.id, default: []].append(contentsOf: problems) }
        }
        for outcome in CQCResponses.read(cqc) {
            switch outcome {
            case .gathered(let facts, let notes):
                result.notes.append(contentsOf: notes)
                add(facts)
            case .skipped(let location): result.skipped.append(location)
            case .malformed(let d):
                result.problems.append(d)
                result.malformed += 1
            }
        }
        let (fragments, localProblems) = LocalRecords.read(local, schema: schema)
        result.problems.append(contentsOf: localProblems)
        result.malformed += Set(localProblems.items.map { "\($0.location.file):\($0.location.line)" }).count
        for fragment in fragments {
            if let taken = fragment.asOf, taken > asOf {
                failed[fragment.facts.id, default: []].append(
                    Diagnostic(
                        "provider \(fragment.facts.id): these records describe \(Day.format(taken)), after as_of "
                            + "\(Day.format(asOf)); the provider is not gathered", at: fragment.facts.origin))
            }
            if providers[fragment.facts.id] == nil,
                let skipped = result.skipped.first(where: { $0.id == fragment.facts.id })
            {
                result.notes.append(
                    GatherNote(
                        location: fragment.facts.origin,
                        text: "provider \(fragment.facts.id) is gathered from local records only: its CQC location "
                            + "was skipped (\(skipped.reasons.map(\.1).joined(separator: "; ")))"))
            }
            add(fragment.facts)
        }
        let reader = JSONEvidenceReader(schema: schema)
        for id in order {
            let facts = providers[id]!  // every id of `order` was stored with it
            var problems = failed[id] ?? []
            problems.append(contentsOf: futureFacts(facts))
            if problems.isEmpty {
                let line = EvidenceLine.write(facts, asOf: asOf, schema: schema)
                if case .failure(let d) = reader.read(Array(line.utf8), file: "<gathered \(id)>", line: 1) {
                    problems.append(contentsOf: d.items)  // a gathered record the readers refuse: never written
                } else {
                    result.records.append(line)
                    if facts.fromCQC { result.withCQC += 1 } else { result.localOnly += 1 }
                    continue
                }
            }
            result.notGathered.append(id)
            for p in problems { result.problems.append(p) }
        }
        return result
    }

    /// Every dated fact must be on or before as_of: evidence describes one day and cannot know what came after.
    private func futureFacts(_ facts: ProviderFacts) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func check(_ path: String, _ value: FactValue, _ source: FactSource) {
            guard case .date(let day) = value, day > asOf else { return }
            problems.append(
                Diagnostic(
                    "provider \(facts.id): \(path) is \(Day.format(day)) in \(source.described), after as_of "
                        + "\(Day.format(asOf)); the provider is not gathered (a fact cannot be dated after the day "
                        + "the evidence describes; give a later --as-of if the date is right)", at: source.origin))
        }
        for path in facts.scalarPaths(schema) { if let f = facts.scalars[path] { check(path, f.value, f.source) } }
        for path in schema.listOrder {
            for (i, entry) in (facts.lists[path]?.entries ?? []).enumerated() {
                for (name, value) in entry.fields.sorted(by: { $0.key < $1.key }) {
                    check("\(path)[\(i)].\(name)", value, entry.source)
                }
            }
        }
        return problems
    }
}
