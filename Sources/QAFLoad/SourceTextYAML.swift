import Foundation
import QAFCore
import Yams

/// Reading YAML from a file's text, with every node's line and column and the offending line in each message.
extension SourceText {
    public func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    public func diagnostic(_ message: String, at node: Node) -> Diagnostic {
        diagnostic(message, at: location(of: node))
    }

    /// Parses YAML (or JSON) into a node tree that keeps every node's line and column.
    public func compose() throws(Diagnostics) -> Node? {
        let text = lines.joined(separator: "\n")
        if let beyond = YAMLLimits.check(text, file: file) {
            throw Diagnostics([diagnostic(beyond.message, at: beyond.location)])
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Diagnostics([diagnostic(for: error)])
        } catch {
            throw Diagnostics([diagnostic("cannot read YAML: \(error)", at: location(line: 1, column: 1))])
        }
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.contains("nesting level") {
                return diagnostic(
                    "lists and mappings nest too deep here; qaf reads at most \(YAMLLimits.depth) levels",
                    at: location(line: mark.line, column: mark.column))
            }
            let where_ = context.map { " \($0.text)" } ?? ""
            return diagnostic("invalid YAML: \(problem)\(where_)", at: location(line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let first = location(line: context.mark.line, column: context.mark.column)
            let repeatAt = secondOccurrence(of: duplicates.first ?? "", after: first) ?? first
            return diagnostic(
                "duplicate key \(names): each key may appear once in a mapping (first at line \(first.line))",
                at: repeatAt)
        case .reader(let problem, let offset, let value, _):
            let what = value >= 0 ? " (character U+\(String(value, radix: 16, uppercase: true)))" : ""
            return diagnostic("cannot read the file: \(problem)\(what)", at: location(ofByte: offset ?? 0))
        default:
            return diagnostic("invalid YAML: \(error)", at: location(line: 1, column: 1))
        }
    }

    /// libyaml reports a duplicate at its first use; the editor wants the repeat, at the same indentation.
    private func secondOccurrence(of key: String, after first: SourceLocation) -> SourceLocation? {
        for number in (first.line + 1)...max(first.line + 1, lines.count) {
            guard let text = line(number) else { break }
            let indent = text.prefix { $0 == " " }.count
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if indent + 1 < first.column, !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("-") {
                return nil
            }
            let body = text.dropFirst(first.column - 1)
            if indent == first.column - 1, body.hasPrefix(key + ":") || body.hasPrefix("\"\(key)\":") {
                return location(line: number, column: first.column)
            }
        }
        return nil
    }
}
