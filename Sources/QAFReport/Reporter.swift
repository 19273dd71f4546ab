import QAFEvaluate

/// One reporter per output format; `--format` picks it.
public protocol Reporter {
    /// Written before the first decision.
    func begin(count: Int?) -> String
    /// One decision; `index` counts from 0 in output order.
    func report(_ decision: Decision, index: Int) -> String
    /// Written after the last decision.
    func end(count: Int) -> String
}

extension Reporter {
    public func begin(count: Int?) -> String { "" }
    public func end(count: Int) -> String { "" }

    /// All decisions at once, for small runs and tests.
    public func render(_ decisions: [Decision]) -> String {
        var out = begin(count: decisions.count)
        for (i, d) in decisions.enumerated() { out += report(d, index: i) }
        return out + end(count: decisions.count)
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, jsonl

    public func reporter() -> any Reporter {
        switch self {
        case .text: return TextReporter()
        case .json: return JSONReporter()
        case .jsonl: return JSONLinesReporter()
        }
    }
}

/// One JSON document: the decision itself for one decision, an array for several.
public struct JSONReporter: Reporter {
    public init() {}

    public func begin(count: Int?) -> String { count == 1 ? "" : "[\n" }

    public func report(_ decision: Decision, index: Int) -> String {
        var w = JSONWriter(pretty: true)
        DecisionJSON.write(decision, into: &w)
        return (index > 0 ? ",\n" : "") + w.output
    }

    public func end(count: Int) -> String { count == 1 ? "\n" : "\n]\n" }
}

/// One decision a line, for batches.
public struct JSONLinesReporter: Reporter {
    public init() {}

    public func report(_ decision: Decision, index: Int) -> String {
        var w = JSONWriter(pretty: false)
        DecisionJSON.write(decision, into: &w)
        return w.output + "\n"
    }
}
