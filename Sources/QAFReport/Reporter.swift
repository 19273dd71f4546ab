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
}

extension Reporter {
    public func write(_ decision: Decision, into out: inout [UInt8]) { out.append(contentsOf: report(decision).utf8) }
    public func begin(single: Bool) -> String { "" }
    public var separator: String { "" }
    public func end(single: Bool, summaries: [DecisionSummary]) -> String { "" }
    public var needsSummaries: Bool { false }

    /// All decisions at once, for small runs and tests.
    public func render(_ decisions: [Decision]) -> String {
        let single = decisions.count == 1
        let body = decisions.map(report).joined(separator: separator)
        let summaries = needsSummaries ? decisions.map(DecisionSummary.init) : []
        return begin(single: single) + body + end(single: single, summaries: summaries)
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, csv, markdown

    /// `compactLines` gives JSON Lines the compact form (ids, level, status); otherwise each line is the full decision.
    public func reporter(policies: [CompiledPolicy] = [], compactLines: Bool = false) -> any Reporter {
        switch self {
        case .text: return TextReporter()
        case .json: return JSONReporter()
        case .jsonl:
            return compactLines
                ? JSONLinesReporter(compact: CompactDecisionWriter(policies: policies)) : JSONLinesReporter()
        case .csv: return CSVReporter()
        case .markdown: return MarkdownReporter()
        }
    }
}

/// What a summary report keeps of a decision: small, so a whole market's fits in memory.
public struct DecisionSummary: Sendable {
    public struct Trigger: Sendable {
        public var title: String
        public var route: String
        public var urgency: String
    }

    public var policy: String
    public var policyTitle: String
    public var provider: String
    public var level: String
    public var levelRank: Int
    public var status: String
    public var triggers: [Trigger]

    public init(_ d: Decision) {
        let p = d.checked
        policy = p.id
        policyTitle = p.authority
        provider = d.providerName.map { "\($0) (\(d.providerID))" } ?? d.providerID
        if let value = d.levelValue {
            level = "\(value.id) \(value.name)" + (d.couldReachValue.map { " (could be \($0.id))" } ?? "")
        } else {
            level = d.status == .insufficientEvidence ? "insufficient evidence" : "no level (trigger-led)"
        }
        levelRank = d.level.map { p.levels.count - $0 } ?? 0
        status = d.status.rawValue
        triggers = d.triggerIndices.map { t in
            let trigger = p.triggers[t]
            return Trigger(title: trigger.title, route: p.routes[trigger.route].name, urgency: trigger.urgency.rawValue)
        }
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
