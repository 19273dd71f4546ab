/// A level id: Salford's 1–3 or Calderdale's red/amber/green.
public enum LevelID: Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case word(String)

    public init(_ text: String) {
        if let n = Int(text) { self = .number(n) } else { self = .word(text) }
    }

    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .word(let w): return w
        }
    }
}
