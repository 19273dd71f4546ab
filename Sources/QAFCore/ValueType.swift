/// The type of a value in the expression language.
public indirect enum ValueType: Equatable, Sendable, CustomStringConvertible {
    case boolean, number, date, duration, text
    case enumeration(EnumType)
    /// A list field of the evidence, by its index.
    case list(Int)
    /// The decided level, in trigger conditions.
    case level

    public var description: String {
        switch self {
        case .boolean: return "true/false"
        case .number: return "a number"
        case .date: return "a date"
        case .duration: return "a duration"
        case .text: return "text"
        case .enumeration(let e): return "a \(e.name) value"
        case .list: return "a list"
        case .level: return "a level"
        }
    }
}
