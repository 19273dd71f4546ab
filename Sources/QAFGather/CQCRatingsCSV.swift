import Foundation
import QAFCore

/// CQC's monthly "Latest ratings" spreadsheet saved as CSV (long form: one row per location, service or population
/// group, and domain). Only the rows whose `Service / Population Group` is `Overall` are the location's own ratings;
/// `Domain` (`Key Question` in older files) says which: `Overall`, `Safe`, `Effective`, `Caring`, `Responsive`,
/// `Well-led`. `Publication Date` is written DD/MM/YYYY (or YYYY-MM-DD). The file lists only registered, rated
/// locations; `Location Type` other than `Social Care Org` is skipped as for the API.
enum CQCRatingsCSV {
    static let required = [
        "Location ID", "Location Type", "Service / Population Group", "Latest Rating", "Publication Date",
    ]

    static func read(file: String, text: String) -> [LocationOutcome] {
        let rows = CSVText.rows(text)
        guard let headerIndex = rows.prefix(5).firstIndex(where: { $0.cells.contains("Location ID") }) else {
            return [
                .malformed(
                    Diagnostic(
                        "this CSV has no 'Location ID' column in its first rows: it is not CQC's Latest ratings file "
                            + "(columns \(required.joined(separator: ", ")), and Domain or Key Question)",
                        at: SourceLocation(file: file, line: 1, column: 1)))
            ]
        }
        let header = rows[headerIndex].cells.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) -> Int? { header.firstIndex { $0.lowercased() == name.lowercased() } }
        guard let idColumn = column("Location ID"), let type = column("Location Type"),
            let group = column("Service / Population Group"), let rating = column("Latest Rating"),
            let published = column("Publication Date"), let domain = column("Domain") ?? column("Key Question")
        else {
            let missing =
                required.filter { column($0) == nil }
                + (column("Domain") ?? column("Key Question") == nil ? ["Domain"] : [])
            return [
                .malformed(
                    Diagnostic(
                        "CQC's Latest ratings file needs the column(s) \(missing.joined(separator: ", "))",
                        at: SourceLocation(file: file, line: rows[headerIndex].line, column: 1)))
            ]
        }
        let columns = Columns(
            id: idColumn, name: column("Location Name"), type: type, group: group, domain: domain, rating: rating,
            published: published, inherited: column("Inherited Rating (Y/N)"))
        var locations: [(id: String, rows: [CSVText.Row])] = []
        var index: [String: Int] = [:]
        var outcomes: [LocationOutcome] = []
        for row in rows[(headerIndex + 1)...] {
            guard row.cells.count == header.count else {
                outcomes.append(
                    .malformed(
                        Diagnostic(
                            "the row has \(row.cells.count) cells but the header has \(header.count) columns",
                            at: SourceLocation(file: file, line: row.line, column: 1))))
                continue
            }
            let id = row.cells[idColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { continue }
            if let i = index[id] {
                locations[i].rows.append(row)
            } else {
                index[id] = locations.count
                locations.append((id, [row]))
            }
        }
        for (id, rows) in locations { outcomes.append(location(id, rows: rows, columns: columns, file: file)) }
        return outcomes
    }

    struct Columns {
        let id: Int, name: Int?, type: Int, group: Int, domain: Int, rating: Int, published: Int, inherited: Int?
    }

    private static func location(_ id: String, rows: [CSVText.Row], columns c: Columns, file: String)
        -> LocationOutcome
    {
        let first = rows[0]
        let origin = SourceLocation(file: file, line: first.line, column: 1)
        func cell(_ row: CSVText.Row, _ i: Int?) -> String? {
            guard let i else { return nil }
            let text = row.cells[i].trimmingCharacters(in: .whitespaces)
            return text.isEmpty || text == "-" ? nil : text
        }
        let name = cell(first, c.name)
        let type = cell(first, c.type)
        if type != "Social Care Org" {
            return .skipped(
                SkippedLocation(
                    id: id, name: name, origin: origin,
                    reasons: [
                        (
                            .notAdultSocialCare,
                            "not adult social care (Location Type \(type.map { "'\($0)'" } ?? "not given"))"
                        )
                    ]))
        }
        var facts = ProviderFacts(id: id, origin: origin)
        facts.fromCQC = true
        var notes: [GatherNote] = []
        func source(_ row: CSVText.Row, _ detail: String?) -> FactSource {
            let inherited = detail != nil && cell(row, c.inherited)?.uppercased() == "Y" ? ", inherited rating" : ""
            return FactSource(
                provenance: "CQC latest ratings, location \(id)" + (detail.map { ", published \($0)" } ?? "")
                    + inherited,
                origin: SourceLocation(file: file, line: row.line, column: 1), names: ["cqc"])
        }
        facts.set("provider.id", .text(id), from: source(first, nil))
        if let name { facts.set("provider.name", .text(name), from: source(first, nil)) }
        for row in rows where cell(row, c.group)?.lowercased() == "overall" {
            guard let domain = cell(row, c.domain), let word = cell(row, c.rating) else { continue }
            let published = cell(row, c.published).flatMap(date)
            let path: String
            if domain.lowercased() == "overall" {
                path = "cqc.overall"
                if let published {
                    facts.set("cqc.report_date", .date(published), from: source(row, Day.format(published)))
                }
            } else if let field = CQCWords.keyQuestion(domain) {
                path = "cqc.key_questions.\(field)"
            } else {
                notes.append(
                    GatherNote(
                        location: source(row, nil).origin,
                        text:
                            "location \(id): domain '\(domain)' is not one of CQC's five key questions: it is not gathered"
                    ))
                continue
            }
            switch CQCWords.rating(word) {
            case .value(let v):
                if let earlier = facts.scalars[path], earlier.value != .word(v) {
                    notes.append(
                        GatherNote(
                            location: source(row, nil).origin,
                            text: "location \(id): \(domain) is rated twice: \(path) is left unknown"))
                    facts.scalars[path] = nil
                } else {
                    facts.set(path, .word(v), from: source(row, published.map(Day.format)))
                }
            case .unknown(let why):
                notes.append(
                    GatherNote(
                        location: source(row, nil).origin,
                        text: "location \(id): \(domain) rating '\(word)': \(why); \(path) is left unknown"))
            }
        }
        return .gathered(facts, notes: notes)
    }

    /// `31/10/2019` or `2019-10-31`.
    static func date(_ text: String) -> Int? {
        if let day = Day.parse(text) { return day }
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else { return nil }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return Day.parse("\(y)-\(pad(m))-\(pad(d))")
    }
}

/// RFC 4180 CSV read whole: quoted cells may hold commas, doubled quotes and line breaks; each row knows the line it
/// starts on.
enum CSVText {
    struct Row {
        var cells: [String]
        var line: Int
    }

    static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRow() {
            cells.append(cell)
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(cells: cells, line: rowLine)) }
            cells = []
            cell = ""
        }
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        cell.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if ch == "\n" { line += 1 }
                    cell.unicodeScalars.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                cells.append(cell)
                cell = ""
            } else if ch == "\n" {
                endRow()
                line += 1
                rowLine = line
            } else if ch != "\r" {
                cell.unicodeScalars.append(ch)
            }
            i += 1
        }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        return rows
    }
}
