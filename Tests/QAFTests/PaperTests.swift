import Foundation
import QAFCore
import QAFEvaluate
import QAFLoad
import QAFReport
import Testing

/// Plain words in every paper: enum values as words, no interval arithmetic, provisional interventions.
@Suite("Papers: plain words")
struct PaperWordsTests {
    let policy = policyText(
        criteria: [
            criterion("ri", "moderate", "cqc.overall == requires_improvement", because: "CQC rated {cqc.overall}"),
            criterion("theme", "moderate", "safeguarding.theme == true", because: "theme: {safeguarding.theme}"),
            criterion("many", "major", "complaints >= 5", because: "{complaints} complaints"),
            criterion(
                "count", "low", "cqc.overall == good", because: "{count(events, type == risk_of_harm)} risk event(s)"),
        ].joined(separator: "\n"),
        levels: """
              - id: 3
                name: High
                label: Major concerns
                when: count(major) >= 1
                interventions: [escalate]
                source: s
              - id: 2
                name: Medium
                label: Moderate concerns
                when: count(moderate) >= 1
                interventions: [escalate, watch]
                source: s
              - id: 1
                name: Low
                label: No or minor concerns
                otherwise: true
                interventions: [nothing]
                source: s
            """
    ).replacingOccurrences(
        of: "  escalate: {text: Escalate, source: s}",
        with: """
              escalate: {text: Escalate, source: s}
              watch: {text: Additional monitoring, source: s}
              nothing: {text: No further action, source: s}
            """)

    @Test func enumValuesAndTruthsReadAsWords() throws {
        let d = try decide(
            try compiled(policy), "cqc: {overall: requires_improvement}\nsafeguarding: {theme: true}\ncomplaints: 1")
        #expect(d.fired.map(\.because) == ["CQC rated requires improvement", "theme: yes"])
        #expect(ValueWords.label("requires_improvement") == "Requires improvement")
        // The words are the vocabulary's own (Vocabulary/standard.yaml), read mid-sentence.
        let organisational = try #require(EvidenceSchema.standard.enumeration(at: "safeguarding.organisational"))
        #expect(ValueWords.value("large_scale_enquiry", of: organisational) == "large-scale enquiry")
        #expect(ValueWords.field("cqc.key_questions.safe", schema: .standard) == "CQC key question: safe")
        #expect(ValueWords.field("mdra.ratings[].rating", schema: .standard) == "MDRA: partner ratings")
        #expect(ValueWords.field("complaints", schema: .standard) == "Complaints in the last 12 months")
    }

    @Test func unknownCountsSayOnlyWhatIsOpen() throws {
        let p = try compiled(policy)
        let open = "cqc: {overall: good}\nevents: [{type: risk_of_harm, date: 2026-09-01}, {date: 2026-09-02}]"
        #expect(try decide(p, open).fired.map(\.because) == ["at least 1 (could be up to 2) risk event(s)"])
        let none = "cqc: {overall: good}\nevents: [{date: 2026-09-02}]"
        #expect(try decide(p, none).fired.map(\.because) == ["unknown (could be up to 1) risk event(s)"])
        #expect(try decide(p, "cqc: {overall: good}").fired.map(\.because) == ["unknown risk event(s)"])
        let known = "cqc: {overall: good}\nevents: [{type: risk_of_harm, date: 2026-09-01}]"
        #expect(try decide(p, known).fired.map(\.because) == ["1 risk event(s)"])
    }

