import QAFCore
import QAFEvaluate

/// One row per provider and policy, for spreadsheets. Lists are joined with `;`.
public struct CSVReporter: Reporter {
    public init() {}

    public static let columns = [
        "policy", "provider_id", "provider_name", "evidence", "as_of", "status", "level", "level_name", "could_reach",
        "movement", "fired", "triggers", "immediate", "interventions", "unassessed", "evidence_to_gather",
    ]

    public func begin(single: Bool) -> String { Self.columns.joined(separator: ",") + "\n" }

    public func report(_ d: Decision) -> String {
        let p = d.model
        let fields: [String] = [
            p.id, d.providerID, d.providerName ?? "", d.origin?.description ?? "", Day.format(d.asOf),
            d.status.rawValue,
            d.levelValue?.id.description ?? "", d.levelValue?.name ?? "", d.couldReachValue?.id.description ?? "",
            d.movement.rawValue,
            d.firedIndices.map { p.criteria[$0].id }.joined(separator: ";"),
            d.triggerIndices.map { p.triggers[$0].id }.joined(separator: ";"),
            d.triggerIndices.contains { p.triggers[$0].urgency == .immediate } ? "yes" : "no",
            d.interventions.map { p.interventions[$0].id }.joined(separator: ";"),
            d.unassessedIndices.map { p.criteria[$0].id }.joined(separator: ";"),
            d.evidenceToGather.joined(separator: ";"),
        ]
        return fields.map { CSVField.quoted(SpreadsheetCell.neutralised($0)) }.joined(separator: ",") + "\n"
    }
}
