/// A way of showing the results of fixture cases: the words a policy owner reads (`TestTextReport`), JUnit XML for
/// CI (`JUnitReport`), and what the fixtures leave unexercised (`CoverageReport`).
public protocol TestReporter {
    func render(_ results: [CaseResult]) -> String
}
