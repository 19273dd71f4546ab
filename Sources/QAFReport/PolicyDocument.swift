import QAFCompile
import QAFCore

/// A policy as a readable Markdown document, to hold beside the source framework and see every statement there.
public enum PolicyDocument {
    typealias M = MarkdownText

    /// `localEvidence` is the evidence the policy declares itself (`vocabulary:`), shown after its parameters.
    public static func render(
        _ p: PolicyModel, policyFile: String, localEvidence: [(path: String, member: SchemaMember)] = []
    ) -> String {
        var out = "# \(p.title)\n\n"
        out += "_\(p.authority)_\n\n"
        out += "| | |\n|---|---|\n"
        out += "| Policy id | `\(p.id)` |\n"
        out += "| Source document | \(M.authoredCell(p.source)), version \(M.authoredCell(p.version)) |\n"
        out += "| Policy file | `\(policyFile)` |\n"
        out +=
            "| Kind | \(p.isTriggerLed ? "trigger-led: escalation triggers, no provider level" : "threshold levels, most serious first") |\n"
        if !p.requires.isEmpty {
            out += "| Required evidence | \(p.requires.map { "`\($0)`" }.joined(separator: ", ")) |\n"
        }
        out += "\nGenerated from the policy by `qaf document`; do not edit by hand. A test keeps it current.\n"
        if let notes = p.notes { out += "\n## How the source was read\n\n\(notes.trimmingTrailingNewlines)\n" }
        out += levels(p) + criteria(p) + triggers(p) + parameters(p) + interventions(p) + routes(p)
        if !localEvidence.isEmpty {
            out +=
                "\n## Local evidence\n\nEvidence this policy declares itself (`vocabulary:`), read beside the standard "
            out +=
                "vocabulary: evidence files hold these fields as they hold standard ones, and an absent one is unknown.\n\n"
            out += VocabularyTable.markdown(localEvidence)
        }
        return out
    }

    private static func levels(_ p: PolicyModel) -> String {
        guard !p.levels.isEmpty else { return "" }
        var out =
            "\n## Levels\n\nTried in order; the first whose condition holds is the level. Missing evidence never lowers it.\n"
        for level in p.levels {
            out += "\n### Level \(level.id) — \(level.name): \(level.label)\n\n"
            out += "- **When:** \(level.whenText.map { "`\(M.oneLine($0))`" } ?? "otherwise (no other level holds)")\n"
            if let review = level.review { out += "- **Review:** \(review.by); \(review.every)\n" }
            out += "- **Source:** \(level.source)\n"
            if !level.interventions.isEmpty {
                out += "- **Interventions:**\n"
                for i in level.interventions { out += "  - \(p.interventions[i].text) (`\(p.interventions[i].id)`)\n" }
            }
        }
        return out
    }

    private static func criteria(_ p: PolicyModel) -> String {
        var out =
            "\n## Criteria by domain\n\nEach criterion is a statement of the source; it fires when its condition holds on the evidence.\n"
        for (d, domain) in p.domains.enumerated() {
            let inDomain = p.criteria.filter { $0.domain == d }.sorted { $0.severity > $1.severity }
            guard !inDomain.isEmpty else { continue }
            out += "\n### \(domain.name)\n\n"
            out += table(
                ["Criterion", "Indicates", "Statement", "Condition", "Source"],
                inDomain.map { c in
                    let note = c.note.map { "<br>_Note: \(M.authoredCell($0))_" } ?? ""
                    return [
                        "`\(c.id)`", ValueWords.label(p.severities[c.severity]), M.authoredCell(c.title) + note,
                        "`\(M.authoredCell(M.oneLine(c.whenText)))`",
                        M.authoredCell(c.source),
                    ]
                })
        }
        return out
    }

    private static func triggers(_ p: PolicyModel) -> String {
        guard !p.triggers.isEmpty else { return "" }
        return "\n## Triggers\n\nEscalations that stand beside the level.\n\n"
            + table(
                ["Trigger", "Condition", "Route", "Urgency", "Source"],
                p.triggers.map { t in
                    [
                        "`\(t.id)`: \(M.authoredCell(t.title))", "`\(M.authoredCell(M.oneLine(t.whenText)))`",
                        M.authoredCell(p.routes[t.route].name),
                        ValueWords.label(t.urgency.rawValue), M.authoredCell(t.source),
                    ]
                })
    }

    private static func parameters(_ p: PolicyModel) -> String {
        guard !p.parameters.isEmpty else { return "" }
        return "\n## Parameters\n\nEvery number a policy owner may tune.\n\n"
            + table(
                ["Parameter", "Value", "Means", "Source"],
                p.parameters.map {
                    ["`\($0.name)`", $0.value.description, M.authoredCell($0.means), M.authoredCell($0.source)]
                })
    }

    private static func interventions(_ p: PolicyModel) -> String {
        guard !p.interventions.isEmpty else { return "" }
        return "\n## Interventions\n\n"
            + table(
                ["Intervention", "Text", "Source"],
                p.interventions.map { ["`\($0.id)`", M.authoredCell($0.text), M.authoredCell($0.source)] })
    }

    private static func routes(_ p: PolicyModel) -> String {
        guard !p.routes.isEmpty else { return "" }
        return "\n## Routes\n\n"
            + table(
                ["Route", "Body", "Source"],
                p.routes.map { ["`\($0.id)`", M.authoredCell($0.name), M.authoredCell($0.source)] })
    }

    /// A Markdown table; the cells are already made safe with `M.authoredCell`.
    private static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var out =
            "| " + headers.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: headers.count) + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}

extension StringProtocol {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
