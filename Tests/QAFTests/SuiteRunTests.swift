import Foundation
import QAFCore
import QAFTesting
import QAFValidate
import Testing

@Suite("qaf test's run: suites with the policies they name")
struct SuiteRunTests {
    func suiteRun(_ chosen: [String] = [], filter: String? = nil) -> SuiteRun {
        SuiteRun(chosenPolicies: chosen, filter: filter)
    }

    @Test func aSuiteRunsAgainstThePolicyAboveIt() throws {
        let file = path("Policies/tests/salford.tests.yaml")
        let cases = try FixtureSuiteLoader.load(file: file).get().cases
        let outcome = try suiteRun().run([file]).get()
        #expect(outcome.problems.isEmpty)
        #expect(outcome.results.map(\.name) == cases.map(\.name.value))
        #expect(outcome.results.filter { !$0.passed }.isEmpty)
        #expect(outcome.updates.isEmpty && outcome.skipped == 0)
        #expect(outcome.suitePolicies[file]?.id == "salford")
        #expect(outcome.policyFiles["salford"] == path("Policies/salford.yaml"))
        #expect(outcome.coverage.suites.map(\.file) == [file])
    }

    @Test func theFilterChoosesCasesByPolicyAndName() throws {
        let file = path("Policies/tests/salford.tests.yaml")
        let cases = try FixtureSuiteLoader.load(file: file).get().cases.map(\.name.value)
        let outcome = try suiteRun(filter: "salford/cqc").run([file]).get()
        #expect(outcome.results.map(\.name) == cases.filter { $0.hasPrefix("cqc") })
        #expect(!outcome.results.isEmpty && outcome.results.count < cases.count)
    }

    @Test func suitesOfOtherPoliciesAreSkippedAndNoneLeftIsRefused() throws {
        let run = suiteRun([path("Policies/calderdale.yaml")])
        guard case .failure(let refusal) = run.run([path("Policies/tests/salford.tests.yaml")]) else {
            Issue.record("a run with only another policy's suite should be refused")
            return
        }
        #expect(refusal.message == "No fixture suite tests calderdale")
        let both = try run.run([
            path("Policies/tests/salford.tests.yaml"), path("Policies/tests/calderdale.tests.yaml"),
        ]).get()
        #expect(both.skipped == 1)
        #expect(Set(both.results.map { $0.decision.model.id }) == ["calderdale"])
    }

    @Test func aFolderWithoutPoliciesIsRefused() throws {
        let empty = try temporaryFolder()
        guard case .failure(let refusal) = suiteRun([empty]).run([path("Policies/tests/salford.tests.yaml")]) else {
            Issue.record("a run with no policies should be refused")
            return
        }
        #expect(refusal.message == "No policies found in \(empty)")
    }
}
