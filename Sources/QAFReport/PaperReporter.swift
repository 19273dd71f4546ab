import Foundation
import QAFCheck
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
        public var id: String
        public var title: String
        public var authority: String
        public var version: String
        public var file: String
        public var digest: String
        /// Short level names, most serious first.
        public var levels: [String]
        public var isTriggerLed: Bool

        public init(_ p: CompiledPolicy) {
            id = p.id
            title = p.checked.title
            authority = p.checked.authority
            version = p.checked.version
            file = p.checked.file
            digest = PolicyDigest.sha256(p)
            levels = p.checked.levels.map(LevelWords.short)
            isTriggerLed = p.checked.isTriggerLed
        }

        var footer: CasePaper.PolicyFooter {
            CasePaper.PolicyFooter(
                id: id, title: title, authority: authority, version: version, file: file, digest: digest)
        }
    }

    /// Case papers a market pack keeps for each policy: the most pressing providers (immediate triggers, then the
    /// level, then any trigger), so a pack over a whole market stays a paper a meeting can read, and its memory
    /// stays bounded. The tables still list every provider worth discussing, up to their row limit.
    public static let papersPerPolicy = 40

    public let kind: Kind
    public let html: Bool
    public let policies: [PolicyInfo]
    let selection = PaperSelection()

    public init(policies: [CompiledPolicy], kind: Kind, html: Bool) {
        self.kind = kind
        self.html = html
        self.policies = policies.map(PolicyInfo.init)
    }

    public func compact(_ summaries: inout [DecisionSummary], from start: Int) {
        guard kind == .marketPack else { return }
        selection.keep(&summaries, from: start, limit: Self.papersPerPolicy)
    }

    public func report(_ decision: Decision) -> String { "" }

    public var needsSummaries: Bool { true }

    public func summarise(_ d: Decision) -> DecisionSummary {
        guard kind == .casePaper || DecisionSummary.worthDiscussing(d) else { return DecisionSummary(d) }
        let digest = policies.first { $0.id == d.checked.id }?.digest
        let paper = CasePaper(d, digest: digest)
        let headed = kind == .marketPack
        let text =
            html
            ? CasePaperHTML.section(paper, headed: headed)
            : CasePaperMarkdown.section(paper, level: headed ? 3 : 2, headed: headed)
        return DecisionSummary(d, paper: text, anchor: CasePaperHTML.anchor(paper))
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
                pack.sections[i].papersNotShown = selection.droppedCount(pack.sections[i].info.id)
            }
            return html ? MarketPackHTML.render(pack) : MarketPackMarkdown.render(pack)
        }
    }
}

/// The case papers a market pack keeps, per policy: at most `limit`, the most pressing first, earlier input first
/// among equals. Used from the one thread that receives summaries in input order.
final class PaperSelection: @unchecked Sendable {
    /// For each policy, the indices of the summaries whose paper is kept.
    private var kept: [String: [Int]] = [:]
    /// Providers worth a paper whose paper was not kept, per policy.
    private(set) var dropped: [String: Int] = [:]
    private let lock = NSLock()

    static func priority(_ s: DecisionSummary) -> (Int, Int, Int) {
        (s.triggers.filter { $0.urgency == .immediate }.count, s.levelRank ?? 0, s.triggers.count)
    }

    func keep(_ summaries: inout [DecisionSummary], from start: Int, limit: Int) {
        lock.lock()
        defer { lock.unlock() }
        for i in start..<summaries.count where summaries[i].paper != nil {
            let policy = summaries[i].policy
            var list = kept[policy, default: []]
            if list.count < limit {
                list.append(i)
            } else {
                // The least pressing kept so far, the later one among equals; it gives way only to a more pressing one.
                // `list` holds `limit` entries here, and a limit is at least one.
                guard
                    let worst = list.indices.min(by: { a, b in
                        let pa = Self.priority(summaries[list[a]]), pb = Self.priority(summaries[list[b]])
                        return pa != pb ? pa < pb : list[a] > list[b]
                    })
                else {
                    summaries[i].paper = nil
                    dropped[policy, default: 0] += 1
                    continue
                }
                if Self.priority(summaries[i]) > Self.priority(summaries[list[worst]]) {
                    summaries[list[worst]].paper = nil
                    list[worst] = i
                } else {
                    summaries[i].paper = nil
                }
                dropped[policy, default: 0] += 1
            }
            kept[policy] = list
        }
    }

    func droppedCount(_ policy: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return dropped[policy] ?? 0
    }
}