    @Test func anIncompleteDecisionNeverShowsALowerLevelsInterventionsAsSettled() throws {
        let p = try compiled(policy)
        // Nothing known: level 1 is all that is proven, level 3 is within reach.
        let paper = CasePaper(try decide(p, ""))
        #expect(paper.settled.isEmpty)
        #expect(paper.provisional.map(\.text) == ["No further action"])
        #expect(paper.provisional.map(\.holdsHigher) == [false])
        #expect(paper.couldReach == "Level 3, High")
        let text = TextReporter().report(try decide(p, ""))
        #expect(text.contains("  - No further action (not settled: Level 3, High does not bring it)\n"))
        #expect(!text.contains("Interventions of the level:\n"))
        // At level 2, with level 3 open: Escalate holds at 3 too; Additional monitoring does not.
        let two = CasePaper(try decide(p, "cqc: {overall: requires_improvement}"))
        #expect(two.provisional.map(\.text) == ["Escalate", "Additional monitoring"])
        #expect(two.provisional.map(\.holdsHigher) == [true, false])
        // Complete: settled.
        let done = CasePaper(try decide(p, "cqc: {overall: good}\nsafeguarding: {theme: false}\ncomplaints: 0"))
        #expect(done.settled.map(\.text) == ["No further action"])
        #expect(done.provisional.isEmpty)
    }

    @Test func eachFactOnceAndEvidenceToGatherByField() throws {
        let text = policyText(
            criteria: [
                criterion(
                    "high", "major", "safeguarding.concerns > 5 and safeguarding.theme == true",
                    because: "{safeguarding.concerns} concerns, theme"),
                criterion("some", "moderate", "safeguarding.concerns > 2", because: "{safeguarding.concerns} concerns"),
                criterion("ri", "moderate", "cqc.overall == requires_improvement"),
                criterion("bad", "major", "cqc.overall == inadequate or pamms.rating == poor"),
            ].joined(separator: "\n"))
        let paper = CasePaper(
            try decide(try compiled(text), "safeguarding: {concerns: 7, theme: true}\ncqc: {overall: good}"))
        #expect(paper.reasons.map(\.fact) == ["7 concerns, theme"])
        #expect(paper.reasons.first?.alsoMeets.map(\.id) == ["some"])
        #expect(paper.gather.map(\.path) == ["pamms.rating"])
        #expect(paper.gather.first?.field == "Overall PAMMS rating")
        #expect(paper.gather.first?.criteria.map(\.id) == ["bad"])
    }

    @Test func escapingKeepsControlsAndOverridesOffThePage() {
        #expect(HTML.escape("a\u{1B}[31mb\u{202E}c\td") == "a\u{FFFD}[31mb\u{FFFD}c\td")
        #expect(MarkdownText.escape("[x](http://e) *b* `c`|\u{1B}\n") == "\\[x\\](http://e) \\*b\\* \\`c\\`\\|  ")
        #expect(MarkdownText.code("a`b|c\u{7}") == "a'b\\|c ")
        #expect(HTML.anchor("case", "Salford", "1-23", "") == "case-salford-1-23")
    }

    @Test func statusInWordsForEachKindOfDecision() throws {
        let required = policyText(
            criteria: criterion("ri", "moderate", "cqc.overall == requires_improvement"),
            requires: "requires: [cqc.overall, pamms.rating]")
        let none = CasePaper(try decide(try compiled(required), "cqc: {overall: good}"))
        #expect(none.level == nil)
        #expect(none.status == "Insufficient evidence: the policy gives no level until it knows Overall PAMMS rating.")
        let p = try compiled(policy)
        let moved = CasePaper(try decide(p, "cqc: {overall: requires_improvement}\nprevious: {level: 1}"))
        #expect(moved.movement == "Escalates from Level 1, Low.")
        #expect(moved.level == "Level 2, Medium: Moderate concerns")
        let open = CasePaper(try decide(p, "cqc: {overall: good}\nprevious: {level: 2}"))
        #expect(open.movement == "Previously Level 2, Medium; whether it moved waits on the missing evidence.")
        #expect(open.previousRank == 2 && open.levelRank == 1 && open.couldReachRank == 3)
    }

