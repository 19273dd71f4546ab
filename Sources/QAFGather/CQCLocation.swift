import QAFCore
import Yams

/// Something worth saying about a gathered location that is not an error (a rating word with no value, an
/// inspection whose report is not yet out).
public struct GatherNote: Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var text: String
    public var description: String { "\(location.file):\(location.line): note: \(text)" }
}

/// What became of one location of a CQC API response.
public enum LocationOutcome: Sendable {
    case gathered(ProviderFacts, notes: [GatherNote])
    /// Not registered adult social care: deregistered, dormant, or another sector.
    case skipped(SkippedLocation)
    case malformed(Diagnostic)
}

public struct SkippedLocation: Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        case deregistered, dormant
        case notAdultSocialCare = "not adult social care"
    }

    public var id: String
    public var name: String?
    public var origin: SourceLocation
    public var reasons: [(Reason, String)]

    public var description: String {
        let who = name.map { "\(id) (\($0))" } ?? id
        return "\(origin.file):\(origin.line): skipped location \(who): "
            + reasons.map(\.1).joined(separator: "; ")
    }
}

/// Reads one location of `GET /public/v1/locations/{id}` into evidence facts; `Docs/gathering-evidence.md` gives the
/// whole mapping.
struct CQCLocationReader {
    let location: JSONNode
    let origin: SourceLocation
    let id: String
    var notes: [GatherNote] = []

    static func read(_ node: Node, file: String, lineOffset: Int) -> LocationOutcome {
        let line = (node.mark?.line ?? 1) + lineOffset
        return read(JSONNode(node), at: SourceLocation(file: file, line: line, column: node.mark?.column ?? 1))
    }

    static func read(_ location: JSONNode?, at origin: SourceLocation) -> LocationOutcome {
        guard let location, location.isObject else {
            let found = location?.described ?? "null"
            return .malformed(Diagnostic("a CQC location must be a JSON object, found \(found)", at: origin))
        }
        guard let id = location["locationId"]?.text else {
            return .malformed(
                Diagnostic("this CQC location has no 'locationId': it cannot be told apart from others", at: origin))
        }
        var reader = CQCLocationReader(location: location, origin: origin, id: id)
        if let skipped = reader.skipReasons() { return .skipped(skipped) }
        let facts = reader.facts()
        return .gathered(facts, notes: reader.notes)
    }

    private func skipReasons() -> SkippedLocation? {
        var reasons: [(SkippedLocation.Reason, String)] = []
        let status = location["registrationStatus"]?.text
        switch status?.lowercased() {
        case "registered": break
        case "deregistered":
            let on = location["deregistrationDate"]?.text.map { " on \($0)" } ?? ""
            reasons.append((.deregistered, "deregistered\(on)"))
        default:
            reasons.append(
                (.deregistered, "registration status \(status.map { "'\($0)'" } ?? "not given"), not 'Registered'"))
        }
        if let dormancy = location["dormancy"]?.text, dormancy.uppercased() == "Y" {
            reasons.append((.dormant, "dormant"))
        }
        let type = location["type"]?.text
        if type?.lowercased() != "social care org" {
            reasons.append(
                (.notAdultSocialCare, "not adult social care (type \(type.map { "'\($0)'" } ?? "not given"))"))
        }
        guard !reasons.isEmpty else { return nil }
        return SkippedLocation(id: id, name: location["name"]?.text, origin: origin, reasons: reasons)
    }

    private mutating func note(_ text: String) {
        notes.append(GatherNote(location: origin, text: "location \(id): \(text)"))
    }

    private func source(_ detail: String? = nil) -> FactSource {
        FactSource(
            provenance: "CQC API location \(id)" + (detail.map { ", \($0)" } ?? ""), origin: origin, names: ["cqc"])
    }

