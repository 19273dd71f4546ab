import QAFCore

/// The case paper as HTML: one provider against one policy, a section of a page (the whole page for one provider,
/// or one of the papers at the end of a market pack).
public enum CasePaperHTML {
    typealias H = HTML

    /// The whole page for one provider against each policy: `first` names the provider, `sections` are rendered.
    public static func page(_ first: DecisionSummary?, sections: [String]) -> String {
        guard let first else { return H.page(title: "Case paper", body: "<h1>Case paper</h1>\n<p>No decision.</p>") }
        var body = "<header>\n<h1>\(H.escape(first.provider))</h1>\n"
        body += "<p class=\"meta\">Case paper · provider <span class=\"ref\">\(H.escape(first.providerID))</span>"
        body += " · evidence as of \(first.asOf)"
        if let evidence = first.evidence { body += " · <span class=\"ref\">\(H.escape(evidence))</span>" }
        body += "</p>\n</header>\n"
        body += sections.joined(separator: "\n")
        return H.page(title: "Case paper: \(first.provider)", body: body)
    }

    public static func anchor(_ paper: CasePaper) -> String {
        H.anchor("case", paper.policy.id, paper.providerID, paper.evidence ?? "")
    }

    /// One policy's decision. `headed` adds the provider's name, for a paper inside a market pack.
    public static func section(_ c: CasePaper, headed: Bool) -> String {
        var out = "<section class=\"paper\" id=\"\(anchor(c))\">\n"
        if headed {
            out += "<h2>\(H.escape(c.providerTitle)) <span class=\"ref\">\(H.escape(c.providerID))</span></h2>\n"
            out += "<p class=\"meta\">\(H.escape(c.policy.title)) · evidence as of \(c.asOf)"
            if let evidence = c.evidence { out += " · <span class=\"ref\">\(H.escape(evidence))</span>" }
            out += "</p>\n"
        } else {
            out += "<h2>\(H.escape(c.policy.title)) <span class=\"ref\">\(H.escape(c.policy.id))</span></h2>\n"
            out += "<p class=\"meta\">\(H.escape(c.policy.authority))</p>\n"
        }
        let colour = H.levelColour(rank: c.levelRank, of: c.levelNames.count)
        out += "<div class=\"headline\" style=\"--level: \(colour)\">\n"
        out += "<div>\n<div class=\"level\">"
        if let level = c.level {
            out += (c.couldReachRank != nil ? "At least " : "") + H.escape(level)
        } else {
            out += c.isTriggerLed ? "No level: this policy is led by its triggers" : "No level given"
        }
        out += "</div>\n<p class=\"status\">\(H.escape(c.status))</p>\n"
        if let movement = c.movement {
            out += "<p class=\"status\"><strong>Movement:</strong> \(H.escape(movement))</p>\n"
        }
        out += "</div>\n"
        if !c.isTriggerLed, !c.levelNames.isEmpty { out += scale(c) }
        out += "</div>\n"
        if !c.warnings.isEmpty {
            out += "<div class=\"note\"><strong>Warnings</strong><ul>\n"
            out += c.warnings.map { "<li>\(H.escape($0))</li>\n" }.joined() + "</ul></div>\n"
        }
        out += triggers(c) + reasons(c) + gather(c) + interventions(c)
        if let review = c.review { out += "<h3>Review</h3>\n<p>\(H.escape(review))</p>\n" }
        out += footer(c.policy)
        return out + "</section>\n"
    }