    @Test func aMarketPackKeepsTheMostPressingCasePapers() throws {
        let triggers = """
              - id: harm
                title: Risk of harm
                when: any(events, type == risk_of_harm)
                route: board
                urgency: immediate
                because: "{count(events, type == risk_of_harm)} risk-of-harm event(s)"
                source: s
              - id: high
                title: Level 3
                when: level == 3
                route: board
                urgency: routine
                because: "{complaints} complaints"
                source: s
            """
        let p = try compiled(policyText(criteria: criterion("many", "major", "complaints >= 5"), triggers: triggers))
        let evaluator = Evaluator(policy: p)
        var decisions: [Decision] = []
        for i in 0..<47 {
            let harm = i >= 44 ? "[{type: risk_of_harm, date: 2026-09-01}]" : "[]"
            let record = try EvidenceReader().read(
                file: "e.yaml",
                text: "evidence: 1\nas_of: 2026-10-01\nprovider: {id: \"P-\(i)\"}\ncomplaints: 9\nevents: \(harm)\n"
            ).get()
            decisions.append(evaluator.evaluate(record))
        }
        let pack = OutputFormat.markdown.reporter(policies: [p]).render(decisions)
        #expect(pack.components(separatedBy: "<a id=\"case-demo-").count - 1 == PaperReporter.papersPerPolicy)
        // The three with an immediate trigger arrive last yet keep their papers; the rest are the earliest.
        for id in ["P-44", "P-45", "P-46", "P-0", "P-36"] {
            #expect(pack.contains("<a id=\"case-demo-\(id.lowercased())\"></a>"), "\(id)")
        }
        for id in ["P-37", "P-43"] {
            #expect(!pack.contains("<a id=\"case-demo-\(id.lowercased())\"></a>"), "\(id)")
        }
        #expect(
            pack.contains(
                "\n7 more provider(s) worth discussing have no case paper in this pack, which keeps the 40 most pressing;"
            ))
    }

    @Test func aMarketPackListsTwoHundredRowsATableAndCountsTheRest() throws {
        let p = try compiled(policyText(criteria: criterion("many", "major", "complaints >= 5")))
        let evaluator = Evaluator(policy: p)
        let decisions = try (0..<205).map { i in
            evaluator.evaluate(
                try EvidenceReader().read(
                    file: "e.yaml", text: "evidence: 1\nas_of: 2026-10-01\nprovider: {id: \"P-\(i)\"}\n"
                ).get())
        }
        let pack = OutputFormat.markdown.reporter(policies: [p]).render(decisions)
        let rows = pack.split(separator: "\n").filter { $0.hasPrefix("| P-") }
        #expect(rows.count == 200)
        #expect(rows.allSatisfy { $0.hasSuffix("| Complaints in the last 12 months |") })
        #expect(rows.last?.hasPrefix("| P-199 `P-199` |") == true)
        #expect(
            pack.contains("\n5 more incomplete decision(s) not listed here; `--format csv` lists every decision.\n"))
        #expect(pack.contains("| Level 1, Low | 205 | 205 |"))
    }

    @Test func provenanceIsShownBesideTheReasonsThatQuoteIt() throws {
        let d = Evaluator(policy: try compiled(policy)).evaluate(
            try EvidenceReader().read(
                file: "e.yaml",
                text: """
                    evidence: 1
                    as_of: 2026-10-01
                    provider: {id: "T-1"}
                    cqc: {overall: requires_improvement}
                    provenance: {cqc.overall: "CQC API <location 1-1>, 2026-09-30"}

                    """
            ).get())
        let paper = CasePaper(d)
        #expect(paper.reasons.first?.sources == ["CQC API <location 1-1>, 2026-09-30"])
        let html = OutputFormat.html.reporter(policies: [d.policy], oneProvider: true).render([d])
        #expect(html.contains("Evidence from: CQC API &lt;location 1-1&gt;, 2026-09-30</span>"))
        let markdown = OutputFormat.markdown.reporter(policies: [d.policy], oneProvider: true).render([d])
        #expect(markdown.contains("  Evidence from: CQC API \\<location 1-1\\>, 2026-09-30  \n"))
        #expect(
            TextReporter().report(d).contains("CQC rated requires improvement (CQC API <location 1-1>, 2026-09-30)\n"))
    }

    @Test func htmlEscapesEverythingFromEvidence() throws {
        let hostile = "<script>alert('x')</script> & \"Brook\""
        let d = Evaluator(policy: try compiled(policy)).evaluate(
            try EvidenceReader().read(
                file: "e.yaml",
                text:
                    "evidence: 1\nas_of: 2026-10-01\nprovider: {id: \"T<1>\", name: \"\(hostile.replacingOccurrences(of: "\"", with: "\\\""))\"}\ncqc: {overall: good}\n"
            ).get())
        let reporter = OutputFormat.html.reporter(policies: [d.policy], oneProvider: true)
        let page = reporter.render([d])
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Brook&quot;"))
        #expect(page.contains("T&lt;1&gt;"))
        let markdown = OutputFormat.markdown.reporter(policies: [d.policy], oneProvider: true).render([d])
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<script"))
        #expect(markdown.contains("\\<script\\>"))
    }
}

