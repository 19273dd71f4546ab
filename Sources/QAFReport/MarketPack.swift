import QAFCore
import QAFEvaluate

/// A market's decisions gathered for a meeting: for each policy, the spread of levels and the providers to
/// discuss; then the case papers. Both the HTML and Markdown packs render this.
public struct MarketPack: Sendable {
    /// Rows listed in one table before the rest are counted instead (every decision is in `--format csv`).
    public static let rowLimit = 200

    public struct Bar: Sendable {
        public var label: String
        /// 0 for "no level"; otherwise the level's rank from the least serious.
        public var rank: Int
        public var count: Int
        /// Of these, the decisions missing evidence could raise to a more serious level.
        public var couldBeHigher: Int
    }

    public struct TriggerRow: Sendable {
        public var summary: DecisionSummary
        public var trigger: DecisionSummary.Trigger
    }

    public struct PolicySection: Sendable {
        public var info: PaperReporter.PolicyInfo
        public var decisions: Int
        public var bars: [Bar]
        public var triggerRows: [TriggerRow]
        public var highest: [DecisionSummary]
        public var highestLevel: String?
        public var incomplete: [DecisionSummary]
        /// Providers worth discussing whose case paper the pack leaves out (beyond `PaperReporter.papersPerPolicy`).
        public var papersNotShown = 0
    }

    public var providers: Int
    public var decisions: Int
    public var asOf: (first: String, last: String)?
    public var sections: [PolicySection]
    public var papers: [DecisionSummary]

    public init(policies: [PaperReporter.PolicyInfo], summaries: [DecisionSummary]) {
        var seen = Set<String>()
        for s in summaries { seen.insert(s.providerID + "\u{0}" + (s.evidence ?? "")) }
        providers = seen.count
        decisions = summaries.count
        let dates = summaries.map(\.asOf).sorted()
        if let first = dates.first, let last = dates.last { asOf = (first, last) } else { asOf = nil }
        papers = summaries.filter { $0.paper != nil }
        sections = policies.compactMap { info in
            let mine = summaries.filter { $0.policy == info.id }
            guard !mine.isEmpty else { return nil }
            var bars: [Bar] = info.levels.enumerated().map { i, name in
                let rank = info.levels.count - i
                let at = mine.filter { $0.levelRank == rank }
                return Bar(
                    label: name, rank: rank, count: at.count, couldBeHigher: at.filter { $0.couldReach != nil }.count)
            }
            let none = mine.filter { $0.levelRank == nil }
            if !none.isEmpty {
                bars.append(
                    Bar(
                        label: info.isTriggerLed ? "No level (led by triggers)" : "No level (insufficient evidence)",
                        rank: 0, count: none.count, couldBeHigher: 0))
            }
            let rows = mine.flatMap { s in s.triggers.map { TriggerRow(summary: s, trigger: $0) } }
            // Most urgent first; within an urgency, the input order (a stable sort keeps it).
            let ordered = rows.enumerated().sorted { a, b in
                (a.element.trigger.urgency, a.offset) < (b.element.trigger.urgency, b.offset)
            }.map(\.element)
            let top = info.levels.count
            return PolicySection(
                info: info, decisions: mine.count, bars: bars, triggerRows: ordered,
                highest: top == 0 ? [] : mine.filter { $0.levelRank == top },
                highestLevel: info.levels.first,
                incomplete: mine.filter { $0.status != .complete })
        }
    }

    /// The level of a decision in a table cell: "at least" while missing evidence could raise it.
    public static func level(_ s: DecisionSummary) -> String {
        guard let level = s.level else { return "none" }
        return s.couldReach == nil ? level : "at least \(level)"
    }

    /// The status of a decision in a table cell.
    public static func status(_ s: DecisionSummary) -> String {
        switch s.status {
        case .complete: return "Complete"
        case .incomplete: return s.couldReach.map { "Incomplete: could be \($0)" } ?? "Incomplete: a trigger could fire"
        case .insufficientEvidence: return "Insufficient evidence"
        }
    }
}
