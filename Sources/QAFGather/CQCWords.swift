/// How CQC's words become the evidence vocabulary's. Every table here is printed in `Docs/gathering-evidence.md`.
public enum CQCWords {
    /// What a rating word of the API means as evidence.
    public enum Rating: Equatable, Sendable {
        /// A value of `cqc_rating`.
        case value(String)
        /// No fact: the field stays absent (unknown). The text says why, for notes.
        case unknown(String)
    }

    /// Rating words, compared without regard to case or surrounding spaces.
    ///
    /// "Inspected but not rated", "Not Rated" and "Insufficient evidence to rate" are CQC's published outcome that it
    /// gives no rating: that is what `not_rated` states, and it never compares as better or worse. "No published
    /// rating" says only that nothing has been published (never inspected, a report pending, or deregistered): it
    /// is no fact about the service, so the field stays absent and a policy asks for it.
    public static let ratings: [(word: String, meaning: Rating)] = [
        ("Outstanding", .value("outstanding")),
        ("Good", .value("good")),
        ("Requires improvement", .value("requires_improvement")),
        ("Inadequate", .value("inadequate")),
        ("Inspected but not rated", .value("not_rated")),
        ("Not Rated", .value("not_rated")),
        ("Insufficient evidence to rate", .value("not_rated")),
        ("No published rating", .unknown("no rating has been published")),
        ("No action", .unknown("'No action' is not a rating of adult social care")),
    ]

    public static func rating(_ word: String) -> Rating {
        let key = normalised(word)
        if key.isEmpty { return .unknown("the rating is empty") }
        for (known, meaning) in ratings where normalised(known) == key { return meaning }
        return .unknown("'\(word)' is not a rating word qaf knows")
    }

    /// Key questions by the names CQC gives them (matched without regard to case, spaces or hyphens).
    public static let keyQuestions: [(name: String, field: String)] = [
        ("Safe", "safe"), ("Effective", "effective"), ("Caring", "caring"), ("Responsive", "responsive"),
        ("Well-led", "well_led"),
    ]

    public static func keyQuestion(_ name: String) -> String? {
        let key = normalised(name).filter { $0 != "-" && $0 != " " }
        return keyQuestions.first { normalised($0.name).filter { $0 != "-" && $0 != " " } == key }?.field
    }

    /// `gacServiceTypes[].name` (or its `description`) → `provider.service_type`; types not listed have no value in
    /// the vocabulary and give none.
    public static let serviceTypes: [(name: String, description: String, serviceType: String?)] = [
        ("Nursing homes", "Care home service with nursing", "care_home_nursing"),
        ("Residential homes", "Care home service without nursing", "care_home_residential"),
        ("Homecare agencies", "Domiciliary care service", "domiciliary_care"),
        ("Supported living", "Supported living service", "supported_living"),
        ("Extra Care housing services", "Extra Care housing services", "extra_care"),
        ("Shared Lives", "Shared Lives", nil),
        ("Specialist college services", "Specialist college service", nil),
        ("Rehabilitation services", "Rehabilitation services", nil),
        (
            "Residential substance misuse treatment and rehabilitation services",
            "Residential substance misuse treatment and rehabilitation service", nil
        ),
        ("Hospice services", "Hospice services", nil),
        (
            "Community based services for people with a learning disability",
            "Community based services for people with a learning disability", nil
        ),
        (
            "Community based services for people with mental health needs",
            "Community based services for people with mental health needs", nil
        ),
        (
            "Community based services for people who misuse substances",
            "Community based services for people who misuse substances", nil
        ),
    ]

    /// The vocabulary's value for one CQC service type: `.some(nil)` for a type it has no value for, nil for a type
    /// qaf does not know.
    public static func serviceType(name: String?, description: String?) -> String?? {
        for entry in serviceTypes {
            if let name, normalised(name) == normalised(entry.name) { return .some(entry.serviceType) }
            if let description, normalised(description) == normalised(entry.description) {
                return .some(entry.serviceType)
            }
        }
        return nil
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
