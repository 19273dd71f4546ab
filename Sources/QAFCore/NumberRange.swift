/// The documented range of every kind of number qaf reads, in one place. Every reader checks a number against its
/// range where it reads it (YAML and JSON evidence, JSON Lines, CSV, policy parameters and literals, options), so
/// nothing that reaches the evaluator can overflow or trap; a number outside its range is an error at its
/// `file:line:column`.
public enum NumberRange: Sendable, CaseIterable {
    /// Counts in evidence (`complaints`, `safeguarding.concerns`, `provider.size`): whole numbers a Double holds
    /// exactly (below 2^53).
    case count
    /// Other numbers in evidence.
    case number
    /// A percentage (`--coverage-min`).
    case percent
    /// The amount of `days(n)` or `months(n)`: about 2,700 years either way, in days or months.
    case duration
    /// A policy parameter, or a number written in an expression.
    case parameter

    @inlinable public var bounds: ClosedRange<Double> {
        switch self {
        case .count: return 0...9_007_199_254_740_991
        case .number: return 0...1_000_000_000_000_000_000
        case .percent: return 0...100
        case .duration: return -1_000_000...1_000_000
        case .parameter: return -1_000_000_000_000...1_000_000_000_000
        }
    }

    @inlinable public var wholeOnly: Bool { self == .count }

    /// Whether `value` is in range (NaN and the infinities never are).
    @inlinable public func contains(_ value: Double) -> Bool {
        value.isFinite && bounds.contains(value) && (!wholeOnly || value.rounded(.towardZero) == value)
    }

    /// The range in words, for messages and the documentation: "a whole number from 0 to 1,000,000,000".
    public var words: String {
        let low = Self.grouped(bounds.lowerBound), high = Self.grouped(bounds.upperBound)
        switch self {
        case .count: return "a whole number from \(low) to \(high)"
        case .percent: return "a percentage from \(low) to \(high)"
        default: return "a number from \(low) to \(high)"
        }
    }

    /// A whole number with thousands separated by commas.
    static func grouped(_ value: Double) -> String {
        let digits = String(Int64(value.magnitude))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }
}
