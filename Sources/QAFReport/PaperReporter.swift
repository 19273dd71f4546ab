import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate

/// The papers for a meeting, in HTML or Markdown: a case paper for one provider against each policy, or a market
/// pack for many (each policy's spread of levels, the providers with triggers, at the highest level and incomplete,
/// then a case paper for each provider worth discussing).
public struct PaperReporter: Reporter {
    public enum Kind: Sendable { case casePaper, marketPack }

    /// What a pack needs of each policy, worked out once.
    public struct PolicyInfo: Sendable {
        /// What a paper says of the policy (its digest included).
        public var footer: CasePaper.PolicyFooter
        /// Short level names, most serious first.
        public var levels: [String]
        public var isTriggerLed: Bool

        public var id: String { footer.id }

        public init(_ p: CompiledPolicy) {
            footer = CasePaper.PolicyFooter(p.model, digest: PolicyDigest.sha256(p))
            levels = p.model.levels.map(LevelWords.short)
            isTriggerLed = p.model.isTriggerLed
        }
    }

    /// Case papers a market pack keeps for each policy: the most pressing providers (immediate triggers, then the
    /// level, then any trigger), so a pack over a whole market stays a paper a meeting can read, and its memory
    /// stays bounded. The tables still list every provider worth discussing, up to their row limit.
    public static let papersPerPolicy = 40

    public let kind: Kind
    public let html: Bool
    public let policies: [PolicyInfo]
    let budget = PackBudget()

    public init(policies: [CompiledPolicy], kind: Kind, html: Bool) {
        self.kind = kind
        self.html = html
        self.policies = policies.map(PolicyInfo.init)
    }

    public func compact(_ summaries: inout [DecisionSummary], from start: Int) {
        guard kind == .marketPack else { return }
        budget.keep(&summaries, from: start, papers: Self.papersPerPolicy, rows: MarketPack.rowLimit)
    }

    public func report(_ decision: Decision) -> String { "" }

    public var needsSummaries: Bool { true }

    public func summarise(_ d: Decision) -> DecisionSummary {
        var summary = DecisionSummary(d)
        guard kind == .casePaper || DecisionSummary.worthDiscussing(d) else { return summary }
        summary.worthDiscussing = true
        // A paper the pack could not keep is not worded at all.
        if kind == .marketPack, let least = budget.leastKept(d.model.id),
            PackBudget.priority(summary) <= least
        {
            return summary
        }
        let digest = policies.first { $0.id == d.model.id }?.footer.digest
        let paper = CasePaper(d, digest: digest)
        let headed = kind == .marketPack
        let text =
            html
            ? CasePaperHTML.section(paper, headed: headed)
            : CasePaperMarkdown.section(paper, level: headed ? 3 : 2, headed: headed)
        summary.paper = text
        summary.anchor = CasePaperHTML.anchor(paper)
        return summary
    }

    public func end(single: Bool, summaries: [DecisionSummary]) -> String {
        switch kind {
        case .casePaper:
            let sections = summaries.compactMap(\.paper)
            return html
                ? CasePaperHTML.page(summaries.first, sections: sections)
                : CasePaperMarkdown.document(summaries.first, sections: sections)
        case .marketPack:
            var pack = MarketPack(policies: policies, summaries: summaries)
            for i in pack.sections.indices {
                pack.sections[i].papersNotShown = budget.droppedCount(pack.sections[i].info.id)
            }
            return html ? MarketPackHTML.render(pack) : MarketPackMarkdown.render(pack)
        }
    }
}

/// What a market pack keeps as the summaries arrive (in input order, on one thread), so that a pack over a whole
/// market stays bounded: per policy, the case papers of the `papers` most pressing providers (earlier input first
/// among equals), and the words of table rows only while a table could still show them.
final class PackBudget: @unchecked Sendable {
    /// For each policy, the indices of the summaries whose paper is kept.
    private var kept: [String: [Int]] = [:]
    /// The least pressing paper kept, once a policy's papers are full: a paper no more pressing is not worded.
    private var least: [String: (Int, Int, Int)] = [:]
    /// Providers worth a paper whose paper was not kept, per policy.
    private var dropped: [String: Int] = [:]
    private var immediateRows: [String: Int] = [:], routineRows: [String: Int] = [:],
        incompleteRows: [String: Int] = [:]
    private let lock = NSLock()

    static func priority(_ s: DecisionSummary) -> (Int, Int, Int) {
        (s.triggers.filter { $0.urgency == .immediate }.count, s.levelRank ?? 0, s.triggers.count)
    }

    /// Read from worker threads: the least pressing kept paper of a full policy.
    func leastKept(_ policy: String) -> (Int, Int, Int)? {
        lock.lock()
        defer { lock.unlock() }
        return least[policy]
    }

    func keep(_ summaries: inout [DecisionSummary], from start: Int, papers: Int, rows: Int) {
        lock.lock()
        defer { lock.unlock() }
        for i in start..<summaries.count {
            let policy = summaries[i].policy
            trimRows(&summaries[i], rows: rows)
            guard summaries[i].worthDiscussing else { continue }
            guard summaries[i].paper != nil else {
                dropped[policy, default: 0] += 1
                continue
            }
            var list = kept[policy, default: []]
            func worse(_ a: Int, _ b: Int) -> Bool {
                let pa = Self.priority(summaries[list[a]]), pb = Self.priority(summaries[list[b]])
                return pa != pb ? pa < pb : list[a] > list[b]
            }
            if list.count < papers {
                list.append(i)
            } else if let worst = list.indices.min(by: worse) {
                // The least pressing kept so far, the later one among equals, gives way only to a more pressing one.
                if Self.priority(summaries[i]) > Self.priority(summaries[list[worst]]) {
                    summaries[list[worst]].paper = nil
                    list[worst] = i
                } else {
                    summaries[i].paper = nil
                }
                dropped[policy, default: 0] += 1
            } else {
                summaries[i].paper = nil
                dropped[policy, default: 0] += 1
            }
            kept[policy] = list
            if list.count >= papers, let worst = list.indices.min(by: worse) {
                least[policy] = Self.priority(summaries[list[worst]])
            }
        }
    }

    /// Trigger rows are shown immediate first, then routine, each in input order, up to `rows`; the incomplete
    /// decisions in input order. Words of a row that can no longer be shown are dropped; it is still counted.
    private func trimRows(_ s: inout DecisionSummary, rows: Int) {
        let policy = s.policy
        for t in s.triggers.indices {
            let shown: Bool
            if s.triggers[t].urgency == .immediate {
                shown = immediateRows[policy, default: 0] < rows
                immediateRows[policy, default: 0] += 1
            } else {
                shown = immediateRows[policy, default: 0] < rows && routineRows[policy, default: 0] < rows
                routineRows[policy, default: 0] += 1
            }
            if !shown { s.triggers[t].because = "" }
        }
        if s.status != .complete {
            if incompleteRows[policy, default: 0] >= rows { s.gather = [] }
            incompleteRows[policy, default: 0] += 1
        }
    }

    func droppedCount(_ policy: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return dropped[policy] ?? 0
    }
}
