/// Fixture results as JUnit XML, which CI systems read: one testsuite a policy, one testcase a fixture case.
public enum JUnitReport {
    public static func render(_ results: [CaseResult]) -> String {
        var suites: [(String, [CaseResult])] = []
        for r in results {
            let policy = r.decision.checked.id
            if let i = suites.firstIndex(where: { $0.0 == policy }) {
                suites[i].1.append(r)
            } else {
                suites.append((policy, [r]))
            }
        }
        let failures = results.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"qaf\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for (policy, cases) in suites {
            let failed = cases.filter { !$0.passed }.count
            out +=
                "  <testsuite name=\"\(escape(policy))\" tests=\"\(cases.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\" file=\"\(escape(cases[0].suite))\">\n"
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
