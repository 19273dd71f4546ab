import Foundation
import Testing

/// What each golden must contain, worked out by hand from the evidence and the policy's words and written here as
/// literal facts (with the policy section each rests on), then asserted on the JSON decision, never by reading the
/// golden. A golden re-recorded from wrong code would still fail these.
@Suite("The goldens' facts, worked out by hand", .serialized)
struct GoldenFactsTests {
    /// One JSON Lines decision of `qaf evaluate`.
    func decision(_ policy: String, _ evidence: String) throws -> [String: Any] {
        let run = try runQAF(["evaluate", "--policy", policy, evidence, "--format", "jsonl"])
        #expect(run.code == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// Beside `evaluate-salford-major` and `paper-case-html`: Examples/salford-major.yaml against Policies/salford.yaml.
    @Test func salfordMajor() throws {
        let d = try decision("Policies/salford.yaml", "Examples/salford-major.yaml")
        // Appendix 1 statements the evidence meets, in the policy's order. Major (Level 3): a serious breach
        // (Contractual compliance), CQC inadequate, a notice of proposal (CQC enforcement), PAMMS poor, plan with no
        // progress and improvements not sustained (Action plan), leadership, staffing and records findings, demand
        // concerns, 11 safeguarding concerns >= 2 x 4 expected with a theme, mostly negative feedback, and
        // 9 + 4 + 2 + 3 = 18 concerns >= 6 with 18 x 10 > 60 x 2 (Intelligence, Concerns). Moderate (Level 2):
        // compliance breached >= some_issues, a warning notice, returns late, engagement partial, regulatory
        // services' "some", 11 > 4 safeguarding, and 18 >= 3 concerns with 18 x 10 > 60. No Level 1 statement holds.
        #expect(
            d["fired"] as? [String] == [
                "contract_some_issues", "contract_breaches_serious_or_recurring", "cqc_inadequate",
                "cqc_notices_in_place", "cqc_registration_action", "pamms_poor", "returns_not_as_requested",
                "provider_partly_engaged", "improvement_no_progress", "improvements_not_sustained", "leadership_issues",
                "staffing_issues", "poor_processes_and_records", "demand_concerns", "regulatory_some_concerns",
                "safeguarding_above_expected", "safeguarding_well_above_expected", "feedback_mostly_negative",
                "concerns_a_number", "concerns_large_number",
            ])
        // Level 3: count(major) >= 1 (13 major statements).
        #expect(d["level"] as? Int == 3)
        #expect(d["status"] as? String == "complete")
        #expect(d["unassessed"] as? [String] == [])
        // 3.3.9 (a major concern), 3.3.10 (CQC inadequate, PAMMS poor), 3.3.11 (organisational safeguarding at
        // threshold review; a placement suspension; a default notice 3 months before as_of, inside 12), 3.3.12 (a
        // report of risk of harm). No change of manager, police incident, staffing, industrial action, business
        // risk or out-of-area placement.
        #expect(
            d["triggers"] as? [String] == [
                "board_major_or_many_unaddressed", "board_inadequate_rating",
                "board_decision_organisational_safeguarding",
                "board_decision_placement_suspension", "board_decision_contract_default",
                "safeguarding_adults_policy_risk_of_harm",
            ])
        // Appendix 1, Level 3, Intervention, then what the triggers bring (each as a set; a decision lists them in
        // the order the policy declares its interventions).
        let level3 = [
            "pamms_high_priority", "oversight_group_consider_actions", "provider_meeting", "service_visit",
            "action_plan", "additional_monitoring", "escalate_consider_default_notice",
            "escalate_consider_advisory_or_suspension", "escalate_consider_organisational_safeguarding",
            "immediate_concerns_escalated",
        ]
        let brought = [
            "board_decision_action", "board_discussion_next_steps", "board_decision_organisational_safeguarding",
            "board_decision_suspend_placements", "board_decision_default_penalty", "follow_safeguarding_adults_policy",
        ]
        let interventions = try #require(d["interventions"] as? [String])
        #expect(Set(interventions.prefix(level3.count)) == Set(level3))
        #expect(Set(interventions.dropFirst(level3.count)) == Set(brought))
        #expect(interventions.count == level3.count + brought.count)

