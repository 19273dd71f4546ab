import QAFCore
import QAFLoad
import Yams

/// Where in an evidence file a path such as `cqc.report_date`, `events[2].date` or `previous.level` is written, so
/// a warning about it points at the value rather than the top of the file.
struct EvidencePlace {
    let source: SourceText
    let root: Node?

    init(file: String, text: String) {
        source = SourceText(file: file, text: text)
        root = try? source.compose()
    }

    /// The value's place, or line 1 when the path is not written as such (a flow the reader resolved differently).
    func location(ofPathStarting message: String) -> SourceLocation {
        let path = message.prefix { !$0.isWhitespace }
        var node = root
        for part in path.split(separator: ".") {
            var key = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                key = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            node = node?.mapping?[String(key)]
            if let index {
                guard let items = node?.sequence, items.indices.contains(index) else { node = nil; break }
                node = items[index]
            }
        }
        guard let node, path.contains(".") else { return source.location(line: 1, column: 1) }
        return source.location(of: node)
    }
}
