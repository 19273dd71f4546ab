/// One provider's evidence as an ordered tree, in the vocabulary's names and order: what the JSON and CSV writers
/// render, so that both formats carry the same records.
indirect enum EvidenceValue {
    case count(Int)
    /// A number in halves: 5 is 2.5.
    case halves(Int)
    case boolean(Bool)
    case text(String)
    /// A day number (`Day`), written YYYY-MM-DD.
    case date(Int)
    case object([EvidenceMember])
    case list([[EvidenceMember]])
}

struct EvidenceMember {
    var name: String
    var value: EvidenceValue

    init(_ name: String, _ value: EvidenceValue) {
        self.name = name
        self.value = value
    }
}

typealias EvidenceMembers = [EvidenceMember]

/// Groups a record may lack altogether: no PAMMS assessment yet, no quality visit, no intelligence gathered.
private let wholeGroups = [
    "pamms", "findings", "cqc.key_questions", "quality_concerns", "safeguarding", "monitoring", "improvement",
    "contract",
]

extension ProviderState {
    /// The evidence an authority holds about this provider. Most records are complete; a quarter lack a field
    /// here and there (one in twelve), and one in twelve is sparse: a fifth of its fields and one or two whole groups
    /// are missing. `evidence`, `as_of` and `provider.id` are always present.
    func evidence(_ r: inout CorpusRandom) -> EvidenceMembers {
        let absence = r.weighted([(0.0, 67), (8.0, 25), (22.0, 8)])
        let gaps = absence > 20 ? r.sample(wholeGroups, count: r.int(1...2)) : []
        func keep() -> Bool { absence == 0 || !r.chance(absence) }
        func add(_ members: inout EvidenceMembers, _ name: String, _ value: EvidenceValue) {
            if keep() { members.append(EvidenceMember(name, value)) }
        }
        func group(_ root: inout EvidenceMembers, _ name: String, _ members: EvidenceMembers) {
            if !members.isEmpty, !gaps.contains(name) { root.append(EvidenceMember(name, .object(members))) }
        }

        var root = [EvidenceMember("evidence", .count(1)), EvidenceMember("as_of", .date(asOf))]
        var provider = [EvidenceMember("id", .text(id))]
        add(&provider, "name", .text(name))
        add(&provider, "service_type", .text(serviceType))
        add(&provider, "size", .count(size))
        add(&provider, "jointly_commissioned", .boolean(jointlyCommissioned))
        add(&provider, "out_of_area", .boolean(outOfArea))
        add(&provider, "placements", .count(placements))
        root.append(EvidenceMember("provider", .object(provider)))

        if cqcRegistered {
            var cqc: EvidenceMembers = []
            add(&cqc, "overall", .text(cqcOverall))
            if cqcOverall != "not_rated" {
                var questions: EvidenceMembers = []
                for (q, rating) in zip(WordLists.keyQuestions, keyQuestions) { add(&questions, q, .text(rating)) }
                if !questions.isEmpty, !gaps.contains("cqc.key_questions") {
                    cqc.append(EvidenceMember("key_questions", .object(questions)))
                }
                add(&cqc, "report_date", .date(reportDate))
            }
            add(
                &cqc, "enforcement",
                .list(
                    enforcement.map {
                        [EvidenceMember("type", .text($0.kind)), EvidenceMember("issued", .date($0.day))]
                    }))
            group(&root, "cqc", cqc)
        }
        if pammsAssessed {
            var pamms: EvidenceMembers = []
            add(&pamms, "rating", .text(pammsRating))
            add(&pamms, "assessed", .date(pammsDate))
            group(&root, "pamms", pamms)
        }

        var contract: EvidenceMembers = []
        add(&contract, "compliance", .text(compliance))
        add(
            &contract, "breaches",
            .list(
                breaches.map {
                    [EvidenceMember("date", .date($0.day)), EvidenceMember("serious", .boolean($0.serious))]
                }))
        add(&contract, "default_notices", .list(defaultNotices.map { [EvidenceMember("issued", .date($0))] }))
        add(
            &contract, "restrictions",
            .list(
                restrictions.map { [EvidenceMember("kind", .text($0.kind)), EvidenceMember("since", .date($0.day))] }))
        group(&root, "contract", contract)

        var monitoring: EvidenceMembers = []
        add(&monitoring, "returns", .text(returns))
        add(&monitoring, "self_assessment", .text(selfAssessment))
        group(&root, "monitoring", monitoring)
        add(&root, "engagement", .text(engagement))
        var improvement: EvidenceMembers = []
        add(&improvement, "plan", .text(plan))
        add(&improvement, "not_sustained", .boolean(notSustained))
        group(&root, "improvement", improvement)

        var safeguarding: EvidenceMembers = []
        add(&safeguarding, "concerns", .count(safeguardingConcerns))
        add(&safeguarding, "expected", .halves(safeguardingExpectedHalves))
        add(&safeguarding, "theme", .boolean(safeguardingTheme))
        add(&safeguarding, "organisational", .text(organisational))
        group(&root, "safeguarding", safeguarding)
        var quality: EvidenceMembers = []
        add(&quality, "count", .count(qualityCount))
        add(&quality, "widespread", .boolean(qualityWidespread))
        add(&quality, "serious", .boolean(qualitySerious))
        add(&quality, "theme", .boolean(qualityTheme))
        group(&root, "quality_concerns", quality)
        add(&root, "complaints", .count(complaints))
        add(&root, "whistleblowing", .count(whistleblowing))
        add(&root, "professional_concerns", .count(professionalConcerns))
        add(&root, "feedback", .text(feedback))
        add(&root, "regulatory_concerns", .text(regulatory))
        add(&root, "demand", .text(demand))

        if visited {
            var found: EvidenceMembers = []
            for (f, value) in zip(WordLists.findings, findings) { add(&found, f, .boolean(value)) }
            group(&root, "findings", found)
        }
        add(
            &root, "events",
            .list(events.map { [EvidenceMember("type", .text($0.kind)), EvidenceMember("date", .date($0.day))] }))
        if let mdra {
            let ratings = mdra.map {
                [EvidenceMember("partner", .text($0.partner)), EvidenceMember("rating", .text($0.rating))]
            }
            var group: EvidenceMembers = []
            add(&group, "ratings", .list(ratings))
            if !group.isEmpty { root.append(EvidenceMember("mdra", .object(group))) }
        }
        if let qualityStandards {
            var standards: EvidenceMembers = []
            for (s, value) in zip(WordLists.qualityStandards, qualityStandards) { add(&standards, s, .text(value)) }
            group(&root, "quality_standards", standards)
        }
        if let hostAuthorityConcerns { add(&root, "host_authority_concerns", .boolean(hostAuthorityConcerns)) }
        if let previous {
            var members: EvidenceMembers = []
            add(&members, "level", Int(previous.level).map { .count($0) } ?? .text(previous.level))
            add(&members, "since", .date(previous.since))
            group(&root, "previous", members)
        }
        return root
    }
}
