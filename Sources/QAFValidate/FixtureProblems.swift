import QAFCore
import QAFTesting

extension Problem {
    /// Failing fixture cases and policies covered below `--coverage-min`, as problems for the machine formats;
    /// `policyFiles` gives the file of each policy by id, where a coverage problem is placed.
    public static func fixtureFailures(
        _ results: [CaseResult], coverage: [JUnitReport.CoverageFailure], policyFiles: [String: String]
    ) -> [Problem] {
        let failed = results.filter { !$0.passed }.map { r in
            Problem(
                Diagnostic(
                    "fixture case \(r.decision.model.id)/\(r.name) failed: \(r.mismatches.joined(separator: "; "))",
                    at: r.location),
                rule: .fixtureFailed)
        }
        let low = coverage.map { c in
            Problem(
                Diagnostic(
                    c.message,
                    at: SourceLocation(
                        file: policyFiles[c.policy] ?? c.policy, line: 1, column: 1)),
                rule: .coverageBelowMinimum)
        }
        return failed + low
    }
}
