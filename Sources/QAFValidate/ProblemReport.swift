import Foundation
import QAFCore
import QAFReport

/// One thing a CI run reports: a diagnostic and the rule it broke.
public struct Problem: Sendable {
    public enum Rule: String, Sendable, CaseIterable {
        case invalidInput = "invalid-input"
        case fixtureFailed = "fixture-failed"
        case coverageBelowMinimum = "coverage-below-minimum"

        var summary: String {
            switch self {
            case .invalidInput: return "A policy, evidence or fixture file is invalid."
            case .fixtureFailed: return "A fixture case's expected decision differs from what the policy decides."
            case .coverageBelowMinimum: return "A policy's fixture coverage is below --coverage-min."
            }
        }
    }

    public var diagnostic: Diagnostic
    public var rule: Rule

    public init(_ diagnostic: Diagnostic, rule: Rule = .invalidInput) {
        self.diagnostic = diagnostic
        self.rule = rule
    }
}

/// How `qaf validate` and `qaf test` print problems: for people, for programs, for code scanning, for GitHub.
public enum ErrorFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github

    /// Problems as a whole document (json, sarif) or as lines (text, github).
    public func render(_ problems: [Problem]) -> String {
        switch self {
        case .text: return problems.map { $0.diagnostic.rendered + "\n" }.joined()
        case .json: return ProblemReport.json(problems)
        case .sarif: return ProblemReport.sarif(problems)
        case .github: return problems.map { ProblemReport.githubCommand($0) + "\n" }.joined()
        }
    }
}

public enum ProblemReport {
    public static func json(_ problems: [Problem]) -> String {
        var w = JSONWriter(pretty: true)
        w.object { w in
            w.string("tool", "qaf")
            w.string("version", QAFVersion.current)
            w.array("problems") { w in
                for p in problems {
                    w.object { w in
                        w.string("file", p.diagnostic.location.file)
                        w.number("line", p.diagnostic.location.line)
                        w.number("column", p.diagnostic.location.column)
                        w.string("severity", p.diagnostic.severity.rawValue)
                        w.string("rule", p.rule.rawValue)
                        w.string("message", p.diagnostic.message)
                    }
                }
            }
        }
        return w.output + "\n"
    }

    /// A SARIF 2.1.0 log with one run. Columns are counted in Unicode code points, as qaf counts them.
    public static func sarif(_ problems: [Problem]) -> String {
        let rules = Problem.Rule.allCases
        var w = JSONWriter(pretty: true)
        w.object { w in
            w.string("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
            w.string("version", "2.1.0")
            w.array("runs") { w in
                w.object { w in
                    w.object("tool") { w in
                        w.object("driver") { w in
                            w.string("name", "qaf")
                            w.string("version", QAFVersion.current)
                            w.array("rules") { w in
                                for rule in rules {
                                    w.object { w in
                                        w.string("id", rule.rawValue)
                                        w.object("shortDescription") { w in w.string("text", rule.summary) }
                                    }
                                }
                            }
                        }
                    }
                    w.string("columnKind", "unicodeCodePoints")
                    w.array("results") { w in
                        for p in problems {
                            w.object { w in
                                w.string("ruleId", p.rule.rawValue)
                                w.number("ruleIndex", rules.firstIndex(of: p.rule) ?? 0)
                                w.string("level", p.diagnostic.severity == .error ? "error" : "warning")
                                w.object("message") { w in w.string("text", p.diagnostic.message) }
                                w.array("locations") { w in
                                    w.object { w in
                                        w.object("physicalLocation") { w in
                                            w.object("artifactLocation") { w in
                                                w.string("uri", uri(p.diagnostic.location.file))
                                            }
                                            w.object("region") { w in
                                                w.number("startLine", max(1, p.diagnostic.location.line))
                                                w.number("startColumn", max(1, p.diagnostic.location.column))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return w.output + "\n"
    }

    /// A relative or absolute path as a URI reference: every byte outside the unreserved set and '/' escaped.
    static func uri(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `::error file=…,line=…,col=…,title=…::message`, a GitHub Actions workflow command that annotates the line.
    public static func githubCommand(_ p: Problem) -> String {
        let d = p.diagnostic
        let command = d.severity == .error ? "error" : "warning"
        let properties = [
            "file=\(property(d.location.file))", "line=\(d.location.line)", "col=\(d.location.column)",
            "title=\(property("qaf " + p.rule.rawValue))",
        ]
        return "::\(command) \(properties.joined(separator: ","))::\(data(d.message))"
    }

    /// GitHub's escaping of a command's message: % and line breaks.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's escaping of a property value: as for the message, and also ':' and ','.
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
