import Foundation
import QAFCheck
import QAFCompile
import QAFCore

/// What a policy's fixtures exercise: every criterion fired, level reached, intervention brought and trigger
/// fired at least once, and every threshold seen both holding and not holding.
public struct Coverage: Sendable {
    public struct Item: Sendable {
        public var kind: String
        public var id: String
        public var covered: Bool
        /// For a threshold not covered: which side no fixture reached.
        public var missing: String?
    }

    public var policy: String
    public var items: [Item]

    public var uncovered: [Item] { items.filter { !$0.covered } }
    public var percent: Double {
        items.isEmpty ? 100 : Double(items.filter(\.covered).count) * 100 / Double(items.count)
    }

    public init(policy compiled: CompiledPolicy, results: [CaseResult]) {
        let p = compiled.model
        policy = p.id
        let fired = Set(results.flatMap(\.actual.fired))
        let levels = Set(results.compactMap(\.actual.level))
        let interventions = Set(results.flatMap(\.actual.interventions))
        let triggers = Set(results.flatMap(\.actual.triggers))
        var items: [Item] = []
        items += p.criteria.map { Item(kind: "criterion", id: $0.id, covered: fired.contains($0.id)) }
        items += p.levels.map {
            Item(kind: "level", id: $0.id.description, covered: levels.contains($0.id.description))
        }
        items += p.interventions.map { Item(kind: "intervention", id: $0.id, covered: interventions.contains($0.id)) }
        items += p.triggers.map { Item(kind: "trigger", id: $0.id, covered: triggers.contains($0.id)) }
        for (i, owned) in p.thresholds.enumerated() {
            let outcomes = Set(results.map { $0.thresholds[i] })
            let holds = outcomes.contains(.true), fails = outcomes.contains(.false)
            let missing =
                holds && fails
                ? nil
                : !holds && !fails
                    ? "neither side" : holds ? "the side where it does not hold" : "the side where it holds"
            items.append(
                Item(
                    kind: "threshold", id: "\(owned.owner): \(owned.text)", covered: missing == nil,
                    missing: missing))
        }
        self.items = items
    }

    /// The coverage report a policy owner reads.
    public var text: String {
        var out =
            "\(policy): \(String(format: "%.1f", percent))% covered (\(items.count - uncovered.count) of \(items.count))\n"
        for item in uncovered {
            out += "  not exercised: \(item.kind) \(item.id)\(item.missing.map { " — no fixture tests \($0)" } ?? "")\n"
        }
        return out
    }
}
