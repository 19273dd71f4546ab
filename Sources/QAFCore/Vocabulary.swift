/// The standard evidence vocabulary of `shared/design/EVIDENCE.md`, with qaf's additions marked.
extension EnumType {
    public static let serviceType = EnumType(
        "service_type",
        unordered: [
            "care_home_nursing", "care_home_residential", "domiciliary_care", "supported_living", "extra_care",
            "day_opportunities", "outreach", "sitting_service", "supported_accommodation",
        ])
    public static let cqcRating = EnumType(
        "cqc_rating", ordered: ["outstanding", "good", "requires_improvement", "inadequate"], unordered: ["not_rated"])
    public static let cqcEnforcement = EnumType(
        "cqc_enforcement",
        unordered: [
            "requirement_notice", "warning_notice", "conditions_imposed", "notice_of_proposal", "notice_of_decision",
            "urgent_suspension", "special_measures", "cancellation",
        ])
    public static let pammsRating = EnumType(
        "pamms_rating", ordered: ["excellent", "good", "requires_improvement", "poor"])
    public static let contractCompliance = EnumType(
        "contract_compliance", ordered: ["good", "some_issues", "breached"])
    public static let restrictionKind = EnumType(
        "restriction_kind",
        unordered: ["advisory_notice", "voluntary_pause", "phased_admissions", "placement_suspension"])
    public static let returns = EnumType("returns", ordered: ["submitted", "late", "not_submitted"])
    public static let selfAssessment = EnumType(
        "self_assessment", unordered: ["no_concerns", "raises_concerns", "not_submitted"])
    public static let engagement = EnumType("engagement", ordered: ["engaged", "partial", "not_engaged"])
    public static let improvementPlan = EnumType(
        "improvement_plan", ordered: ["on_track", "behind", "no_progress"], unordered: ["none"])
    public static let organisationalSafeguarding = EnumType(
        "organisational_safeguarding", ordered: ["none", "threshold_review", "large_scale_enquiry"])
    public static let feedback = EnumType(
        "feedback", ordered: ["positive", "mixed", "often_negative", "mostly_negative"])
    public static let regulatoryConcerns = EnumType("regulatory_concerns", ordered: ["none", "some", "multiple"])
    public static let demand = EnumType("demand", ordered: ["well_managed", "some_barriers", "concerns"])
    public static let eventType = EnumType(
        "event_type",
        unordered: [
            "registered_manager_left", "change_of_ownership", "police_incident", "sponsorship_licence",
            "poor_staff_terms", "industrial_action", "business_failure_risk", "risk_of_harm", "serious_incident",
        ])
    public static let rag = EnumType("rag", ordered: ["green", "amber", "red"])
    public static let standardMet = EnumType("standard_met", ordered: ["met", "partly_met", "not_met"])
}

extension EvidenceSchema {
    private static func field(_ name: String, _ kind: FieldKind, _ doc: String, required: Bool = false) -> SchemaMember
    {
        SchemaMember(name, .field(kind), doc, required: required)
    }

    private static func object(_ name: String, _ doc: String, required: Bool = false, _ members: [SchemaMember])
        -> SchemaMember
    {
        SchemaMember(name, .object(members), doc, required: required)
    }

