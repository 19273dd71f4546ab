/// The ways a service goes wrong, moderately or seriously, each changing the evidence the way it would in life.
///
/// A moderate concern is one statement a commissioner would grade "some concerns" (a Requires Improvement rating,
/// late returns, partial engagement, …) and never more: it is written so that no framework reads it as major on its
/// own (one non-serious breach, not two; safeguarding above expected, not double it).
enum ModerateConcern: CaseIterable {
    case cqcRequiresImprovement, requirementNotice, pammsRequiresImprovement, contractIssues, lateReturns
    case partialEngagement, planBehind, demandBarriers, regulatorySome, safeguardingAbove, feedbackOftenNegative
    case concernsRaised

    var weight: Int {
        switch self {
        case .cqcRequiresImprovement: return 22
        case .requirementNotice, .demandBarriers, .regulatorySome: return 6
        case .pammsRequiresImprovement, .lateReturns, .partialEngagement, .safeguardingAbove, .concernsRaised: return 10
        case .contractIssues: return 12
        case .planBehind, .feedbackOftenNegative: return 8
        }
    }
}

enum MajorConcern: CaseIterable {
    case cqcInadequate, cqcRequiresImprovementAggravated, pammsPoor, pammsRequiresImprovementStalled
    case contractBreached, returnsNotSubmitted, notEngaged, planNoProgress, visitFindings, demandConcerns
    case regulatoryMultiple, safeguardingWellAbove, feedbackMostlyNegative, concernsLarge

    var weight: Int {
        switch self {
        case .cqcInadequate: return 14
        case .cqcRequiresImprovementAggravated, .safeguardingWellAbove: return 10
        case .contractBreached, .visitFindings: return 12
        case .pammsPoor: return 8
        case .pammsRequiresImprovementStalled, .planNoProgress, .concernsLarge: return 6
        case .returnsNotSubmitted, .notEngaged, .feedbackMostlyNegative: return 5
        case .demandConcerns, .regulatoryMultiple: return 3
        }
    }
}

extension ProviderState {
    private func applies(_ c: ModerateConcern) -> Bool {
        switch c {
        case .cqcRequiresImprovement, .requirementNotice: return cqcRegistered
        // A PAMMS RI with its action plan behind is a major concern: the two moderate ones never meet.
        case .pammsRequiresImprovement: return plan != "behind"
        case .planBehind: return pammsRating != "requires_improvement"
        default: return true
        }
    }

    private func applies(_ c: MajorConcern) -> Bool {
        switch c {
        case .cqcInadequate, .cqcRequiresImprovementAggravated: return cqcRegistered
        default: return true
        }
    }

    /// Gives the provider `count` different moderate concerns.
    mutating func addModerateConcerns(_ count: Int, _ r: inout CorpusRandom) {
        var chosen: [ModerateConcern] = []
        for _ in 0..<count {
            let open = ModerateConcern.allCases.filter { applies($0) && !chosen.contains($0) }
            guard !open.isEmpty else { return }
            let c = r.weighted(open.map { ($0, $0.weight) })
            chosen.append(c)
            add(c, &r)
        }
    }

    /// Gives the provider `count` different major concerns, after its moderate ones: a major concern can make a
    /// moderate one worse (RI to Inadequate, late returns to none) but never the other way round.
    mutating func addMajorConcerns(_ count: Int, _ r: inout CorpusRandom) {
        var chosen: [MajorConcern] = []
        func isCQC(_ c: MajorConcern) -> Bool { c == .cqcInadequate || c == .cqcRequiresImprovementAggravated }
        for _ in 0..<count {
            let open = MajorConcern.allCases.filter {
                applies($0) && !chosen.contains($0) && !(isCQC($0) && chosen.contains(where: isCQC))
            }
            let c = r.weighted(open.map { ($0, $0.weight) })
            chosen.append(c)
            add(c, &r)
        }
    }

    private mutating func add(_ c: ModerateConcern, _ r: inout CorpusRandom) {
        if plan == "none", r.chance(50) { plan = "on_track" }
        switch c {
        case .cqcRequiresImprovement:
            cqcOverall = "requires_improvement"
            reportDate = before(30...700, &r)
            let weak = r.sample(["safe", "effective", "responsive", "well_led"], count: r.int(1...3))
            keyQuestions = WordLists.keyQuestions.map { weak.contains($0) ? "requires_improvement" : "good" }
        case .requirementNotice:
            enforcement.append(Dated(kind: "requirement_notice", day: reportDate))
        case .pammsRequiresImprovement:
            pammsAssessed = true
            pammsRating = "requires_improvement"
            pammsDate = before(20...500, &r)
            if plan == "none" { plan = "on_track" }
        case .contractIssues:
            compliance = "some_issues"
            if breaches.isEmpty, r.chance(50) { breaches = [Breach(day: before(20...400, &r), serious: false)] }
            if r.chance(25) { defaultNotices.append(before(20...330, &r)) }
            if restrictions.isEmpty, r.chance(15) {
                restrictions = [
                    Dated(kind: r.pick(["phased_admissions", "voluntary_pause"]), day: before(10...150, &r))
                ]
            }
        case .lateReturns:
            if r.chance(75) { returns = "late" } else { selfAssessment = "not_submitted" }
        case .partialEngagement: engagement = "partial"
        case .planBehind: plan = "behind"
        case .demandBarriers: demand = "some_barriers"
        case .regulatorySome: regulatory = "some"
        case .feedbackOftenNegative: feedback = "often_negative"
        case .safeguardingAbove:
            // Above expected but under twice it, or an emerging theme at the expected level.
            let e = safeguardingExpectedHalves
            let low = max(2, e / 2 + 1)
            if low < e, r.chance(70) {
                safeguardingConcerns = r.int(low...(e - 1))
            } else {
                safeguardingTheme = true
                safeguardingConcerns = r.int(0...(e / 2))
            }
        case .concernsRaised:
            // "A number" (3 or more, above one a year for every ten places) but not a large number.
            raiseConcerns(total: r.int(max(3, size / 10 + 1)...max(5, size / 5)), &r)
            setConcernFlags(&r)
        }
    }

