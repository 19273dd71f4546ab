import QAFCore

/// A small JSON writer with a fixed key order, so the same decision always gives the same bytes.
public struct JSONWriter {
    public private(set) var output = ""
    private let pretty: Bool
    private var depth = 0
    private var needsComma: [Bool] = [false]

    public init(pretty: Bool) { self.pretty = pretty }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        if pretty, depth > 0 { output += "\n" + String(repeating: "  ", count: depth) }
    }

    private mutating func key(_ k: String?) {
        separate()
        if let k {
            JSONBytes.appendQuoted(k, to: &output)
            output += pretty ? ": " : ":"
        }
    }

    public mutating func object(_ k: String? = nil, _ body: (inout JSONWriter) -> Void) {
        open(k, "{")
        body(&self)
        close("}")
    }

    public mutating func array(_ k: String? = nil, _ body: (inout JSONWriter) -> Void) {
        open(k, "[")
        body(&self)
        close("]")
    }

    private mutating func open(_ k: String?, _ bracket: String) {
        key(k)
        output += bracket
        depth += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if pretty, hadItems { output += "\n" + String(repeating: "  ", count: depth) }
        output += bracket
    }

    public mutating func string(_ k: String? = nil, _ value: String?) {
        key(k)
        if let value { JSONBytes.appendQuoted(value, to: &output) } else { output += "null" }
    }

    /// A string element of an array.
    public mutating func item(_ value: String) { string(nil, value) }

    public mutating func number(_ k: String? = nil, _ value: Int) {
        key(k)
        output += String(value)
    }

    public mutating func number(_ k: String? = nil, _ value: Double) {
        key(k)
        output += NumberText.format(value)
    }

    public mutating func bool(_ k: String? = nil, _ value: Bool) {
        key(k)
        output += value ? "true" : "false"
    }

    public mutating func null(_ k: String? = nil) {
        key(k)
        output += "null"
    }
}
