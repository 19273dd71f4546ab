import QAFCompile
import QAFCore

/// `qaf test --update` for one suite file: its text with the failing cases' expectations rewritten, then read back
/// and run again, so that a rewrite that would not load, or whose cases would still fail, is refused.
public enum SuiteUpdate {
    /// Why a suite cannot be updated; nothing is written.
    public struct Refusal: Error, Sendable {
        public var message: String
    }

    /// The suite's new text. `matches` is the run's case filter, so the cases run again are those run before.
    public static func rewrite(
        _ file: String, changes: [(Expectation, ActualOutcome)], policy: CompiledPolicy,
        matches: ((String) -> Bool)?
    ) -> Result<String, Refusal> {
        let text: String
        switch FileText.read(file) {
        case .success(let t): text = t
        case .failure(let problem): return .failure(Refusal(message: problem.rendered))
        }
        guard let updated = ExpectationUpdater.rewrite(text, updates: changes) else {
            return .failure(
                Refusal(
                    message:
                        "qaf: cannot update \(file): an expect: block could not be found exactly; nothing was written"))
        }
        switch FixtureSuiteLoader.load(file: file, text: updated) {
        case .failure(let problems):
            return .failure(
                Refusal(
                    message: "qaf: cannot update \(file): the rewritten suite would not load, so nothing was written:\n"
                        + problems.description))
        case .success(let suite):
            let stillFailing = FixtureRunner(policy: policy).run(suite, filter: matches).filter { !$0.passed }
            if let failing = stillFailing.first {
                return .failure(
                    Refusal(
                        message:
                            "qaf: cannot update \(file): case '\(failing.name)' would still fail after the rewrite, so nothing was written"
                    ))
            }
        }
        return .success(updated)
    }
}