    private mutating func add(_ c: MajorConcern, _ r: inout CorpusRandom) {
        if plan == "none" { plan = r.weighted([("on_track", 60), ("behind", 40)]) }
        switch c {
        case .cqcInadequate:
            cqcOverall = "inadequate"
            reportDate = before(20...400, &r)
            keyQuestions = WordLists.keyQuestions.map { q in
                switch q {
                case "safe", "well_led": return r.weighted([("inadequate", 75), ("requires_improvement", 25)])
                default: return r.weighted([("requires_improvement", 55), ("good", 35), ("inadequate", 10)])
                }
            }
            if !enforcement.contains(where: { $0.kind == "requirement_notice" }), r.chance(30) {
                enforcement.append(Dated(kind: "requirement_notice", day: reportDate))
            }
            if r.chance(75) { enforcement.append(Dated(kind: "warning_notice", day: reportDate)) }
            if r.chance(50) { enforcement.append(Dated(kind: registrationAction(&r), day: before(5...200, &r))) }
        case .cqcRequiresImprovementAggravated:
            cqcOverall = "requires_improvement"
            reportDate = before(20...500, &r)
            keyQuestions = WordLists.keyQuestions.map { _ in
                r.weighted([("requires_improvement", 45), ("good", 50), ("outstanding", 5)])
            }
            if r.chance(50) { keyQuestions[r.pick([0, 4])] = "inadequate" }
            if !enforcement.contains(where: { $0.kind == "requirement_notice" }) {
                enforcement.append(Dated(kind: "requirement_notice", day: reportDate))
            }
            let action = r.weighted([("warning_notice", 60), ("conditions_imposed", 20), ("notice_of_proposal", 20)])
            enforcement.append(Dated(kind: action, day: before(5...300, &r)))
        case .pammsPoor:
            pammsAssessed = true
            pammsRating = "poor"
            pammsDate = before(10...300, &r)
        case .pammsRequiresImprovementStalled:
            pammsAssessed = true
            pammsRating = "requires_improvement"
            pammsDate = before(60...500, &r)
            if r.chance(70) { plan = r.pick(["behind", "no_progress"]) } else { notSustained = true }
        case .contractBreached:
            compliance = "breached"
            let count = r.int(1...3)
            breaches = (0..<count).map { _ in Breach(day: before(10...500, &r), serious: r.chance(45)) }
            if count == 1 { breaches[0].serious = true }
            breaches.sort { $0.day < $1.day }
            let notices = r.weighted([(0, 30), (1, 45), (2, 25)])
            let served = defaultNotices + (0..<notices).map { _ in before(5...360, &r) }
            defaultNotices = Array(served.sorted().suffix(CSVRow.maxListEntries))
            // An advisory notice first, then placements suspended or admissions phased.
            let kinds = ["advisory_notice", "placement_suspension", "phased_admissions"]
            let inForce = r.weighted([(0, 35), (1, 40), (2, 17), (3, 8)])
            let since = before(40...200, &r)
            restrictions = r.sample(kinds, count: inForce).enumerated().map { Dated(kind: $1, day: since + 14 * $0) }
        case .returnsNotSubmitted:
            returns = "not_submitted"
            if r.chance(50) { selfAssessment = "not_submitted" }
        case .notEngaged: engagement = "not_engaged"
        case .planNoProgress:
            if r.chance(60) { plan = "no_progress" } else { notSustained = true }
        case .visitFindings:
            visited = true
            for i in r.sample(Array(findings.indices), count: r.int(1...3)) { findings[i] = true }
        case .demandConcerns: demand = "concerns"
        case .regulatoryMultiple: regulatory = "multiple"
        case .feedbackMostlyNegative: feedback = "mostly_negative"
        case .safeguardingWellAbove:
            let e = safeguardingExpectedHalves
            safeguardingConcerns = r.int(max(2, e)...max(3, e * 2))
            safeguardingTheme = r.chance(50)
            organisational = r.weighted([("none", 55), ("threshold_review", 30), ("large_scale_enquiry", 15)])
        case .concernsLarge:
            let least = max(6, size / 5 + 1)
            raiseConcerns(total: r.int(least...(least + least / 2 + 4)), &r)
            setConcernFlags(&r)
        }
    }

    private func registrationAction(_ r: inout CorpusRandom) -> String {
        r.weighted([
            ("notice_of_proposal", 22), ("conditions_imposed", 20), ("special_measures", 20),
            ("notice_of_decision", 14),
            ("urgent_suspension", 12), ("cancellation", 12),
        ])
    }

    private mutating func setConcernFlags(_ r: inout CorpusRandom) {
        qualityWidespread = r.chance(45)
        qualitySerious = r.chance(40)
        qualityTheme = r.chance(50)
        if !qualityWidespread, !qualitySerious, !qualityTheme { qualityTheme = true }
    }
}