    private mutating func facts() -> ProviderFacts {
        var facts = ProviderFacts(id: id, origin: origin)
        facts.fromCQC = true
        facts.set("provider.id", .text(id), from: source())
        if let name = location["name"]?.text { facts.set("provider.name", .text(name), from: source()) }
        let serviceType = self.serviceType()
        if let serviceType { facts.set("provider.service_type", .word(serviceType), from: source("gacServiceTypes")) }
        let careHome = location["careHome"]?.text?.uppercased() == "Y" || serviceType?.hasPrefix("care_home") == true
        if careHome, let beds = location["numberOfBeds"] {
            if let n = beds.text.flatMap(Int.init), (1...10_000).contains(n) {
                facts.set("provider.size", .number(Double(n)), from: source("numberOfBeds"))
            } else {
                note(
                    "numberOfBeds \(beds.described) is not a number of beds from 1 to 10000: provider.size is left unknown"
                )
            }
        }
        ratings(into: &facts)
        events(into: &facts)
        return facts
    }

    /// The service type from `gacServiceTypes`: a nursing home is `care_home_nursing` even when also registered
    /// without nursing; otherwise one kind of service gives its value, and several leave it unknown.
    private mutating func serviceType() -> String? {
        var values: [String] = []
        var unknown: [String] = []
        for type in location["gacServiceTypes"]?.elements ?? [] {
            let name = type["name"]?.text, description = type["description"]?.text
            switch CQCWords.serviceType(name: name, description: description) {
            case .some(.some(let value)): if !values.contains(value) { values.append(value) }
            case .some(.none): break
            case .none: unknown.append(name ?? description ?? "?")
            }
        }
        for name in unknown { note("service type '\(name)' is not one qaf knows: it gives no provider.service_type") }
        if values.contains("care_home_nursing") { return "care_home_nursing" }
        if values.contains("care_home_residential") { return "care_home_residential" }
        if values.count > 1 {
            note(
                "several kinds of service (\(values.joined(separator: ", "))): provider.service_type is left unknown; "
                    + "give the one commissioned with --local")
            return nil
        }
        return values.first
    }

    // MARK: Ratings

    private struct RatingBlock {
        var overall: String?
        var date: String?
        var keyQuestions: [(name: String, rating: String?, date: String?)]
        /// `report 2019-10-31` or `assessment published 2024-05-01`.
        var detail: (String) -> String
    }

    private func currentRatings() -> RatingBlock? {
        guard let current = location["currentRatings"], let overall = current["overall"] else { return nil }
        let date = overall["reportDate"]?.text ?? current["reportDate"]?.text
        let questions = (overall["keyQuestionRatings"]?.elements ?? []).map {
            (name: $0["name"]?.text ?? "", rating: $0["rating"]?.text, date: $0["reportDate"]?.text ?? date)
        }
        return RatingBlock(
            overall: overall["rating"]?.text, date: date, keyQuestions: questions, detail: { "report \($0)" })
    }

    /// The newer assessment approach: `assessment[].ratings`, its location-wide `overall` if rated, otherwise its
    /// `asgRatings[]` marked current; the most recently published wins.
    private mutating func assessmentRatings() -> RatingBlock? {
        var candidates: [(date: String, rating: String, questions: [JSONNode])] = []
        for assessment in location["assessment"]?.elements ?? [] {
            let published = assessment["assessmentPlanPublishedDateTime"]?.text.map { String($0.prefix(10)) }
            guard let ratings = assessment["ratings"] else { continue }
            var groups = (ratings["overall"]?.elements ?? []).filter { $0["rating"]?.text != nil }
            if groups.isEmpty {
                groups = (ratings["asgRatings"]?.elements ?? []).filter {
                    $0["rating"]?.text != nil && ($0["status"]?.text).map { $0.lowercased() == "current" } ?? true
                }
            }
            for group in groups {
                guard let rating = group["rating"]?.text else { continue }
                let date = published ?? group["assessmentDate"]?.text.map { String($0.prefix(10)) } ?? ""
                candidates.append((date, rating, group["keyQuestionRatings"]?.elements ?? []))
            }
        }
        guard let latest = candidates.map(\.date).max() else { return nil }
        let newest = candidates.filter { $0.date == latest }
        if Set(newest.map { CQCWords.normalised($0.rating) }).count > 1 {
            note(
                "assessments published \(latest) give different ratings (\(newest.map(\.rating).joined(separator: ", "))): "
                    + "CQC's ratings are left unknown")
            return nil
        }
        let chosen = newest[0]
        return RatingBlock(
            overall: chosen.rating, date: latest.isEmpty ? nil : latest,
            keyQuestions: chosen.questions.map {
                (name: $0["name"]?.text ?? "", rating: $0["rating"]?.text, date: latest)
            },
            detail: { "assessment published \($0)" })
    }

