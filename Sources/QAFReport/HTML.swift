/// The pieces every HTML paper shares: escaping, the page around the content and its one stylesheet. A paper is one
/// self-contained file: inline CSS and SVG, no script, and nothing fetched from anywhere.
public enum HTML {
    /// Text made safe for an element's content or a quoted attribute: everything from evidence passes here.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and line breaks, and bidirectional overrides that would
                // reorder what is shown, have no place on a page.
                let control = (c.value < 0x20 && c != "\t" && c != "\n" && c != "\r") || (0x7F...0x9F).contains(c.value)
                let reorders = (0x202A...0x202E).contains(c.value) || (0x2066...0x2069).contains(c.value)
                if control || reorders {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// An id usable in `id=` and `href="#…"` from any text: letters, digits and hyphens only.
    public static func anchor(_ parts: String...) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "-").unicodeScalars.map { c in
            (c.properties.isAlphabetic && c.isASCII) || ("0"..."9").contains(c) ? String(c).lowercased() : "-"
        }.joined()
    }

    public static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="qaf">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The colour of a level by its rank among the policy's levels (1 the least serious).
    public static func levelColour(rank: Int?, of count: Int) -> String {
        guard let rank, count > 1 else { return "#6b7280" }
        let palette = ["#2e7d32", "#b7791f", "#c05621", "#c53030"]
        let step = Double(rank - 1) / Double(count - 1) * Double(palette.count - 1)
        return palette[min(palette.count - 1, max(0, Int(step.rounded())))]
    }

    static let style = """
        :root { --ink: #1f2933; --muted: #52606d; --rule: #cbd2d9; --wash: #f5f7fa; }
        * { box-sizing: border-box; }
        body { font: 11pt/1.45 "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60em; padding: 1.5em 2em; }
        h1 { font-size: 1.6em; margin: 0 0 .2em; }
        h2 { font-size: 1.25em; margin: 1.6em 0 .4em; border-bottom: 2px solid var(--ink); padding-bottom: .15em; }
        h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
        p { margin: .3em 0 .6em; }
        .meta, .ref, .source, footer { color: var(--muted); }
        .ref { font: .8em ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
        .source { font-size: .85em; }
        .paper { break-before: page; }
        .paper:first-of-type { break-before: auto; }
        .headline { margin: .6em 0; padding: .7em 1em; background: var(--wash); border-left: 6px solid var(--level, #6b7280); }
        .headline .level { font-size: 1.25em; font-weight: 700; }
        .status { margin: 0; }
        .badge { display: inline-block; padding: .05em .5em; border-radius: .8em; font-size: .8em; font-weight: 700; color: #fff; background: #6b7280; }
        .badge.immediate { background: #c53030; }
        .badge.routine { background: #3f5f8a; }
        .badge.provisional { background: #b7791f; }
        table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .95em; }
        th, td { border: 1px solid var(--rule); padding: .3em .5em; text-align: left; vertical-align: top; }
        th { background: var(--wash); }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        ul { margin: .2em 0 .8em; padding-left: 1.3em; }
        li { margin: .15em 0; }
        .also { color: var(--muted); font-size: .9em; }
        .note { padding: .4em .8em; border-left: 4px solid #b7791f; background: #fffaf0; }
        footer { margin-top: 2em; border-top: 1px solid var(--rule); padding-top: .5em; font-size: .8em; }
        footer code { word-break: break-all; }
        svg { display: block; max-width: 100%; height: auto; }
        .headline svg { margin-top: .5em; }
        svg text { font: 12px "Helvetica Neue", Arial, sans-serif; fill: var(--ink); }
        a { color: #1d4ed8; }
        @page { size: A4; margin: 15mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          a { color: inherit; text-decoration: none; }
          tr, li, .headline, svg { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
        }
        """
}
