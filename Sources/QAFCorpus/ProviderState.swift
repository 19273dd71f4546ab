/// One made-up provider as it really is on `asOf`, before any of the evidence about it goes missing.
///
/// Every provider starts as a well-run service (`init`); `ConcernSignals` then gives a fifth of them moderate
/// concerns and a few percent major ones, and `EvidenceTree` writes the evidence, leaving some of it out.
struct ProviderState {
    enum Tier { case fine, moderate, major }

    /// A dated entry of a list: an enforcement action, a restriction, an event.
    struct Dated {
        var kind: String
        var day: Int
    }

    struct Breach {
        var day: Int
        var serious: Bool
    }

    var tier: Tier
    let asOf: Int

    let id: String
    let name: String
    let serviceType: String
    let size: Int
    let jointlyCommissioned: Bool
    let outOfArea: Bool
    let placements: Int

    let cqcRegistered: Bool
    var cqcOverall: String
    var keyQuestions: [String]
    var reportDate: Int
    var enforcement: [Dated] = []

    var pammsAssessed: Bool
    var pammsRating: String
    var pammsDate: Int

    var compliance = "good"
    var breaches: [Breach] = []
    var defaultNotices: [Int] = []
    var restrictions: [Dated] = []

    var returns = "submitted"
    var selfAssessment: String
    var engagement = "engaged"
    var plan: String
    var notSustained = false

    var safeguardingConcerns: Int
    /// What the authority expects, in halves: 5 means 2.5 concerns a year.
    let safeguardingExpectedHalves: Int
    var safeguardingTheme = false
    var organisational = "none"

    var qualityCount: Int
    var qualityWidespread = false
    var qualitySerious = false
    var qualityTheme = false
    var complaints: Int
    var whistleblowing: Int
    var professionalConcerns: Int

    var feedback: String
    var regulatory = "none"
    var demand = "well_managed"

    /// False when no quality visit has been made: the findings are then unknown.
    var visited: Bool
    var findings = Array(repeating: false, count: WordLists.findings.count)
    var events: [Dated] = []

    var mdra: [(partner: String, rating: String)]?
    var qualityStandards: [String]?
    var hostAuthorityConcerns: Bool?
    var previous: (level: String, since: Int)?

    /// A well-run service: good ratings, returns in, engaged, concerns no more than expected for its size.
    init(id: String, asOf: Int, _ r: inout CorpusRandom) {
        tier = .fine
        self.asOf = asOf
        self.id = id
        serviceType = r.weighted(WordLists.serviceTypes)
        name = WordLists.name(serviceType, &r)
        size = r.int(WordLists.sizes(serviceType))
        jointlyCommissioned = serviceType == "care_home_nursing" ? r.chance(70) : r.chance(20)
        outOfArea = r.chance(8)
        placements = outOfArea ? r.int(1...3) : max(1, size * r.int(10...70) / 100)

        cqcRegistered = WordLists.cqcRegistered(serviceType)
        cqcOverall = r.weighted([("good", 80), ("outstanding", 12), ("not_rated", 8)])
        let overall = cqcOverall
        keyQuestions = WordLists.keyQuestions.map { _ in
            switch overall {
            case "outstanding": return r.weighted([("outstanding", 55), ("good", 45)])
            case "not_rated": return "not_rated"
            default: return r.weighted([("good", 88), ("outstanding", 7), ("requires_improvement", 5)])
            }
        }
        reportDate = asOf - r.int(30...1_100)

        pammsAssessed = cqcRegistered ? r.chance(86) : r.chance(92)
        pammsRating = r.weighted([("good", 62), ("excellent", 38)])
        pammsDate = asOf - r.int(20...900)

        if r.chance(8) { breaches = [Breach(day: asOf - r.int(60...700), serious: false)] }
        if r.chance(2) { defaultNotices = [asOf - r.int(400...900)] }
        if r.chance(2) { restrictions = [Dated(kind: "voluntary_pause", day: asOf - r.int(10...120))] }

        selfAssessment = r.weighted([("no_concerns", 88), ("raises_concerns", 12)])
        plan = r.weighted([("none", 60), ("on_track", 40)])

        safeguardingExpectedHalves = max(2, size * 2 / 15 + r.int(-1...1))
        safeguardingConcerns = r.int(0...(safeguardingExpectedHalves / 2))

        qualityCount = r.few(mean: 0.6, max: 3)
        complaints = r.few(mean: 1.0, max: 4)
        whistleblowing = r.few(mean: 0.05, max: 1)
        professionalConcerns = r.few(mean: 0.4, max: 2)
        if qualityCount > 0, qualityCount + complaints + whistleblowing + professionalConcerns < 3, r.chance(10) {
            qualityTheme = true
        }

        feedback = r.weighted([("positive", 72), ("mixed", 28)])
        visited = r.chance(91)
        if r.chance(4) {
            events = [
                Dated(kind: r.pick(["change_of_ownership", "registered_manager_left"]), day: asOf - r.int(5...170))
            ]
        }
    }

    /// A day a number of days in `days` before as_of.
    func before(_ days: ClosedRange<Int>, _ r: inout CorpusRandom) -> Int { asOf - r.int(days) }

    /// Total concerns raised in the last 12 months, across the four channels.
    var concernsRaised: Int { qualityCount + complaints + whistleblowing + professionalConcerns }

    /// Spreads `total` concerns over the four channels, most of them quality concerns and complaints.
    mutating func raiseConcerns(total: Int, _ r: inout CorpusRandom) {
        whistleblowing = total >= 4 ? r.int(0...min(2, total / 4)) : 0
        professionalConcerns = r.int(0...((total - whistleblowing) / 3))
        let rest = total - whistleblowing - professionalConcerns
        complaints = r.int(0...(rest / 2))
        qualityCount = rest - complaints
    }
}