    public static let standard = EvidenceSchema(root: [
        field("evidence", .constant(1), "Format version of the evidence file; always 1.", required: true),
        field("as_of", .date, "The day the evidence describes; every duration is measured from it.", required: true),
        object(
            "provider", "The provider or service the evidence is about.", required: true,
            [
                field("id", .text, "CQC location id or a local reference.", required: true),
                field("name", .text, "The service's name."),
                field("service_type", .enumeration(.serviceType), "The kind of service."),
                field("size", .count, "Registered beds; people supported for non-residential services."),
                field("jointly_commissioned", .boolean, "Commissioned jointly with the ICB / CCG."),
                field("out_of_area", .boolean, "Placed outside the commissioning authority's area."),
                field("placements", .count, "People the authority has placed with this provider."),
            ]),
        object(
            "cqc", "The Care Quality Commission's rating and enforcement.",
            [
                field("overall", .enumeration(.cqcRating), "Overall CQC rating."),
                object(
                    "key_questions", "CQC key question ratings.",
                    [
                        field("safe", .enumeration(.cqcRating), "Safe."),
                        field("effective", .enumeration(.cqcRating), "Effective."),
                        field("caring", .enumeration(.cqcRating), "Caring."),
                        field("responsive", .enumeration(.cqcRating), "Responsive."),
                        field("well_led", .enumeration(.cqcRating), "Well-led."),
                    ]),
                field("report_date", .date, "Date of the CQC report."),
                field(
                    "enforcement",
                    .list([
                        field("type", .enumeration(.cqcEnforcement), "The kind of CQC action."),
                        field("issued", .date, "When it was issued."),
                    ]), "CQC actions in force on as_of."),
            ]),
        object(
            "pamms", "The Provider Assessment and Market Management Solution assessment.",
            [
                field("rating", .enumeration(.pammsRating), "Overall PAMMS rating."),
                field("assessed", .date, "Date of the PAMMS assessment."),
            ]),
        object(
            "contract", "Compliance with the authority's contract.",
            [
                field("compliance", .enumeration(.contractCompliance), "Contract compliance."),
                field(
                    "breaches",
                    .list([
                        field("date", .date, "When the breach was recorded."),
                        field("serious", .boolean, "The breach was serious."),
                    ]), "Breaches recorded against the contract."),
                field(
                    "default_notices", .list([field("issued", .date, "When the notice was served.")]),
                    "Contract default notices served."),
                field(
                    "restrictions",
                    .list([
                        field("kind", .enumeration(.restrictionKind), "The kind of restriction."),
                        field("since", .date, "When it came into force."),
                    ]), "Restrictions in force on as_of."),
            ]),
        object(
            "monitoring", "Monitoring returns and self-assessment.",
            [
                field("returns", .enumeration(.returns), "Monitoring and performance returns."),
                field("self_assessment", .enumeration(.selfAssessment), "The provider's self-assessment."),
            ]),
        field(
            "engagement", .enumeration(.engagement), "Engagement with the authority (forums, meetings, relationship)."),
        object(
            "improvement", "The provider's improvement or action plan.",
            [
                field(
                    "plan", .enumeration(.improvementPlan), "Progress against the plan; none means no plan is needed."),
                field("not_sustained", .boolean, "Improvements made before have not been sustained."),
            ]),
        object(
            "safeguarding", "Safeguarding concerns.",
            [
                field("concerns", .count, "Safeguarding concerns raised in the last 12 months."),
                field("expected", .number, "What the authority expects for a service of this size and type."),
                field("theme", .boolean, "A theme or trend is emerging."),
                field(
                    "organisational", .enumeration(.organisationalSafeguarding),
                    "Organisational safeguarding process reached."),
            ]),
        object(
            "quality_concerns", "Quality concerns raised about the service.",
            [
                field("count", .count, "Quality concerns in the last 12 months."),
                field("widespread", .boolean, "The concerns are widespread."),
                field("serious", .boolean, "The concerns are serious."),
                field("theme", .boolean, "A theme is emerging."),
            ]),
        field("complaints", .count, "Complaints in the last 12 months."),
        field("whistleblowing", .count, "Whistleblowing reports in the last 12 months."),
        field(
            "professional_concerns", .count,
            "Concerns raised by GPs, district nurses or other professionals in the last 12 months (qaf addition)."),
        field("feedback", .enumeration(.feedback), "Feedback from people using the service and their families."),
        field(
            "regulatory_concerns", .enumeration(.regulatoryConcerns),
            "Concerns from environmental health, fire or food safety."),
        field("demand", .enumeration(.demand), "How referrals and demand are managed."),
        object(
            "findings", "Quality visit findings; true where found.",
            [
                field("leadership", .boolean, "Leadership issues."),
                field("staffing", .boolean, "Recruitment, training, supervision or rota issues."),
                field(
                    "processes_missing", .boolean, "Safeguarding, whistleblowing or complaints processes not in place."),
                field("poor_records", .boolean, "Poor processes or records."),
                field(
                    "restrictive_practice", .boolean,
                    "People lack choice and control; blanket decisions; restricted contact or funds."),
            ]),
        field(
            "events",
            .list([
                field("type", .enumeration(.eventType), "What happened."),
                field("date", .date, "When it happened."),
            ]), "Events since the last review."),
        object(
            "mdra", "Calderdale's Multi-Disciplinary Risk Assessment.",
            [
                field(
                    "ratings",
                    .list([
                        field("partner", .text, "The partner giving the rating."),
                        field("rating", .enumeration(.rag), "The partner's rating."),
                    ]), "Partner ratings.")
            ]),
        object(
            "quality_standards", "Calderdale's six quality standards.",
            [
                field(
                    "person_centred_planning", .enumeration(.standardMet),
                    "Person-centred planning, assessment and review."),
                field("lived_experience", .enumeration(.standardMet), "Lived experience."),
                field("employee_knowledge", .enumeration(.standardMet), "Employee understanding and knowledge."),
                field(
                    "recruitment_and_development", .enumeration(.standardMet),
                    "Recruitment, induction, learning and development."),
                field(
                    "environment_and_safety", .enumeration(.standardMet), "Environment, equipment, health and safety."),
                field("governance", .enumeration(.standardMet), "Governance, oversight and quality assurance."),
            ]),
        field(
            "host_authority_concerns", .boolean, "Out of area: the host authority reports significant concerns."),
        object(
            "previous",
            "The level this policy last gave, for escalation and de-escalation; or, beside it, one entry per policy id (previous: {salford: {level: 2, since: 2026-04-01}}).",
            [
                field("level", .levelID, "A level id of the same policy."),
                field("since", .date, "Since when."),
            ]),
    ])
}
