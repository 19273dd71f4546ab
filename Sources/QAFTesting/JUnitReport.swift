import QAFCore

/// Fixture results as JUnit XML, which CI systems read: one testsuite a policy, one testcase a fixture case.
/// Files that failed to load are a testsuite each with one erroring testcase; a policy whose coverage is below the
/// minimum gains a failing `coverage` testcase.
public enum JUnitReport {
    /// A policy's coverage below `--coverage-min`, reported as a failing testcase of its suite.
    public struct CoverageFailure: Sendable {
        public var policy: String
        public var message: String
        public init(policy: String, message: String) {
            self.policy = policy
            self.message = message
        }
    }

    public static func render(
        _ results: [CaseResult], loadErrors: [Diagnostic] = [], coverageFailures: [CoverageFailure] = []
    ) -> String {
        var suites: [(String, [CaseResult])] = []
        for r in results {
            let policy = r.decision.model.id
            if let i = suites.firstIndex(where: { $0.0 == policy }) {
                suites[i].1.append(r)
            } else {
                suites.append((policy, [r]))
            }
        }
        var erroredFiles: [(String, [Diagnostic])] = []
        for d in loadErrors where d.severity == .error {
            if let i = erroredFiles.firstIndex(where: { $0.0 == d.location.file }) {
                erroredFiles[i].1.append(d)
            } else {
                erroredFiles.append((d.location.file, [d]))
            }
        }
        let failures = results.filter { !$0.passed }.count + coverageFailures.count
        let tests = results.count + coverageFailures.count + erroredFiles.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"qaf\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(erroredFiles.count)\">\n"
        for (file, problems) in erroredFiles {
            out +=
                "  <testsuite name=\"\(escape(file))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" file=\"\(escape(file))\">\n"
            out +=
                "    <testcase name=\"load\" classname=\"\(escape(file))\" file=\"\(escape(file))\" line=\"\(problems[0].location.line)\">\n"
            out += "      <error message=\"\(escape(problems[0].description))\" type=\"invalid-input\">"
            out += escape(problems.map(\.description).joined(separator: "\n"))
            out += "</error>\n    </testcase>\n  </testsuite>\n"
        }
        for (policy, cases) in suites {
            let coverage = coverageFailures.filter { $0.policy == policy }
            let failed = cases.filter { !$0.passed }.count + coverage.count
            out +=
                "  <testsuite name=\"\(escape(policy))\" tests=\"\(cases.count + coverage.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\" file=\"\(escape(cases[0].suite))\">\n"
            for c in cases {
                out +=
                    "    <testcase name=\"\(escape(c.name))\" classname=\"\(escape(policy))\" file=\"\(escape(c.location.file))\" line=\"\(c.location.line)\""
                if c.passed {
                    out += "/>\n"
                } else {
                    out += ">\n      <failure message=\"\(escape(c.mismatches[0]))\" type=\"mismatch\">"
                    out += escape(c.mismatches.joined(separator: "\n"))
                    out += "</failure>\n    </testcase>\n"
                }
            }
            for c in coverage {
                out += "    <testcase name=\"coverage\" classname=\"\(escape(policy))\">\n"
                out +=
                    "      <failure message=\"\(escape(c.message))\" type=\"coverage\">\(escape(c.message))</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if c.value < 0x20, c != "\n", c != "\t", c != "\r" { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
