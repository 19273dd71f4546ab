import QAFCore

/// The market pack as one HTML file that prints on A4: each policy's spread of levels as a chart, the providers
/// to discuss in tables linked to their case papers, then the papers.
public enum MarketPackHTML {
    typealias H = HTML

    public static func render(_ pack: MarketPack) -> String {
        var body = "<header>\n<h1>Market pack</h1>\n<p class=\"meta\">\(pack.providers) provider(s), "
        body += "\(pack.decisions) decision(s)"
        if let asOf = pack.asOf {
            body +=
                asOf.first == asOf.last
                ? ", evidence as of \(asOf.first)" : ", evidence as of \(asOf.first) to \(asOf.last)"
        }
        body += "; \(pack.papers.count) case paper(s) for the providers worth discussing "
        body += "(a trigger fired, the level went up, or the most serious level).</p>\n"
        if !pack.sections.isEmpty {
            body += "<nav><p>Contents: "
            body += pack.sections.map {
                "<a href=\"#\(H.anchor("policy", $0.info.id))\">\(H.escape($0.info.footer.title))</a>"
            }
            .joined(separator: " · ")
            if !pack.papers.isEmpty { body += " · <a href=\"#case-papers\">Case papers</a>" }
            body += "</p></nav>\n"
        }
        body += "</header>\n"
        for section in pack.sections { body += policy(section) }
        if !pack.papers.isEmpty {
            body += "<h1 id=\"case-papers\" class=\"paper\">Case papers</h1>\n"
            body += pack.papers.compactMap(\.paper).joined(separator: "\n")
        }
        if pack.decisions == 0 { body += "<p>No decisions.</p>\n" }
        return H.page(title: "Market pack", body: body)
    }

    static func provider(_ s: DecisionSummary) -> String {
        let name = "\(H.escape(s.provider)) <span class=\"ref\">\(H.escape(s.providerID))</span>"
        return s.paper == nil ? name : "<a href=\"#\(s.anchor)\">\(name)</a>"
    }

