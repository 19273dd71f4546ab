import Foundation
import QAFCore
import QAFLoad
import Yams

/// Reads CQC API location responses as the API gives them: one location object a file, a JSON array of them, or
/// JSON Lines of them (`.jsonl`, `.ndjson`), or CQC's "Latest ratings" file saved as CSV (`.csv`); a folder gives
/// its `.json`, `.jsonl`, `.ndjson` and `.csv` files by name.
/// A file whose JSON is malformed is reported at its line; in JSON Lines only that line is lost.
public enum CQCResponses {
    public static func read(_ paths: [String]) -> [LocationOutcome] {
        FileText.expand(paths, extensions: ["json", "jsonl", "ndjson", "csv"]).flatMap(readFile)
    }

    static func readFile(_ file: String) -> [LocationOutcome] {
        let text: String
        switch FileText.read(file) {
        case .success(let t): text = t
        case .failure(let d): return [.malformed(d)]
        }
        if (file as NSString).pathExtension.lowercased() == "csv" { return CQCRatingsCSV.read(file: file, text: text) }
        let lines = ["jsonl", "ndjson"].contains((file as NSString).pathExtension.lowercased())
        if !lines, let first = text.firstIndex(where: { !$0.isWhitespace }), text[first] == "{",
            let object = foundation(Data(text.utf8))
        {
            let line = text[..<first].filter { $0 == "\n" }.count + 1
            return [CQCLocationReader.read(object, at: SourceLocation(file: file, line: line, column: 1))]
        }
        if !lines {
            do {
                guard let root = try SourceText(file: file, text: text).compose() else {
                    return [.malformed(Diagnostic("the file is empty: it holds no CQC location", at: start(file)))]
                }
                if case .sequence(let items) = root {
                    return items.map { CQCLocationReader.read($0, file: file, lineOffset: 0) }
                }
                return [CQCLocationReader.read(root, file: file, lineOffset: 0)]
            } catch {
                // JSON Lines saved as .json: read it a line at a time, so one bad line costs only itself.
                guard looksLikeLines(text) else { return error.items.map { .malformed(asJSON($0)) } }
            }
        }
        return readLines(file: file, text: text)
    }

    private static func readLines(file: String, text: String) -> [LocationOutcome] {
        var outcomes: [LocationOutcome] = []
        for (index, bytes) in text.utf8.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            guard bytes.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { continue }
            let line = Substring(bytes)
            if let object = foundation(Data(bytes)) {
                outcomes.append(
                    CQCLocationReader.read(object, at: SourceLocation(file: file, line: index + 1, column: 1)))
                continue
            }
            do {
                guard let node = try SourceText(file: file, text: String(line)).compose() else { continue }
                outcomes.append(CQCLocationReader.read(node, file: file, lineOffset: index))
            } catch {
                for var d in error.items {
                    d.location.line += index
                    outcomes.append(.malformed(asJSON(d)))
                }
            }
        }
        return outcomes
    }

    /// The value Foundation reads, or nil when it cannot (then Yams reads it again, to place the error).
    private static func foundation(_ data: Data) -> JSONNode? {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        return JSONNode(foundation: value)
    }

    /// The YAML reader's words for a syntax error, said of JSON.
    private static func asJSON(_ d: Diagnostic) -> Diagnostic {
        var d = d
        if d.message.hasPrefix("invalid YAML: ") {
            d.message = "malformed JSON: " + d.message.dropFirst("invalid YAML: ".count)
        }
        return d
    }

    private static func looksLikeLines(_ text: String) -> Bool {
        let lines = text.split(separator: "\n").filter { $0.contains(where: { !$0.isWhitespace }) }
        return lines.count > 1
            && lines.allSatisfy {
                $0.drop(while: \.isWhitespace).first == "{" && $0.reversed().drop(while: \.isWhitespace).first == "}"
            }
    }

    private static func start(_ file: String) -> SourceLocation { SourceLocation(file: file, line: 1, column: 1) }
}
