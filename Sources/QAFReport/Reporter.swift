import QAFCompile
import QAFCore
import QAFEvaluate

/// One reporter per output format; `--format` picks it. Decisions are rendered one at a time (on worker threads
/// in a batch) and joined in input order with `separator`, so a report can stream.
public protocol Reporter: Sendable {
    /// Written before the first decision; `single` is true when exactly one decision will follow.
    func begin(single: Bool) -> String
    func report(_ decision: Decision) -> String
    /// The same as `report`, appended as bytes; batch reporters write bytes directly.
    func write(_ decision: Decision, into out: inout [UInt8])
    var separator: String { get }
    /// Written after the last decision, from the summaries of every decision (for reports that count).
    func end(single: Bool, summaries: [DecisionSummary]) -> String
    /// Whether `end` needs the summaries; they are kept only then.
    var needsSummaries: Bool { get }
    /// Whether it shows a decision's words (`because` sentences, evidence to gather), so the evaluation must word
    /// each decision; a reporter of ids alone spares the batch that work.
    var needsWords: Bool { get }
    /// What `end` keeps of a decision (worked out on a worker thread).
    func summarise(_ decision: Decision) -> DecisionSummary
    /// Called in input order after `summaries[start...]` arrive, to keep what is kept bounded.
    func compact(_ summaries: inout [DecisionSummary], from start: Int)
}

extension Reporter {
    public func write(_ decision: Decision, into out: inout [UInt8]) { out.append(contentsOf: report(decision).utf8) }
    public func begin(single: Bool) -> String { "" }
    public var separator: String { "" }
    public func end(single: Bool, summaries: [DecisionSummary]) -> String { "" }
    public var needsSummaries: Bool { false }
    public var needsWords: Bool { true }
    public func summarise(_ decision: Decision) -> DecisionSummary { DecisionSummary(decision) }
    public func compact(_ summaries: inout [DecisionSummary], from start: Int) {}

    /// All decisions at once, for small runs and tests.
    public func render(_ decisions: [Decision]) -> String {
        let single = decisions.count == 1
        let body = decisions.map(report).joined(separator: separator)
        var summaries = needsSummaries ? decisions.map(summarise) : []
        compact(&summaries, from: 0)
        return begin(single: single) + body + end(single: single, summaries: summaries)
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, csv, markdown, html

    /// `compactLines` gives JSON Lines the compact form (ids, level, status); otherwise each line is the full decision.
    /// `oneProvider` makes Markdown and HTML a case paper (one provider against each policy) rather than a market pack.
    public func reporter(policies: [CompiledPolicy] = [], compactLines: Bool = false, oneProvider: Bool = false)
        -> any Reporter
    {
        switch self {
        case .text: return TextReporter()
        case .json: return JSONReporter()
        case .jsonl:
            return compactLines
                ? JSONLinesReporter(compact: CompactDecisionWriter(policies: policies)) : JSONLinesReporter()
        case .csv: return CSVReporter()
        case .markdown:
            return PaperReporter(policies: policies, kind: oneProvider ? .casePaper : .marketPack, html: false)
        case .html: return PaperReporter(policies: policies, kind: oneProvider ? .casePaper : .marketPack, html: true)
        }
    }
}

/// What a summary report keeps of a decision: small, so a whole market's fits in memory; a paper is kept only for
/// a provider worth discussing.
public struct DecisionSummary: Sendable {
    public struct Trigger: Sendable {
        public var id: String
        public var title: String
        public var route: String
        public var urgency: Urgency
        public var because: String
    }

    public var policy: String
    public var providerID: String
    public var provider: String
    public var evidence: String?
    public var asOf: String
    /// "Level 2, Medium"; nil when no level is given.
    public var level: String?
    /// The level's rank from the least serious (1); nil when no level is given.
    public var levelRank: Int?
    public var couldReach: String?
    public var status: Decision.Status
    public var triggers: [Trigger]
    /// The fields of evidence that would settle an incomplete decision, in words.
    public var gather: [String]
    /// A rendered case paper, kept for a provider worth discussing when the report asks for one.
    public var paper: String?
    /// Whether the provider is worth a case paper (kept or not).
    public var worthDiscussing = false
    /// The anchor of that paper, for links from the tables.
    public var anchor: String

    public init(_ d: Decision, paper: String? = nil, anchor: String = "") {
        let p = d.model
        policy = p.id
        providerID = d.providerID
        provider = d.providerName ?? d.providerID
        evidence = d.origin?.description
        asOf = Day.format(d.asOf)
        level = d.levelValue.map(LevelWords.short)
        levelRank = d.level.map { p.levels.count - $0 }
        couldReach = d.couldReachValue.map(LevelWords.short)
        status = d.status
        triggers = d.triggers.map { t in
            let trigger = p.triggers[t.index]
            return Trigger(
                id: trigger.id, title: trigger.title, route: p.routes[trigger.route].name, urgency: trigger.urgency,
                because: t.because ?? "")
        }
        var gather: [String] = []
        if d.status != .complete {
            for path in d.evidenceToGather {
                let words = ValueWords.field(ValueWords.listPath(path), schema: d.policy.schema)
                if !gather.contains(words) { gather.append(words) }
            }
        }
        self.gather = gather
        self.paper = paper
        self.anchor = anchor
    }

    /// Worth a case paper in a market pack: a trigger fired, the level moved up, or the policy's most serious
    /// level is proven.
    public static func worthDiscussing(_ d: Decision) -> Bool {
        !d.triggerIndices.isEmpty || d.movement == .escalate || (d.level == 0 && !d.model.levels.isEmpty)
    }
}

/// One JSON document: the decision itself for one decision, an array for several.
public struct JSONReporter: Reporter {
    public init() {}

    public func begin(single: Bool) -> String { single ? "" : "[\n" }

    public func report(_ decision: Decision) -> String {
        var w = JSONWriter(pretty: true)
        DecisionJSON.write(decision, into: &w)
        return w.output
    }

    public var separator: String { ",\n" }

    public func end(single: Bool, summaries: [DecisionSummary]) -> String { single ? "\n" : "\n]\n" }
}

/// One decision a line, for batches: the full decision, or the compact one (ids, level, status).
public struct JSONLinesReporter: Reporter {
    let compact: CompactDecisionWriter?

    public init(compact: CompactDecisionWriter? = nil) { self.compact = compact }

    public var needsWords: Bool { compact == nil }

    public func report(_ decision: Decision) -> String {
        if compact != nil {
            var bytes: [UInt8] = []
            write(decision, into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        var w = JSONWriter(pretty: false)
        DecisionJSON.write(decision, into: &w)
        return w.output + "\n"
    }

    public func write(_ decision: Decision, into out: inout [UInt8]) {
        if let compact { compact.write(decision, into: &out) } else { out.append(contentsOf: report(decision).utf8) }
    }
}
