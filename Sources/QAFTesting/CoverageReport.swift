import Foundation
import QAFCompile

/// What each suite's cases leave unexercised in its policy (`qaf test --coverage`), and the policies whose coverage
/// is below a minimum.
public struct CoverageReport: TestReporter {
    /// Each suite run, by file, with the policy it tests.
    public var suites: [(file: String, policy: CompiledPolicy)]

    public init(suites: [(file: String, policy: CompiledPolicy)]) { self.suites = suites }

    /// A coverage a suite, from the results of its cases.
    public func coverages(of results: [CaseResult]) -> [Coverage] {
        suites.map { suite in Coverage(policy: suite.policy, results: results.filter { $0.suite == suite.file }) }
    }

    public func render(_ results: [CaseResult]) -> String { coverages(of: results).map(\.text).joined() }

    /// The policies covered less than `minimum` percent, as failures for `--coverage-min`.
    public func failures(_ results: [CaseResult], below minimum: Double) -> [JUnitReport.CoverageFailure] {
        coverages(of: results).filter { $0.percent < minimum }.map { low in
            JUnitReport.CoverageFailure(
                policy: low.policy,
                message:
                    "coverage of \(low.policy) is \(String(format: "%.1f", low.percent))%, below --coverage-min \(minimum)"
            )
        }
    }
}

extension Coverage {
    /// The coverage report a policy owner reads.
    public var text: String {
        var out =
            "\(policy): \(String(format: "%.1f", percent))% covered (\(items.count - uncovered.count) of \(items.count))\n"
        for item in uncovered {
            out += "  not exercised: \(item.kind) \(item.id)\(item.missing.map { " — no fixture tests \($0)" } ?? "")\n"
        }
        return out
    }
}
