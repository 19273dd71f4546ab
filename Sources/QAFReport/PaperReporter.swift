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

    public let kind: Kind
    public let html: Bool
    public let policies: [PolicyInfo]

    public init(policies: [CompiledPolicy], kind: Kind, html: Bool) {
        self.kind = kind
        self.html = html
        self.policies = policies.map(PolicyInfo.init)
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
            let pack = MarketPack(policies: policies, summaries: summaries)
            return html ? MarketPackHTML.render(pack) : MarketPackMarkdown.render(pack)
        }
    }
}