    static func policy(_ s: MarketPack.PolicySection) -> String {
        var out = "<section class=\"policy\" id=\"\(H.anchor("policy", s.info.id))\">\n"
        out += "<h2>\(H.escape(s.info.footer.title)) <span class=\"ref\">\(H.escape(s.info.id))</span></h2>\n"
        out += "<p class=\"meta\">\(H.escape(s.info.footer.authority)) · \(s.decisions) decision(s)</p>\n"
        out += "<h3>Spread of levels</h3>\n" + chart(s)
        out += "<h3>Providers with escalation triggers</h3>\n"
        if s.triggerRows.isEmpty {
            out += "<p>No trigger fired for any provider.</p>\n"
        } else {
            out +=
                "<table>\n<thead><tr><th>Urgency</th><th>Provider</th><th>Trigger and route</th><th>Why</th></tr></thead>\n<tbody>\n"
            for row in s.triggerRows.prefix(MarketPack.rowLimit) {
                out +=
                    "<tr><td><span class=\"badge \(row.trigger.urgency.rawValue)\">\(UrgencyWords.label(row.trigger.urgency))</span></td>"
                out += "<td>\(provider(row.summary))"
                if row.summary.level != nil {
                    out += "<br><span class=\"source\">\(H.escape(MarketPack.level(row.summary)))</span>"
                }
                out += "</td><td>\(H.escape(row.trigger.title)) <span class=\"ref\">\(H.escape(row.trigger.id))</span>"
                out += "<br><span class=\"source\">→ \(H.escape(row.trigger.route))</span></td>"
                out += "<td>\(H.escape(row.trigger.because))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n" + more(s.triggerRows.count, "trigger(s)")
        }
        if let highest = s.highestLevel {
            out += "<h3>Providers at the highest level: \(H.escape(highest))</h3>\n"
            if s.highest.isEmpty {
                out += "<p>None proven at this level.</p>\n"
            } else {
                out +=
                    "<table>\n<thead><tr><th>Provider</th><th>Status</th><th class=\"n\">Triggers</th></tr></thead>\n<tbody>\n"
                for p in s.highest.prefix(MarketPack.rowLimit) {
                    out += "<tr><td>\(provider(p))</td><td>\(H.escape(MarketPack.status(p)))</td>"
                    out += "<td class=\"n\">\(p.triggers.count)</td></tr>\n"
                }
                out += "</tbody>\n</table>\n" + more(s.highest.count, "provider(s)")
            }
        }
        out += "<h3>Incomplete decisions and what would settle them</h3>\n"
        if s.incomplete.isEmpty {
            out += "<p>Every decision is complete.</p>\n"
        } else {
            out +=
                "<table>\n<thead><tr><th>Provider</th><th>Level now</th><th>Status</th><th>Evidence that would settle it</th></tr></thead>\n<tbody>\n"
            for p in s.incomplete.prefix(MarketPack.rowLimit) {
                out += "<tr><td>\(provider(p))</td><td>\(H.escape(MarketPack.level(p)))</td>"
                out +=
                    "<td>\(H.escape(MarketPack.status(p)))</td><td>\(H.escape(p.gather.joined(separator: "; ")))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n" + more(s.incomplete.count, "incomplete decision(s)")
        }
        if s.papersNotShown > 0 {
            out +=
                "<p class=\"note\">\(s.papersNotShown) more provider(s) worth discussing have no case paper in this pack, "
            out += "which keeps the \(PaperReporter.papersPerPolicy) most pressing; "
            out += "<code>qaf evaluate --format html</code> on one provider's evidence gives its paper.</p>\n"
        }
        out += CasePaperHTML.footer(s.info.footer)
        return out + "</section>\n"
    }

    static func more(_ count: Int, _ what: String) -> String {
        count > MarketPack.rowLimit
            ? "<p class=\"note\">\(count - MarketPack.rowLimit) more \(what) not listed here; "
                + "<code>--format csv</code> lists every decision.</p>\n"
            : ""
    }

    /// One bar a level, most serious first: the proven decisions solid, those still incomplete hatched.
    static func chart(_ s: MarketPack.PolicySection) -> String {
        let labelWidth = 230, barWidth = 330, row = 26, width = labelWidth + barWidth + 150
        let height = s.bars.count * row + 8
        let most = max(1, s.bars.map(\.count).max() ?? 1)
        let levels = s.info.levels.count
        var out =
            "<svg role=\"img\" aria-label=\"spread of levels\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        out +=
            "<defs><pattern id=\"hatch-\(H.anchor(s.info.id))\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        out +=
            "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><rect width=\"3\" height=\"6\" fill=\"#9aa5b1\"/></pattern></defs>\n"
        for (i, bar) in s.bars.enumerated() {
            let y = i * row + 4
            let colour = bar.rank == 0 ? "#6b7280" : H.levelColour(rank: bar.rank, of: levels)
            let full = bar.count * barWidth / most
            let hatched = bar.couldBeHigher * barWidth / most
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(H.escape(bar.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(full - hatched)\" height=\"20\" fill=\"\(colour)\"/>"
            if hatched > 0 {
                out +=
                    "<rect x=\"\(labelWidth + full - hatched)\" y=\"\(y)\" width=\"\(hatched)\" height=\"20\" fill=\"url(#hatch-\(H.anchor(s.info.id)))\" stroke=\"\(colour)\"/>"
            }
            let note = bar.couldBeHigher > 0 ? " (\(bar.couldBeHigher) could be higher)" : ""
            out += "<text x=\"\(labelWidth + full + 6)\" y=\"\(y + 15)\">\(bar.count)\(note)</text>\n"
        }
        out += "</svg>\n"
        out +=
            "<p class=\"source\">Solid: the level is proven and settled. Hatched: at least this level, and missing evidence could raise it.</p>\n"
        return out
    }
}
