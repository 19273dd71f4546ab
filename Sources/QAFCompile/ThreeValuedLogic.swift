// Kleene three-valued logic over intervals: what "unknown" means everywhere in qaf.

/// A value on the evaluation stack: the range of values it may have given what is known.
///
/// An exact value is `[x, x]`; an absent field is `[-∞, +∞]`; a boolean is `[0, 0]` false, `[1, 1]` true and
/// `[0, 1]` unknown. Kleene logic and counts over criteria some of which are unknown both fall out of interval
/// arithmetic: `and` is the minimum, `or` the maximum, and `count(major) >= 3` is unknown while 3 lies in the range.
public struct Interval: Sendable, Equatable {
    public var lo: Double
    public var hi: Double

    @inlinable public init(_ lo: Double, _ hi: Double) {
        self.lo = lo
        self.hi = hi
    }

    @inlinable public init(exactly value: Double) { self.init(value, value) }

    public static let unknown = Interval(-.infinity, .infinity)
    public static let unknownTruth = Interval(0, 1)
    public static let `true` = Interval(1, 1)
    public static let `false` = Interval(0, 0)

    @inlinable public var isExact: Bool { lo == hi }

    /// 0 false, 1 true, 2 unknown, for a boolean interval.
    @inlinable public var truth: Truth { lo >= 1 ? .true : hi <= 0 ? .false : .unknown }
}

public enum Truth: UInt8, Sendable, Equatable {
    case `false` = 0, `true` = 1, unknown = 2
}
