import QAFCore

/// The market pack as Markdown: the same content as the HTML pack, with the spread of levels as a table of bars.
public enum MarketPackMarkdown {
    typealias M = MarkdownText

    public static func render(_ pack: MarketPack) -> String {
        var out = "# Market pack\n\n\(pack.providers) provider(s), \(pack.decisions) decision(s)"
        if let asOf = pack.asOf {
            out +=
                asOf.first == asOf.last
                ? ", evidence as of \(asOf.first)" : ", evidence as of \(asOf.first) to \(asOf.last)"
        }
        out += "; \(pack.papers.count) case paper(s) for the providers worth discussing "
        out += "(a trigger fired, the level went up, or the most serious level).\n"
        for section in pack.sections { out += policy(section) }
        if !pack.papers.isEmpty {
            out += "\n## Case papers\n"
            out += pack.papers.compactMap(\.paper).joined()
        }
        return out
    }

    static func provider(_ s: DecisionSummary) -> String {
        let name = "\(M.cell(s.provider)) `\(M.code(s.providerID))`"
        return s.paper == nil ? name : "[\(name)](#\(s.anchor))"
    }

    static func policy(_ s: MarketPack.PolicySection) -> String {
        var out =
            "\n## \(M.escape(s.info.footer.title)) `\(M.code(s.info.id))`\n\n_\(M.escape(s.info.footer.authority))_ · \(s.decisions) decision(s)\n"
        out += "\n### Spread of levels\n\n| Level | Providers | of which could be higher | |\n|---|---:|---:|---|\n"
        let most = max(1, s.bars.map(\.count).max() ?? 1)
        for bar in s.bars {
            let blocks = bar.count == 0 ? "" : String(repeating: "█", count: max(1, bar.count * 20 / most))
            out += "| \(M.cell(bar.label)) | \(bar.count) | \(bar.couldBeHigher) | \(blocks) |\n"
        }
        out += "\n### Providers with escalation triggers\n\n"
        if s.triggerRows.isEmpty {
            out += "No trigger fired for any provider.\n"
        } else {
            out += "| Urgency | Provider | Level | Trigger | Route | Why |\n|---|---|---|---|---|---|\n"
            for row in s.triggerRows.prefix(MarketPack.rowLimit) {
                out += "| **\(UrgencyWords.label(row.trigger.urgency))** | \(provider(row.summary)) | "
                out +=
                    "\(M.cell(MarketPack.level(row.summary))) | \(M.cell(row.trigger.title)) `\(M.code(row.trigger.id))` | "
                out += "\(M.cell(row.trigger.route)) | \(M.cell(row.trigger.because)) |\n"
            }
            out += more(s.triggerRows.count, "trigger(s)")
        }
        if let highest = s.highestLevel {
            out += "\n### Providers at the highest level: \(M.escape(highest))\n\n"
            if s.highest.isEmpty {
                out += "None proven at this level.\n"
            } else {
                out += "| Provider | Status | Triggers |\n|---|---|---:|\n"
                for p in s.highest.prefix(MarketPack.rowLimit) {
                    out += "| \(provider(p)) | \(M.cell(MarketPack.status(p))) | \(p.triggers.count) |\n"
                }
                out += more(s.highest.count, "provider(s)")
            }
        }
        out += "\n### Incomplete decisions and what would settle them\n\n"
        if s.incomplete.isEmpty {
            out += "Every decision is complete.\n"
        } else {
            out += "| Provider | Level now | Status | Evidence that would settle it |\n|---|---|---|---|\n"
            for p in s.incomplete.prefix(MarketPack.rowLimit) {
                out += "| \(provider(p)) | \(M.cell(MarketPack.level(p))) | "
                out += "\(M.cell(MarketPack.status(p))) | \(M.cell(p.gather.joined(separator: "; "))) |\n"
            }
            out += more(s.incomplete.count, "incomplete decision(s)")
        }
        if s.papersNotShown > 0 {
            out +=
                "\n\(s.papersNotShown) more provider(s) worth discussing have no case paper in this pack, which keeps the "
            out +=
                "\(PaperReporter.papersPerPolicy) most pressing; `qaf evaluate --format markdown` on one provider's evidence gives its paper.\n"
        }
        return out + "\n" + CasePaperMarkdown.footer(s.info.footer)
    }

    static func more(_ count: Int, _ what: String) -> String {
        count > MarketPack.rowLimit
            ? "\n\(count - MarketPack.rowLimit) more \(what) not listed here; `--format csv` lists every decision.\n"
            : ""
    }
}
