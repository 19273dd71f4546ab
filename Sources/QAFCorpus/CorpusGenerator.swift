import QAFCore

/// Made-up but realistic provider evidence, for benchmarks and for replaying policy changes (`qaf diff`) over a
/// corpus: the same seed gives the same records, in the same order, on every machine and Swift version.
///
/// About three quarters of providers are well run, about a fifth have moderate concerns (Requires Improvement
/// ratings, late returns, partial engagement, a breach, safeguarding above expected, …) and about one in twenty has
/// major ones (Inadequate or Poor ratings, warning notices, default notices, placement suspensions, visit findings,
/// police incidents, risk of harm, or many smaller concerns at once). Some evidence is missing, as in life: a field
/// here and there, and in some records whole groups such as PAMMS or visit findings.
///
/// Record `n` depends only on the seed and `n`, never on the records before it. Provider ids ("1-" and ten
/// digits) are different for every record of a corpus.
public struct CorpusGenerator: Sendable {
    public let seed: UInt64
    /// The day every record describes (`as_of`); every date in a record is on or before it.
    public let asOf: String
    /// How many records have been generated so far; the next record is record `index`.
    public private(set) var index: UInt64 = 0
    private let asOfDay: Int
    private let idOffset: UInt64

    public init(seed: UInt64) { self.init(seed: seed, asOf: "2026-10-01") }

    /// `asOf` is a date written YYYY-MM-DD.
    public init(seed: UInt64, asOf: String) {
        guard let day = Day.parse(asOf) else { preconditionFailure("as_of must be a date written YYYY-MM-DD: \(asOf)") }
        self.seed = seed
        self.asOf = asOf
        asOfDay = day
        idOffset = SplitMix64.mix(seed) % Self.idSpace
    }

    /// The next provider's evidence as one line of compact JSON, without a line break.
    public mutating func next() -> String { JSONLine.render(nextRecord()) }

    /// The column names of `nextCSVRow()`: the vocabulary's dotted field names, lists in indexed columns.
    public static func csvHeader() -> String { CSVRow.header() }

    /// The next provider's evidence as one CSV row (the columns of `csvHeader()`), without a line break.
    public mutating func nextCSVRow() -> String { CSVRow.render(nextRecord()) }

    private static let idSpace: UInt64 = 9_000_000_000
    /// Prime, so coprime with `idSpace`: `index × idStep + offset` visits every id once before repeating.
    private static let idStep: UInt64 = 4_294_967_291

    private mutating func nextRecord() -> EvidenceMembers {
        var r = CorpusRandom(seed: seed, record: index)
        let product = index.multipliedFullWidth(by: Self.idStep)
        let spread = Self.idSpace.dividingFullWidth(product).remainder
        let id = "1-" + String(1_000_000_000 + (spread + idOffset) % Self.idSpace)
        index += 1
        var state = ProviderState(id: id, asOf: asOfDay, &r)
        state.addConcerns(&r)
        return state.evidence(&r)
    }
}

extension ProviderState {
    /// Decides how the provider is doing, then what else the authority has heard about it.
    mutating func addConcerns(_ r: inout CorpusRandom) {
        let roll = r.below(1_000)
        if roll < 50 {
            tier = .major
            if r.chance(15) {
                addModerateConcerns(r.int(4...5), &r)  // many smaller concerns, none major on its own
            } else {
                addModerateConcerns(r.weighted([(0, 40), (1, 35), (2, 25)]), &r)
                addMajorConcerns(r.weighted([(1, 70), (2, 30)]), &r)
            }
        } else if roll < 255 {
            tier = .moderate
            addModerateConcerns(r.weighted([(1, 50), (2, 35), (3, 15)]), &r)
        }
        addEvents(&r)
        addPartnerViews(&r)
    }

    private mutating func addEvents(_ r: inout CorpusRandom) {
        let kinds: [(String, Int)]
        let count: Int
        switch tier {
        case .fine: return  // a few well-run services have a change of manager or owner (ProviderState.init)
        case .moderate:
            count = r.chance(25) ? 1 : 0
            kinds = [
                ("registered_manager_left", 40), ("change_of_ownership", 15), ("poor_staff_terms", 15),
                ("sponsorship_licence", 10), ("serious_incident", 10), ("industrial_action", 5),
                ("business_failure_risk", 5),
            ]
        case .major:
            count = r.chance(65) ? r.weighted([(1, 60), (2, 30), (3, 10)]) : 0
            kinds = [
                ("risk_of_harm", 20), ("serious_incident", 20), ("registered_manager_left", 20),
                ("police_incident", 15),
                ("business_failure_risk", 10), ("industrial_action", 5), ("sponsorship_licence", 5),
                ("poor_staff_terms", 5),
            ]
        }
        events = (0..<count).map { _ in Dated(kind: r.weighted(kinds), day: before(1...180, &r)) }
        events.sort { $0.day < $1.day }
    }

    /// Partners' ratings (Calderdale's MDRA and quality standards), the host authority and the previous level.
    private mutating func addPartnerViews(_ r: inout CorpusRandom) {
        let rag: [(String, Int)]
        let standard: [(String, Int)]
        let level: [(String, Int)]
        let hostConcerns: Double
        switch tier {
        case .fine:
            rag = [("green", 88), ("amber", 12)]
            standard = [("met", 85), ("partly_met", 13), ("not_met", 2)]
            level = [("1", 85), ("2", 12), ("3", 3)]
            hostConcerns = 4
        case .moderate:
            rag = [("green", 35), ("amber", 55), ("red", 10)]
            standard = [("met", 55), ("partly_met", 35), ("not_met", 10)]
            level = [("1", 40), ("2", 50), ("3", 10)]
            hostConcerns = 15
        case .major:
            rag = [("green", 5), ("amber", 40), ("red", 55)]
            standard = [("met", 30), ("partly_met", 40), ("not_met", 30)]
            level = [("1", 15), ("2", 35), ("3", 50)]
            hostConcerns = 45
        }
        if r.chance(35) {
            // A few MDRAs are opened before any partner has rated the provider.
            let partners = r.chance(4) ? 0 : r.int(2...3)
            mdra = r.sample(WordLists.mdraPartners, count: partners).map { ($0, r.weighted(rag)) }
        }
        if r.chance(mdra == nil ? 8 : 80) {
            qualityStandards = WordLists.qualityStandards.map { _ in r.weighted(standard) }
        }
        if outOfArea {
            if r.chance(85) { hostAuthorityConcerns = r.chance(hostConcerns) }
        } else if r.chance(40) {
            hostAuthorityConcerns = false
        }
        if r.chance(72) {
            // Some authorities name their levels by colour (Calderdale: green, amber, red).
            let id = r.chance(5) ? ["1": "green", "2": "amber", "3": "red"][r.weighted(level)]! : r.weighted(level)
            previous = (id, before(30...700, &r))
        }
    }
}
