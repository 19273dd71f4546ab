import QAFCore
import QAFValidate

/// Hover: what a key, field, value, parameter, criterion, level or severity means, its type, its allowed values
/// and where it is declared.
struct Hover {
    let server: LanguageServer
    let document: TextDocument

    func hover(_ params: [String: Any]) -> [String: Any]? {
        guard let position = params["position"] as? [String: Any], let line = position["line"] as? Int,
            let character = position["character"] as? Int,
            let word = document.word(line: line, character: character)
        else { return nil }
        guard let text = describe(word.text, line: line, start: word.start, end: word.end) else { return nil }
        return ["contents": LSP.markdown(text), "range": LSP.range(line, word.start, line, word.end)]
    }

    private func describe(_ word: String, line: Int, start: Int, end: Int) -> String? {
        let before = document.textBefore(line: line, character: start)
        let after = document.textBefore(line: line, character: Int.max).unicodeScalars.dropFirst(
            document.scalarOffset(line: line, character: end))
        let isKey = after.first == ":" && before.allSatisfy { $0 == " " || $0 == "-" }
        let context = YAMLContext(lines: document.lines, line: line, before: before + word)
        let kind = document.kind
        let evidence = EvidenceWords(schema: server.evidenceSchema(for: document))
        let policy = server.policyNames(for: document)
        if isKey {
            if kind == .policy, let section = context.path.last, context.path.count == 1,
                ["parameters", "interventions", "routes", "domains"].contains(section)
            {
                return policy?.describe(word)
            }
            let walker = server.schemas.walker(for: kind)
            if kind == .evidence || context.path.contains("evidence"),
                let field = evidence.describe(evidencePath(context.path + [word]))
            {
                return field
            }
            return walker?.describe(at: context.path + [word])
        }
        let scope = ExpressionScope(before: before)
        if let text = evidence.describe(word, inList: scope.list) { return text }
        if let text = policy?.describe(word) { return text }
        if let text = evidence.describeValue(word) { return text }
        if let function = Completion.functions.first(where: { $0.0 == word }) {
            return "**\(word)** — function: \(function.1)"
        }
        return nil
    }

    /// An evidence key path as the vocabulary names it: the part after a suite's `evidence:` key.
    private func evidencePath(_ path: [String]) -> String {
        if let i = path.lastIndex(of: "evidence") { return path[(i + 1)...].joined(separator: ".") }
        return path.joined(separator: ".")
    }
}
