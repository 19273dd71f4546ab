/// Words that combine into plausible, made-up service names, and the shape of each kind of service.
enum WordLists {
    /// First halves of a name: "Oak" + "field" → "Oakfield", or "Willow" + " " + "Bank".
    static let stems = [
        "Oak", "Ash", "Beech", "Birch", "Willow", "Elm", "Cedar", "Hazel", "Holly", "Rowan", "Heather", "Meadow",
        "Rose", "Lavender", "Primrose", "Bramble", "Kingfisher", "Swallow", "Lark", "Fern", "Brook", "River",
        "Mill", "Church", "Castle", "Abbey", "Hebble", "Lansdown", "Wye", "Irwell", "Calder", "Mersey", "Silver",
        "Green", "Fair", "Sunny", "Spring", "Golden", "Old", "High",
    ]
    static let joinedEndings = [
        "field", "side", "bank", "view", "lea", "croft", "dale", "mount", "wood", "gate", "hurst", "lands",
        "brook", "ridge", "leigh", "haven", "mere", "stone",
    ]
    static let separateEndings = [
        "Bank", "View", "House", "Lodge", "Court", "Grange", "Hall", "Park", "Gardens", "Rise", "Manor", "Cottage",
        "Mews", "Place", "Meadows",
    ]
    static let places = [
        "Eccles", "Swinton", "Worsley", "Walkden", "Irlam", "Pendleton", "Cadishead", "Little Hulton", "Halifax",
        "Brighouse", "Todmorden", "Hebden Bridge", "Elland", "Sowerby Bridge", "Hereford", "Leominster", "Ross-on-Wye",
        "Ledbury", "Kington", "Bath", "Keynsham", "Midsomer Norton", "Radstock", "Paulton", "Saltford",
    ]
    static let saints = ["St Anne's", "St Mary's", "St John's", "St Luke's", "St Margaret's", "St Joseph's"]

    /// What follows the name for each kind of service.
    static func suffixes(_ serviceType: String) -> [String] {
        switch serviceType {
        case "care_home_nursing": return ["Nursing Home", "Care Centre", "Nursing and Residential Home", "Care Home"]
        case "care_home_residential": return ["Care Home", "Residential Home", "Rest Home", "House", "Lodge"]
        case "domiciliary_care": return ["Home Care", "Care at Home", "Homecare Services", "Community Care"]
        case "supported_living": return ["Supported Living", "Supported Living Services", "Independent Living"]
        case "extra_care": return ["Extra Care", "Extra Care Housing", "Court"]
        case "day_opportunities": return ["Day Centre", "Day Opportunities", "Day Services", "Resource Centre"]
        case "outreach": return ["Outreach", "Community Outreach", "Floating Support"]
        case "sitting_service": return ["Sitting Service", "Carers Sitting Service", "Respite at Home"]
        default: return ["Supported Accommodation", "House", "Housing Support"]
        }
    }

    /// Kinds of service with how common they are among commissioned providers.
    static let serviceTypes: [(String, Int)] = [
        ("care_home_residential", 24), ("care_home_nursing", 17), ("domiciliary_care", 26), ("supported_living", 14),
        ("extra_care", 5), ("day_opportunities", 6), ("outreach", 3), ("sitting_service", 2),
        ("supported_accommodation", 3),
    ]

    /// Registered beds, or people supported for non-residential services.
    static func sizes(_ serviceType: String) -> ClosedRange<Int> {
        switch serviceType {
        case "care_home_nursing": return 20...120
        case "care_home_residential": return 8...80
        case "domiciliary_care": return 15...400
        case "supported_living": return 3...60
        case "extra_care": return 20...110
        case "day_opportunities": return 10...80
        case "outreach": return 5...60
        case "sitting_service": return 5...40
        default: return 4...30
        }
    }

    /// Services CQC does not register (Salford's "non-CQC adult regulated services"): they have no CQC evidence.
    static func cqcRegistered(_ serviceType: String) -> Bool {
        switch serviceType {
        case "day_opportunities", "outreach", "sitting_service", "supported_accommodation": return false
        default: return true
        }
    }

    /// A made-up service name, e.g. "Oakfield Nursing Home", "Willow Bank Home Care", "St Anne's House, Eccles".
    static func name(_ serviceType: String, _ random: inout CorpusRandom) -> String {
        let stem = random.pick(stems)
        var name: String
        switch random.below(10) {
        case 0..<5: name = stem + random.pick(joinedEndings)
        case 5..<9: name = stem + " " + random.pick(separateEndings)
        default: name = random.pick(saints)
        }
        name += " " + random.pick(suffixes(serviceType))
        if random.chance(12) { name += ", " + random.pick(places) }
        return name
    }

    static let mdraPartners = ["la_quality", "icb_quality", "chc", "safeguarding"]
    static let qualityStandards = [
        "person_centred_planning", "lived_experience", "employee_knowledge", "recruitment_and_development",
        "environment_and_safety", "governance",
    ]
    static let keyQuestions = ["safe", "effective", "caring", "responsive", "well_led"]
    static let findings = ["leadership", "staffing", "processes_missing", "poor_records", "restrictive_practice"]
}
