/// The words a policy owner reads after `qaf test`: each failing case (each case when verbose) with how it differs,
/// then a count.
public struct TestTextReport: TestReporter {
    public var verbose: Bool
    /// Only the failures: no passing cases, no count.
    public var quiet: Bool

    public init(verbose: Bool, quiet: Bool = false) {
        self.verbose = verbose
        self.quiet = quiet
    }

    public func render(_ results: [CaseResult]) -> String {
        var out = ""
        for r in results where verbose || !r.passed {
            let where_ = "\(r.location.file):\(r.location.line)"
            out +=
                r.passed
                ? "PASS \(r.decision.model.id)/\(r.name)\n" : "FAIL \(r.decision.model.id)/\(r.name) (\(where_))\n"
            for m in r.mismatches { out += "     \(m)\n" }
        }
        let passed = results.filter(\.passed).count
        if !quiet { out += "\(passed) passed, \(results.count - passed) failed\n" }
        return out
    }
}