        // The HTML paper of the same decision says the same in words.
        let html = try runQAF([
            "evaluate", "--policy", "Policies/salford.yaml", "Examples/salford-major.yaml", "--format", "html",
        ])
        #expect(html.code == 0)
        for words in [
            "Cadishead Court Nursing Home", "Level 3, High", "Major concerns",
            "Information indicates that an adult may be at risk of harm or abuse",
            "Decision required to enter the Serious Safeguarding Concerns Process for organisational safeguarding",
            "Overall CQC rating is Inadequate", "PAMMS is Poor",
        ] {
            #expect(html.stdout.contains(words), "\(words)")
        }
    }

    /// Beside `explain-salford-moderate`: Examples/salford-moderate.yaml against Policies/salford.yaml.
    @Test func salfordModerate() throws {
        // Moderate (Level 2): CQC requires improvement with only a requirement notice (CQC rating; CQC enforcement;
        // no Inadequate key question, so not aggravated), returns late (Monitoring information). Low (Level 1):
        // compliance good, PAMMS good, engaged, plan on track, demand well managed, no regulatory concerns,
        // 3 safeguarding concerns <= 4 expected and no theme, feedback positive, and 5 + 3 + 0 + 2 = 10 concerns with
        // 10 x 10 <= 120 places (as expected for the size).
        let fired = [
            "contract_good", "cqc_requires_improvement", "cqc_notices_in_place", "pamms_good_or_excellent",
            "returns_not_as_requested", "provider_engaged", "improvement_on_track", "demand_well_managed",
            "regulatory_no_concerns", "safeguarding_as_expected", "feedback_positive", "concerns_minor_or_expected",
        ]
        let d = try decision("Policies/salford.yaml", "Examples/salford-moderate.yaml")
        #expect(d["fired"] as? [String] == fired)
        // No major and 3 < 4 (many_moderate) moderate statements: not Level 3; count(moderate) >= 1 is Level 2.
        #expect(d["level"] as? Int == 2)
        #expect(d["status"] as? String == "complete")
        #expect(d["triggers"] as? [String] == [])
        #expect(
            d["interventions"] as? [String] == [
                "pamms_medium_priority", "oversight_group_consider_actions", "provider_meeting", "service_visit",
                "action_plan", "additional_monitoring",
            ])

        // The explanation marks exactly these criteria FIRED, every other one "not met".
        let explain = try runQAF(["explain", "--policy", "Policies/salford.yaml", "Examples/salford-moderate.yaml"])
        #expect(explain.code == 0)
        var marked: [String: String] = [:]
        for line in explain.stdout.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            guard let bracket = line.range(of: " ["), let colon = line.range(of: "]: ", options: .backwards) else {
                continue
            }
            marked[String(line[line.index(line.startIndex, offsetBy: 2)..<bracket.lowerBound])] = String(
                line[colon.upperBound...])
        }
        // Every criterion of the policy, read from its text: the `- id:` entries between `criteria:` and `levels:`.
        let policy = try String(contentsOfFile: path("Policies/salford.yaml"), encoding: .utf8)
        let criteriaPart = try #require(policy.range(of: "\ncriteria:\n")).upperBound
        let levelsPart = try #require(policy.range(of: "\nlevels:\n")).lowerBound
        let criterionIDs = policy[criteriaPart..<levelsPart].split(separator: "\n").filter { $0.hasPrefix("  - id: ") }
            .map { String($0.dropFirst(8)) }
        #expect(criterionIDs.count == 43)
        #expect(Set(marked.keys) == Set(criterionIDs))
        #expect(Set(marked.filter { $0.value == "FIRED" }.keys) == Set(fired))
        #expect(Set(marked.values) == ["FIRED", "not met"])
    }

    /// Beside `evaluate-missing-evidence-json` and `paper-case-markdown`: Examples/salford-missing-evidence.yaml.
    @Test func salfordMissingEvidence() throws {
        let d = try decision("Policies/salford.yaml", "Examples/salford-missing-evidence.yaml")
        // Known: compliance good, CQC requires improvement, returns submitted, engagement partial, plan on track,
        // demand with some barriers, no regulatory concerns, 1 safeguarding concern <= 2 expected, feedback positive.
        #expect(
            d["fired"] as? [String] == [
                "contract_good", "cqc_requires_improvement", "returns_submitted", "provider_partly_engaged",
                "improvement_on_track", "demand_barriers", "regulatory_no_concerns", "safeguarding_as_expected",
                "feedback_positive",
            ])
        // Absent: key questions (with RI overall and no enforcement, the aggravated RI turns on them), PAMMS (but
        // PAMMS RI aggravated is false whatever the rating: plan on track, improvements sustained), the five
        // quality-visit findings and the concern counts.
        #expect(
            d["unassessed"] as? [String] == [
                "cqc_requires_improvement_aggravated", "pamms_good_or_excellent", "pamms_requires_improvement",
                "pamms_poor", "leadership_issues", "staffing_issues", "safeguarding_processes_missing",
                "poor_processes_and_records", "lack_of_choice_and_control", "concerns_minor_or_expected",
                "concerns_a_number", "concerns_large_number",
            ])
        // Three moderate statements are proven (Level 2); any unassessed major one would make it Level 3.
        #expect(d["level"] as? Int == 2)
        #expect(d["could_reach"] as? Int == 3)
        #expect(d["status"] as? String == "incomplete")
        #expect(d["triggers"] as? [String] == [])
        // 3.3.9 waits on the unassessed major statements, 3.3.10 on the PAMMS rating; the default trigger cannot
        // fire (no notices; plan on track and engagement partial).
        #expect(d["possible_triggers"] as? [String] == ["board_major_or_many_unaddressed", "board_inadequate_rating"])
    }

    /// Beside `evaluate-all-policies`: Examples/salford-board-trigger.yaml against every bundled policy.
    @Test func boardTriggerAgainstEveryPolicy() throws {
        let run = try runQAF([
            "evaluate", "--policy", "Policies/", "Examples/salford-board-trigger.yaml", "--format", "jsonl",
        ])
        #expect(run.code == 0)
        let decisions = try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // One decision for each policy file, by the id each file declares.
        let policyIDs = try FileManager.default.contentsOfDirectory(atPath: path("Policies")).filter {
            $0.hasSuffix(".yaml")
        }.map { name in
            let text = try String(contentsOfFile: path("Policies/" + name), encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("id: ") })
            return String(line.dropFirst(4))
        }
        #expect(decisions.compactMap { $0["policy"] as? String }.sorted() == policyIDs.sorted())
        #expect(policyIDs.count == 4)

        let salford = try #require(decisions.first { $0["policy"] as? String == "salford" })
        // Every Level 1 statement of Appendix 1 holds (CQC and PAMMS good, compliance good, returns submitted,
        // engaged, no plan, demand well managed, no regulatory concerns, 2 <= 3 safeguarding concerns, feedback
        // positive, 1 + 1 + 1 + 0 = 3 concerns with 3 x 10 <= 32 places) and none above it: Level 1.
        #expect(
            salford["fired"] as? [String] == [
                "contract_good", "cqc_good_or_outstanding", "pamms_good_or_excellent", "returns_submitted",
                "provider_engaged", "improvement_on_track", "demand_well_managed", "regulatory_no_concerns",
                "safeguarding_as_expected", "feedback_positive", "concerns_minor_or_expected",
            ])
        #expect(salford["level"] as? Int == 1)
        // 3.3.10: a registered manager leaving and a police incident go to the Board whatever the level.
        #expect(salford["triggers"] as? [String] == ["board_manager_or_ownership_change", "board_police_incident"])
        #expect(
            salford["interventions"] as? [String] == [
                "pamms_low_priority", "no_further_action", "no_additional_monitoring", "minimum_contact_mid_term",
                "board_discussion_next_steps",
            ])
    }

    /// Beside `paper-market-markdown` and `paper-market-html`: every example against every policy.
    @Test func marketPackCountsEveryProviderAndDecision() throws {
        let examples = try FileManager.default.contentsOfDirectory(atPath: path("Examples")).filter {
            $0.hasSuffix(".yaml")
        }
        let providers = try Set(
            examples.map { file in
                let text = try String(contentsOfFile: path("Examples/" + file), encoding: .utf8)
                return try #require(text.split(separator: "\n").first { $0.hasPrefix("  id: ") })
            })
        let policies = try FileManager.default.contentsOfDirectory(atPath: path("Policies")).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(providers.count == 8 && policies.count == 4)
        let counts =
            "\(providers.count) provider(s), \(policies.count * examples.count) decision(s), evidence as of 2026-10-01;"
        for format in ["markdown", "html"] {
            let run = try runQAF(["evaluate", "--policy", "Policies/", "Examples/", "--format", format])
            #expect(run.code == 0)
            #expect(run.stdout.contains(counts), "\(format)")
        }
    }
}
