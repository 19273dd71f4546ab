import QAFReport

extension ImpactPaper {
    typealias M = MarkdownText
    typealias H = HTML

    static func change(_ e: PolicyChangeWords.Entry) -> String {
        switch e.kind {
        case .added: return "added"
        case .removed: return "removed"
        case .changed: return "changed"
        }
    }

    // MARK: Text

    /// For the terminal: the same words as the papers, plain.
    public var text: String {
        var out = "Policy \(header.policy): \(header.oldVersion) → \(header.newVersion), over \(providers) provider(s) "
        out += "from \(header.corpus)\n\nWhat changed in the policy:\n"
        if changes.entries.isEmpty { out += "  nothing\n" }
        for e in changes.entries {
            out += "  - \(e.part.lowercased()) \(e.id) \(Self.change(e)): \(e.title)\n"
            for d in e.detail {
                out += d.old.isEmpty ? "      \(d.what): \(d.new)\n" : "      \(d.what): \(d.old) → \(d.new)\n"
            }
        }
        out += "\nLevel transitions (rows: before, columns: after):\n"
        let width = max(10, (levels.map(\.words.count).max() ?? 4) + 2)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        out += pad("from\\to") + levels.map { pad($0.words) }.joined() + "\n"
        for r in rows { out += pad(r.words) + levels.map { pad(String(cell(r.id, $0.id))) }.joined() + "\n" }
        out += "\n\(moving) provider(s) move level; \(otherChanges.count) more change reasons or triggers only.\n"
        for m in movers + otherChanges {
            out += "  \(m.provider): \(m.from) → \(m.to)\n"
            for reason in m.reasons { out += "      \(reason)\n" }
        }
        for (title, table) in [
            ("Triggers gained", triggersGained), ("Triggers lost", triggersLost),
            ("Interventions gained", interventionsGained), ("Interventions lost", interventionsLost),
        ] where !table.isEmpty {
            out += "\(title):\n" + table.map { "  \($0.providers) × \($0.title)\n" }.joined()
        }
        return out
    }

    // MARK: Markdown

    public var markdown: String {
        var out = "# Impact of the change to \(M.escape(policyTitle)) `\(M.code(header.policy))`\n\n"
        out += "From `\(M.code(header.oldVersion))` to `\(M.code(header.newVersion))`, over \(providers) provider(s) "
        out +=
            "from `\(M.code(header.corpus))`: \(moving) move level, \(otherChanges.count) more change reasons or triggers only.\n"
        out += "\n## What changed in the policy\n\n"
        if changes.entries.isEmpty { out += "Nothing.\n" }
        for e in changes.entries {
            out += "- **\(e.part) \(Self.change(e))**: \(M.escape(e.title)) `\(M.code(e.id))`\n"
            for d in e.detail {
                let old = d.isCode ? "`\(M.code(d.old))`" : M.escape(d.old)
                let new = d.isCode ? "`\(M.code(d.new))`" : M.escape(d.new)
                out += d.old.isEmpty ? "  - \(d.what): \(new)\n" : "  - \(d.what): \(old) → \(new)\n"
            }
        }
        out += "\n## Level transitions\n\nRows: the level before the change; columns: after. "
        out += "Numbers off the diagonal are providers who move.\n\n"
        out += "| before \\\\ after | " + levels.map { M.cell($0.words) }.joined(separator: " | ") + " |\n|---|"
        out += levels.map { _ in "---:|" }.joined() + "\n"
        for r in rows {
            out += "| **\(M.cell(r.words))** | "
            out +=
                levels.map { c in
                    let n = cell(r.id, c.id)
                    return r.id != c.id && n > 0 ? "**\(n)**" : String(n)
                }.joined(separator: " | ") + " |\n"
        }
        out += "\n## Providers who move level\n\n" + moverTable(movers)
        if !otherChanges.isEmpty {
            out += "\n## Providers whose reasons or triggers change, at the same level\n\n" + moverTable(otherChanges)
        }
        for (title, table) in [
            ("Triggers gained", triggersGained), ("Triggers lost", triggersLost),
            ("Interventions gained", interventionsGained), ("Interventions lost", interventionsLost),
        ] where !table.isEmpty {
            out +=
                "\n## \(title)\n\n| \(title.hasPrefix("Trigger") ? "Trigger" : "Intervention") | Providers |\n|---|---:|\n"
            for c in table { out += "| \(M.cell(c.title)) `\(M.code(c.id))` | \(c.providers) |\n" }
        }
        out += "\n_Policy `\(M.code(header.policy))`: before \(digest(oldDigest)), after \(digest(newDigest))._\n"
        return out
    }

    private func digest(_ d: String) -> String { d.isEmpty ? "(no digest)" : "SHA-256 `\(d)`" }

    private func moverTable(_ list: [Mover]) -> String {
        guard !list.isEmpty else { return "None.\n" }
        var out = "| Provider | Before | After | Why |\n|---|---|---|---|\n"
        for m in list {
            out += "| \(M.cell(m.provider)) | \(M.cell(m.from)) | \(M.cell(m.to)) | "
            out += m.reasons.map(M.cell).joined(separator: "<br>") + " |\n"
        }
        return out
    }

    // MARK: HTML