@Suite("Papers: goldens and a real browser", .serialized)
struct PaperOutputTests {
    @Test func casePaperMarkdown() throws {
        try expectGolden(
            "paper-case-markdown",
            ["evaluate", "--policy", "Policies/", "Examples/salford-missing-evidence.yaml", "--format", "markdown"])
        let out = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-missing-evidence.yaml", "--format",
            "markdown",
        ]).stdout
        // Independently: the provider, the proven level and what could raise it, a fact in words, the digest.
        #expect(out.hasPrefix("# Eccles Brook Supported Living\n"))
        #expect(out.contains("**Level:** at least Level 2, Medium: Moderate concerns  \n"))
        #expect(out.contains("could raise it to Level 3, High"))
        #expect(out.contains("CQC rated the service requires improvement overall"))
        #expect(!out.contains("requires_improvement overall"))
        #expect(out.contains("SHA-256 `\(try sha256sum("Policies/salford.yaml"))`"))
    }

    @Test func casePaperHTML() throws {
        try expectGolden(
            "paper-case-html",
            ["evaluate", "--policy", "Policies/", "Examples/salford-major.yaml", "--format", "html"])
    }

    @Test func marketPackMarkdownAndHTML() throws {
        try expectGolden(
            "paper-market-markdown", ["evaluate", "--policy", "Policies/", "Examples/", "--format", "markdown"])
        try expectGolden("paper-market-html", ["evaluate", "--policy", "Policies/", "Examples/", "--format", "html"])
        let out = try runQAF(["evaluate", "--policy", "Policies/salford.yaml", "Examples/", "--format", "markdown"])
            .stdout
        #expect(out.hasPrefix("# Market pack\n\n8 provider(s), 8 decision(s), evidence as of 2026-10-01;"))
        // Immediate triggers before routine ones; each provider with a paper is linked to it.
        let immediate = out.range(of: "| **Immediate** |"), routine = out.range(of: "| **Routine** |")
        if let immediate, let routine { #expect(immediate.lowerBound < routine.lowerBound) }
        #expect(out.contains("](#case-salford-1-1096634218-examples-salford-major-yaml)"))
        #expect(out.contains("<a id=\"case-salford-1-1096634218-examples-salford-major-yaml\"></a>"))
    }

    @Test func impactPaperMarkdownAndHTML() throws {
        let changed = try changedSalford()
        try expectGolden(
            "paper-impact-markdown",
            ["diff", changed, "--old", "Policies/salford.yaml", "Examples/", "--format", "markdown"],
            replacing: changed)
        try expectGolden(
            "paper-impact-html", ["diff", changed, "--old", "Policies/salford.yaml", "Examples/", "--format", "html"],
            replacing: changed)
        let out = try runQAF(["diff", changed, "--old", "Policies/salford.yaml", "Examples/", "--format", "markdown"])
            .stdout
        #expect(out.contains("  - value: 10 → 40\n"))
        #expect(
            out.contains(
                "  - title: Overall CQC rating is Requires Improvement → Overall CQC rating is Requires Improvement (any key question)\n"
            ))
        #expect(
            out.contains(
                "| Irwell Valley Home Care Ltd (1-3318720456) | Level 2 | Level 3 | Now meets: A number of concerns being raised"
            ))
        #expect(out.contains("| **Level 2** | **1** | 2 | 0 | 0 |"))
        #expect(out.contains("Trigger now fires: A major concern, or many smaller concerns not addressed |"))
        #expect(out.contains("| High priority for PAMMS `pamms_high_priority` | 1 |"))
    }

    /// No raw enum value or interval arithmetic reaches a page, over every example against every policy: any
    /// value with an underscore that the decisions quote must have been turned into words. Ids and evidence paths
    /// (code spans, small references, link targets) and a policy's own literal wording are left out of the search.
    @Test(arguments: ["text", "markdown", "html"])
    func noRawValueReachesAPage(format: String) throws {
        let run = try runQAF(["evaluate", "--policy", "Policies/", "Examples/", "--format", format])
        #expect(run.code == 0)
        var page = run.stdout
        for pattern in [
            "`[^`]*`", "<span class=\"ref\">[^<]*</span>", "<code>[^<]*</code>", "(id|href)=\"[^\"]*\"",
            "\\([a-z_.\\[\\]]+\\)",
        ] {
            page = page.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        var members = Set<String>()
        let schema = EvidenceSchema.standard
        for spec in Array(schema.scalars.values) + schema.lists.values.flatMap(\.elementFields.values) {
            if case .enumeration(let e) = spec.kind { members.formUnion(e.members.filter { $0.contains("_") }) }
        }
        #expect(members.contains("requires_improvement"))
        // Words a policy writes itself, outside its placeholders, are the policy's to choose.
        var literal = ""
        for name in ["salford", "herefordshire", "calderdale", "bath-and-north-east-somerset"] {
            let text = try String(contentsOfFile: path("Policies/\(name).yaml"), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("because:") {
                literal += line.replacingOccurrences(of: "\\{[^}]*\\}", with: " ", options: .regularExpression)
            }
        }
        for member in members.sorted() where !literal.contains(member) {
            let found = page.range(of: "(?<![a-z_.])\(member)(?![a-z_])", options: .regularExpression)
            #expect(found == nil, "\(format): raw value \(member)")
        }
        #expect(!page.contains("at least 0"))
        #expect(!page.contains("between "))
    }

    /// Every HTML paper in headless Chromium: nothing requested but the file itself, no console message, the
    /// words a person needs on the page, and a screenshot that is not blank.
    @Test(arguments: [
        (
            ["evaluate", "--policy", "Policies/", "Examples/salford-major.yaml", "--format", "html"],
            [
                "Cadishead Court Nursing Home", "Level 3, High: Major concerns",
                "000_4d0eb8f41c1d8ba7.txt, Appendix 1, Level 3", "Escalation triggers",
            ]
        ),
        (
            ["evaluate", "--policy", "Policies/", "Examples/", "--format", "html"],
            ["Market pack", "Spread of levels", "Wyeside Court Nursing Home", "Case papers", "Immediate"]
        ),
        (
            ["diff", "CHANGED", "--old", "Policies/salford.yaml", "Examples/", "--format", "html"],
            ["Level transitions", "Irwell Valley Home Care Ltd", "10", "40", "Now meets: A number of concerns"]
        ),
    ])
    func rendersInABrowser(arguments: [String], mustShow: [String]) throws {
        let changed = try changedSalford()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-browser-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("paper.html").path
        let run = try runQAF(arguments.map { $0 == "CHANGED" ? changed : $0 } + ["--output", page])
        #expect(run.code == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // Statically: nothing that could fetch: no script, no link, no source, no url() but to the page itself.
        for banned in ["<script", "<link", "<img", "<iframe", "src=", "@import", "@font-face", "http://", "https://"] {
            #expect(!html.lowercased().contains(banned), "the page holds \(banned)")
        }
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        let report = try browserCheck(page)
        #expect(report.requests == ["file://" + page])
        #expect(report.console.isEmpty && report.log.isEmpty && report.exceptions.isEmpty, "\(report)")
        for words in mustShow { #expect(report.text.contains(words), "the page does not show '\(words)'") }
        #expect(report.colours > 50 && report.inked > 0.03, "the screenshot looks blank: \(report)")
        // It prints on A4 with nothing wider than the page.
        #expect(report.pdf == "%PDF-")
        #expect(report.printWidth == 680 && report.printScrollWidth <= report.printWidth, "\(report.printScrollWidth)")
    }

    /// The checker itself notices a page that fetches, logs and fails.
    @Test func theBrowserCheckCatchesABadPage() throws {
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-bad-\(UUID()).html").path
        defer { try? FileManager.default.removeItem(atPath: page) }
        try """
        <!DOCTYPE html><html><body><p>hello</p><img src="http://127.0.0.1:9/x.png"><div style="width: 2000px">wide</div>
        <script>console.log("noise"); undefinedFunction();</script></body></html>
        """.write(toFile: page, atomically: true, encoding: .utf8)
        let report = try browserCheck(page)
        #expect(report.requests.contains("http://127.0.0.1:9/x.png"))
        #expect(report.console == ["noise"])
        #expect(!report.exceptions.isEmpty)
        #expect(report.text == "hello\n\nwide")
        #expect(report.printScrollWidth >= 2000)
    }
}

struct BrowserReport: CustomStringConvertible {
    var requests: [String], console: [String], log: [String], exceptions: [String], text: String
    var colours: Int, inked: Double
    /// Printed on A4: the page's width, the content's width, and the first bytes of the PDF Chromium printed.
    var printWidth: Int, printScrollWidth: Int, pdf: String
    var description: String {
        "requests \(requests), console \(console), log \(log), exceptions \(exceptions), colours \(colours), inked \(inked)"
    }
}

func browserCheck(_ page: String) throws -> BrowserReport {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", path("Scripts/browser-check.py"), page]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let shot = json["screenshot"] as? [String: Any], let print = json["print"] as? [String: Any]
    else {
        Issue.record("browser-check failed: \(problems)")
        throw CocoaError(.fileReadUnknown)
    }
    return BrowserReport(
        requests: json["requests"] as? [String] ?? [], console: json["console"] as? [String] ?? [],
        log: json["log"] as? [String] ?? [], exceptions: json["exceptions"] as? [String] ?? [],
        text: json["text"] as? String ?? "", colours: shot["colours"] as? Int ?? 0,
        inked: shot["inked_fraction"] as? Double ?? 0, printWidth: print["width"] as? Int ?? 0,
        printScrollWidth: print["scroll_width"] as? Int ?? .max, pdf: print["pdf"] as? String ?? "")
}

/// Salford with `places_per_expected_concern` 40 (from 10) and a criterion's title edited, in a temporary file.
func changedSalford() throws -> String {
    var text = try String(contentsOfFile: path("Policies/salford.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(
        of: "  places_per_expected_concern:\n    value: 10", with: "  places_per_expected_concern:\n    value: 40")
    text = text.replacingOccurrences(
        of: "title: Overall CQC rating is Requires Improvement\n",
        with: "title: Overall CQC rating is Requires Improvement (any key question)\n")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("qaf-salford-changed.yaml").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    return file
}

/// `sha256sum`, an independent digest of a file.
func sha256sum(_ file: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", path(file)]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}
