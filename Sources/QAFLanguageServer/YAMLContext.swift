/// Where the cursor is in a YAML document, read from indentation alone so that it works while the text is being
/// typed and does not parse: the keys of the mappings around it, and whether it is on a key or in a key's value.
struct YAMLContext {
    /// Keys of the enclosing mappings, outermost first (sequence items are transparent).
    var path: [String]
    /// The key whose value the cursor is in (its own line's key, or the key of a block scalar it continues).
    var valueKey: String?
    /// True when the cursor is where a key is typed: only indentation, an optional "- " and a partial name before it.
    var atKey: Bool
    /// Keys already written above the cursor in its own mapping, so completion does not offer them again.
    var siblingKeys: [String]

    /// A line's key, the column its key starts at (after any "- "), and whether it is a key line at all.
    static func key(of line: String) -> (name: String, indent: Int)? {
        var chars = Substring(line)
        var indent = 0
        while let c = chars.first, c == " " || c == "-" {
            chars = chars.dropFirst()
            indent += 1
        }
        if chars.hasPrefix("#") { return nil }
        guard let colon = chars.firstIndex(of: ":") else { return nil }
        let name = chars[chars.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
            return nil
        }
        let after = chars[chars.index(after: colon)...]
        guard after.isEmpty || after.first == " " else { return nil }
        return (String(name), indent)
    }

    static func indentation(of line: String) -> Int {
        var n = 0
        for c in line {
            if c == " " || c == "-" { n += 1 } else { break }
        }
        return n
    }

    /// The text after a key line's colon, without a trailing comment.
    static func value(of line: String) -> Substring {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        var rest = line[line.index(after: colon)...]
        if let hash = rest.range(of: " #") { rest = rest[rest.startIndex..<hash.lowerBound] }
        return rest.drop { $0 == " " }
    }

    init(lines: [String], line lineIndex: Int, before: String) {
        let trimmed = before.drop { $0 == " " || $0 == "-" }
        var atKey = trimmed.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        var valueKey: String?
        var level = Self.indentation(of: before)
        let ownKey = atKey ? nil : Self.key(of: before)
        if let ownKey {
            valueKey = ownKey.name
            level = ownKey.indent
        }
        var path: [String] = []
        var siblings: [String] = []
        var passedItemStart = before.contains("- ")
        var index = lineIndex - 1
        while index >= 0, level > 0 {
            let line = lines[index]
            index -= 1
            guard let key = Self.key(of: line) else { continue }
            if key.indent < level {
                if path.isEmpty, ownKey == nil, valueKey == nil, !Self.value(of: line).isEmpty {
                    // The cursor continues a scalar written over several lines (`when: >-` and the like).
                    valueKey = key.name
                    atKey = false
                } else {
                    path.insert(key.name, at: 0)
                }
                level = key.indent
            } else if key.indent == level, path.isEmpty, !passedItemStart {
                siblings.append(key.name)
                if line.dropFirst(max(0, key.indent - 2)).hasPrefix("- ") { passedItemStart = true }
            }
        }
        self.path = path
        self.valueKey = valueKey
        self.atKey = atKey
        self.siblingKeys = siblings
    }
}
