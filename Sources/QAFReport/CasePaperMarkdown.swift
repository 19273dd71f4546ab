import QAFCore

/// The case paper as Markdown: the same content as the HTML one, for pasting into a meeting paper.
public enum CasePaperMarkdown {
    typealias M = MarkdownText

    /// The whole document for one provider against each policy: `first` names the provider.
    public static func document(_ first: DecisionSummary?, sections: [String]) -> String {
        guard let first else { return "# Case paper\n\nNo decision.\n" }
        var out = "# \(M.escape(first.provider))\n\n"
        out += "Case paper · provider `\(M.code(first.providerID))` · evidence as of \(first.asOf)"
        if let evidence = first.evidence { out += " · `\(M.code(evidence))`" }
        return out + "\n" + sections.joined()
    }

    /// One policy's decision; `level` is the heading depth of its title, `headed` names the provider (in a pack).
    public static func section(_ c: CasePaper, level: Int, headed: Bool) -> String {
        let h = String(repeating: "#", count: level), h3 = h + "#"
        var out = "\n"
        if headed {
            out +=
                "<a id=\"\(CasePaperHTML.anchor(c))\"></a>\n\n\(h) \(M.escape(c.providerTitle)) `\(M.code(c.providerID))`\n\n"
            out += "\(M.escape(c.policy.title)) · evidence as of \(c.asOf)"
            if let evidence = c.evidence { out += " · `\(M.code(evidence))`" }
            out += "\n\n"
        } else {
            out += "\(h) \(M.escape(c.policy.title)) `\(M.code(c.policy.id))`\n\n_\(M.escape(c.policy.authority))_\n\n"
        }
        if let level = c.level {
            out += "**Level:** " + (c.couldReachRank != nil ? "at least " : "") + M.escape(level) + "  \n"
        } else {
            out += "**Level:** " + (c.isTriggerLed ? "none: this policy is led by its triggers" : "none given") + "  \n"
        }
        out += "**Status:** \(M.escape(c.status))"
        if let movement = c.movement { out += "  \n**Movement:** \(M.escape(movement))" }
        out += "\n"
        if !c.warnings.isEmpty { out += "\n**Warnings:**\n\n" + c.warnings.map { "- \(M.escape($0))\n" }.joined() }
        if !c.triggers.isEmpty {
            out += "\n\(h3) Escalation triggers\n\n| Urgency | Trigger | Route | Why |\n|---|---|---|---|\n"
            for t in c.triggers {
                out +=
                    "| **\(UrgencyWords.label(t.urgency))** | \(M.cell(t.title)) `\(M.code(t.id))` | \(M.cell(t.route)) | "
                out += "\(M.cell(t.because))"
                if !t.sources.isEmpty { out += "<br>Evidence from: \(M.cell(t.sources.joined(separator: "; ")))" }
                out += "<br>_Source: \(M.cell(t.source))_ |\n"
            }
        }
        if !c.possibleTriggers.isEmpty {
            out +=
                "\n\(c.triggers.isEmpty ? "\(h3) Escalation triggers\n\n" : "")Could fire when the missing evidence is known:\n\n"
            for t in c.possibleTriggers {
                out +=
                    "- \(UrgencyWords.label(t.urgency)): \(M.escape(t.title)) → \(M.escape(t.route)) `\(M.code(t.id))`\n"
            }
        }
        if !c.reasons.isEmpty {
            out += "\n\(h3) Why\n\n"
            for r in c.reasons {
                out +=
                    "- **\(M.escape(r.criterion.severity))** — \(M.escape(r.criterion.title)) `\(M.code(r.criterion.id))`: "
                out += "\(M.escape(r.fact))  \n"
                if !r.sources.isEmpty { out += "  Evidence from: \(M.escape(r.sources.joined(separator: "; ")))  \n" }
                out += "  _Source: \(M.escape(r.criterion.source))_\n"
                for also in r.alsoMeets {
                    out += "  - Also meets: \(M.escape(also.title)) (\(M.escape(also.severity))) `\(M.code(also.id))`; "
                    out += "source: \(M.escape(also.source))\n"
                }
            }
        }
        if !c.gather.isEmpty {
            out += "\n\(h3) What could not be assessed\n\n"
            out += "Missing evidence is never read as no concerns. Gathering this evidence would settle:\n\n"
            out += "| Evidence to gather | Would settle |\n|---|---|\n"
            for g in c.gather {
                let settles =
                    g.criteria.map { "\(M.cell($0.title)) (\(M.cell($0.severity)))" }
                    + g.triggers.map { "Trigger: \(M.cell($0))" }
                out += "| \(M.cell(g.field)) `\(M.code(g.path))` | \(settles.joined(separator: "<br>")) |\n"
            }
        }
        if !(c.settled.isEmpty && c.provisional.isEmpty && c.fromTriggers.isEmpty) {
            out += "\n\(h3) Interventions\n"
            func list(_ items: [CasePaper.Intervention]) -> String {
                items.map { "- \(M.escape($0.text)) `\(M.code($0.id))`\n" }.joined()
            }
            if !c.settled.isEmpty { out += "\nOf the level:\n\n" + list(c.settled) }
            if !c.fromTriggers.isEmpty { out += "\nBrought by the escalation triggers:\n\n" + list(c.fromTriggers) }
            if !c.provisional.isEmpty, let higher = c.couldReach {
                out +=
                    "\n**Provisional** while evidence is missing that could raise the level to \(M.escape(higher)):\n\n"
                for i in c.provisional {
                    out += "- \(M.escape(i.text)) `\(M.code(i.id))`"
                    out += i.holdsHigher ? "\n" : " — _not settled: \(M.escape(higher)) does not bring it_\n"
                }
            }
        }
        if let review = c.review { out += "\n\(h3) Review\n\n\(M.escape(review))\n" }
        out += "\n" + footer(c.policy) + "\n"
        return out
    }

    static func footer(_ p: CasePaper.PolicyFooter) -> String {
        "_Policy `\(M.code(p.id))`, version \(M.escape(p.version)), file `\(M.code(p.file))`"
            + (p.digest.isEmpty ? "" : ", SHA-256 `\(p.digest)`") + "_\n"
    }
}