    private mutating func ratings(into facts: inout ProviderFacts) {
        let current = currentRatings()
        let rated = { (block: RatingBlock?) -> Bool in
            guard let word = block?.overall, case .value = CQCWords.rating(word) else { return false }
            return true
        }
        var block = current
        if !rated(current), let assessment = assessmentRatings() { block = assessment }
        guard let block else { return }
        let pending = (location["unpublishedReports"]?.elements ?? []).count
        if pending > 0 {
            let visits = (location["unpublishedReports"]?.elements ?? []).compactMap { $0["firstVisitDate"]?.text }
            note(
                "\(pending) inspection report(s) not yet published"
                    + (visits.isEmpty ? "" : " (first visit \(visits.joined(separator: ", ")))")
                    + ": CQC's ratings may change")
        }
        let pendingText = pending > 0 ? "; an inspection report is not yet published" : ""
        func detail(_ date: String?) -> String? { date.map { block.detail($0) + pendingText } }
        if let word = block.overall {
            switch CQCWords.rating(word) {
            case .value(let v): facts.set("cqc.overall", .word(v), from: source(detail(block.date)))
            case .unknown(let why): note("overall rating '\(word)': \(why); cqc.overall is left unknown")
            }
        }
        if let date = block.date {
            if let day = Day.parse(date) {
                facts.set("cqc.report_date", .date(day), from: source(detail(date)))
            } else {
                note("report date '\(date)' is not a date written YYYY-MM-DD: cqc.report_date is left unknown")
            }
        }
        var seen: [String: String] = [:]
        var unrated: [(word: String, why: String, questions: [String])] = []
        defer {
            for (word, why, questions) in unrated {
                let paths = questions.map { "cqc.key_questions.\($0)" }.joined(separator: ", ")
                note("key question rating '\(word)': \(why); \(paths) left unknown")
            }
        }
        for question in block.keyQuestions {
            guard let field = CQCWords.keyQuestion(question.name) else {
                note("key question '\(question.name)' is not one of CQC's five: it is not gathered")
                continue
            }
            let path = "cqc.key_questions.\(field)"
            guard let word = question.rating else { continue }
            if let earlier = seen[field] {
                if CQCWords.normalised(earlier) != CQCWords.normalised(word) {
                    note(
                        "key question '\(question.name)' is rated twice ('\(earlier)', '\(word)'): \(path) is left unknown"
                    )
                    facts.scalars[path] = nil
                }
                continue
            }
            seen[field] = word
            switch CQCWords.rating(word) {
            case .value(let v): facts.set(path, .word(v), from: source((question.date ?? block.date).map(block.detail)))
            case .unknown(let why):
                if let i = unrated.firstIndex(where: { $0.word == word }) {
                    unrated[i].questions.append(field)
                } else {
                    unrated.append((word, why, [field]))
                }
            }
        }
    }

    // MARK: Events

    private mutating func events(into facts: inout ProviderFacts) {
        if let absent = location["registeredManagerAbsentDate"]?.text {
            if let day = Day.parse(absent) {
                facts.add(
                    "events", ["type": .word("registered_manager_left"), "date": .date(day)],
                    from: source("registeredManagerAbsentDate \(absent)"))
            } else {
                note("registeredManagerAbsentDate '\(absent)' is not a date written YYYY-MM-DD: no event is gathered")
            }
        }
        let predecessors = (location["relationships"]?.elements ?? []).filter {
            $0["type"]?.text.map(CQCWords.normalised) == "hsca predecessor"
        }
        guard !predecessors.isEmpty else { return }
        let ids = predecessors.compactMap { $0["relatedLocationId"]?.text }.joined(separator: ", ")
        guard let registered = location["registrationDate"]?.text, let day = Day.parse(registered) else {
            return note(
                "an HSCA Predecessor is named but registrationDate is not a date: no change_of_ownership is gathered")
        }
        facts.add(
            "events", ["type": .word("change_of_ownership"), "date": .date(day)],
            from: source("HSCA Predecessor \(ids.isEmpty ? "named" : ids), registrationDate \(registered)"))
    }
}