    static func triggers(_ c: CasePaper) -> String {
        guard !c.triggers.isEmpty || !c.possibleTriggers.isEmpty else { return "" }
        var out = "<h3>Escalation triggers</h3>\n"
        if !c.triggers.isEmpty {
            out +=
                "<table>\n<thead><tr><th>Urgency</th><th>Trigger and route</th><th>Why</th></tr></thead>\n<tbody>\n"
            for t in c.triggers {
                out +=
                    "<tr><td><span class=\"badge \(t.urgency.rawValue)\">\(UrgencyWords.label(t.urgency))</span></td>"
                out += "<td>\(H.escape(t.title)) <span class=\"ref\">\(H.escape(t.id))</span>"
                out += "<br><span class=\"source\">→ \(H.escape(t.route))</span></td>"
                out +=
                    "<td>\(H.escape(t.because))\(evidenceFrom(t.sources))<br><span class=\"source\">Source: \(H.escape(t.source))</span></td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !c.possibleTriggers.isEmpty {
            out += "<p>Could fire when the missing evidence is known:</p>\n<ul>\n"
            for t in c.possibleTriggers {
                out += "<li>\(UrgencyWords.label(t.urgency)): \(H.escape(t.title)) → \(H.escape(t.route))"
                out += " <span class=\"ref\">\(H.escape(t.id))</span></li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    static func reasons(_ c: CasePaper) -> String {
        guard !c.reasons.isEmpty else { return "" }
        var out = "<h3>Why</h3>\n<ul>\n"
        for r in c.reasons {
            out += "<li><strong>\(H.escape(r.criterion.severity))</strong> — \(H.escape(r.criterion.title))"
            out += " <span class=\"ref\">\(H.escape(r.criterion.id))</span>: \(H.escape(r.fact))"
            out += evidenceFrom(r.sources)
            out += "<br><span class=\"source\">Source: \(H.escape(r.criterion.source))</span>"
            for also in r.alsoMeets {
                out += "<br><span class=\"also\">Also meets: \(H.escape(also.title)) (\(H.escape(also.severity)))"
                out += " <span class=\"ref\">\(H.escape(also.id))</span>; source: \(H.escape(also.source))</span>"
            }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    static func gather(_ c: CasePaper) -> String {
        guard !c.gather.isEmpty else { return "" }
        var out = "<h3>What could not be assessed</h3>\n"
        out +=
            "<p class=\"note\">Missing evidence is never read as no concerns. Gathering this evidence would settle:</p>\n"
        out += "<table>\n<thead><tr><th>Evidence to gather</th><th>Would settle</th></tr></thead>\n<tbody>\n"
        for g in c.gather {
            out += "<tr><td>\(H.escape(g.field)) <span class=\"ref\">\(H.escape(g.path))</span></td><td>"
            let settles =
                g.criteria.map { "\(H.escape($0.title)) (\(H.escape($0.severity)))" }
                + g.triggers.map { "Trigger: \(H.escape($0))" }
            out += settles.joined(separator: "<br>") + "</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func interventions(_ c: CasePaper) -> String {
        guard !(c.settled.isEmpty && c.provisional.isEmpty && c.fromTriggers.isEmpty) else { return "" }
        var out = "<h3>Interventions</h3>\n"
        func list(_ items: [CasePaper.Intervention]) -> String {
            "<ul>\n"
                + items.map { "<li>\(H.escape($0.text)) <span class=\"ref\">\(H.escape($0.id))</span></li>\n" }.joined()
                + "</ul>\n"
        }
        if !c.settled.isEmpty { out += "<p>Of the level:</p>\n" + list(c.settled) }
        if !c.fromTriggers.isEmpty { out += "<p>Brought by the escalation triggers:</p>\n" + list(c.fromTriggers) }
        if !c.provisional.isEmpty, let higher = c.couldReach {
            out += "<p><span class=\"badge provisional\">Provisional</span> while evidence is missing that could raise "
            out += "the level to \(H.escape(higher)):</p>\n<ul>\n"
            for i in c.provisional {
                out += "<li>\(H.escape(i.text)) <span class=\"ref\">\(H.escape(i.id))</span>"
                if !i.holdsHigher {
                    out += " <em class=\"also\">— not settled: \(H.escape(higher)) does not bring it</em>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    /// Where the evidence came from, when it says.
    static func evidenceFrom(_ sources: [String]) -> String {
        sources.isEmpty
            ? "" : "<br><span class=\"source\">Evidence from: \(H.escape(sources.joined(separator: "; ")))</span>"
    }

    static func footer(_ p: CasePaper.PolicyFooter) -> String {
        var out = "<footer>Policy <span class=\"ref\">\(H.escape(p.id))</span>, version \(H.escape(p.version)), "
        out += "file <span class=\"ref\">\(H.escape(p.file))</span>"
        if !p.digest.isEmpty { out += ", SHA-256 <code>\(p.digest)</code>" }
        return out + "</footer>\n"
    }

    /// The policy's levels from the least serious, the proven one filled, those missing evidence could reach
    /// outlined, the previous one marked beneath.
    static func scale(_ c: CasePaper) -> String {
        let n = c.levelNames.count, box = 78, gap = 4, height = 30
        let width = n * box + (n - 1) * gap
        let marker = c.previousRank == nil ? 0 : 16
        var out =
            "<svg role=\"img\" aria-label=\"level scale\" width=\"\(width)\" height=\"\(height + marker)\" viewBox=\"0 0 \(width) \(height + marker)\">\n"
        for (i, name) in c.levelNames.enumerated() {
            let rank = i + 1, x = i * (box + gap)
            let colour = H.levelColour(rank: rank, of: n)
            let proven = rank == c.levelRank
            let reachable = c.levelRank.map { rank > $0 } == true && c.couldReachRank.map { rank <= $0 } == true
            let fill = proven ? colour : "#ffffff"
            let stroke = proven || reachable ? colour : "#cbd2d9"
            let dash = reachable ? " stroke-dasharray=\"4 3\"" : ""
            out +=
                "<rect x=\"\(x)\" y=\"1\" width=\"\(box)\" height=\"\(height - 2)\" rx=\"4\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"2\"\(dash)/>"
            let textColour = proven ? "#ffffff" : (reachable ? colour : "#7b8794")
            out +=
                "<text x=\"\(x + box / 2)\" y=\"\(height / 2 + 4)\" text-anchor=\"middle\" style=\"fill: \(textColour); font-weight: \(proven ? 700 : 400)\">\(H.escape(name))</text>\n"
            if rank == c.previousRank {
                out +=
                    "<text x=\"\(x + box / 2)\" y=\"\(height + 13)\" text-anchor=\"middle\" style=\"fill: #52606d; font-size: 10px\">▲ before</text>\n"
            }
        }
        return out + "</svg>\n"
    }
}

/// Urgency as a person reads it.
public enum UrgencyWords {
    public static func label(_ u: Urgency) -> String { ValueWords.label(u.rawValue) }
}