    public var html: String {
        var body =
            "<header>\n<h1>Impact of the change to \(H.escape(policyTitle)) <span class=\"ref\">\(H.escape(header.policy))</span></h1>\n"
        body += "<p class=\"meta\">From <span class=\"ref\">\(H.escape(header.oldVersion))</span> to "
        body += "<span class=\"ref\">\(H.escape(header.newVersion))</span>, over \(providers) provider(s) from "
        body += "<span class=\"ref\">\(H.escape(header.corpus))</span>.</p>\n"
        body +=
            "<div class=\"headline\" style=\"--level: #3f5f8a\"><div><div class=\"level\">\(moving) provider(s) move level</div>"
        body += "<p class=\"status\">\(otherChanges.count) more change reasons or triggers only; "
        body += "\(providers - moving - otherChanges.count) unchanged.</p></div></div>\n</header>\n"
        body += "<h2>What changed in the policy</h2>\n"
        if changes.entries.isEmpty { body += "<p>Nothing.</p>\n" }
        if !changes.entries.isEmpty {
            body +=
                "<table>\n<thead><tr><th>Part</th><th>What</th><th>Before</th><th>After</th></tr></thead>\n<tbody>\n"
            for e in changes.entries {
                let rows = max(1, e.detail.count)
                body += "<tr><td rowspan=\"\(rows)\"><strong>\(e.part) \(Self.change(e))</strong><br>"
                body += "\(H.escape(e.title)) <span class=\"ref\">\(H.escape(e.id))</span></td>"
                if e.detail.isEmpty { body += "<td></td><td></td><td></td></tr>\n" }
                for (i, d) in e.detail.enumerated() {
                    if i > 0 { body += "<tr>" }
                    let wrap: (String) -> String = { d.isCode ? "<code>\(H.escape($0))</code>" : H.escape($0) }
                    body +=
                        "<td>\(H.escape(d.what))</td><td>\(d.old.isEmpty ? "—" : wrap(d.old))</td><td>\(wrap(d.new))</td></tr>\n"
                }
            }
            body += "</tbody>\n</table>\n"
        }
        body += "<h2>Level transitions</h2>\n<p>Rows: the level before the change; columns: after. "
        body += "Shading grows with the number of providers; red cells move up, green cells move down.</p>\n"
        body += matrixTable()
        body += "<h2>Providers who move level</h2>\n" + moverHTML(movers)
        if !otherChanges.isEmpty {
            body += "<h2>Providers whose reasons or triggers change, at the same level</h2>\n" + moverHTML(otherChanges)
        }
        for (title, table) in [
            ("Triggers gained", triggersGained), ("Triggers lost", triggersLost),
            ("Interventions gained", interventionsGained), ("Interventions lost", interventionsLost),
        ] where !table.isEmpty {
            body +=
                "<h2>\(title)</h2>\n<table>\n<thead><tr><th>\(title.hasPrefix("Trigger") ? "Trigger" : "Intervention")</th><th class=\"n\">Providers</th></tr></thead>\n<tbody>\n"
            for c in table {
                body +=
                    "<tr><td>\(H.escape(c.title)) <span class=\"ref\">\(H.escape(c.id))</span></td><td class=\"n\">\(c.providers)</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += "<footer>Policy <span class=\"ref\">\(H.escape(header.policy))</span>: before "
        body += oldDigest.isEmpty ? "(no digest)" : "SHA-256 <code>\(oldDigest)</code>"
        body += ", after " + (newDigest.isEmpty ? "(no digest)" : "SHA-256 <code>\(newDigest)</code>") + ".</footer>\n"
        return H.page(title: "Impact: \(policyTitle)", body: body)
    }

    /// The transition matrix with each cell shaded by its share of the largest: grey on the diagonal (no move),
    /// red above it (a move to a more serious level), green below.
    private func matrixTable() -> String {
        let most = max(1, rows.flatMap { r in levels.map { cell(r.id, $0.id) } }.max() ?? 1)
        var out = "<table class=\"matrix\">\n<thead><tr><th>before \\ after</th>"
        out += levels.map { "<th class=\"n\">\(H.escape($0.words))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr><th>\(H.escape(r.words))</th>"
            for c in levels {
                let n = cell(r.id, c.id)
                let strength = n == 0 ? 0 : 0.12 + 0.68 * Double(n) / Double(most)
                let rgb = r.id == c.id ? "82, 96, 109" : (order(c.id) < order(r.id) ? "197, 48, 48" : "46, 125, 50")
                let alpha = (strength * 100).rounded() / 100
                let ink = alpha > 0.5 ? "#ffffff" : "#1f2933"
                out += "<td class=\"n\" style=\"background: rgba(\(rgb), \(alpha)); color: \(ink)\">\(n)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func moverHTML(_ list: [Mover]) -> String {
        guard !list.isEmpty else { return "<p>None.</p>\n" }
        var out =
            "<table>\n<thead><tr><th>Provider</th><th>Before</th><th>After</th><th>Why</th></tr></thead>\n<tbody>\n"
        for m in list {
            out += "<tr><td>\(H.escape(m.provider))<br><span class=\"ref\">\(H.escape(m.evidence))</span></td>"
            out += "<td>\(H.escape(m.from))</td><td>\(H.escape(m.to))</td>"
            out += "<td>\(m.reasons.map(H.escape).joined(separator: "<br>"))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
