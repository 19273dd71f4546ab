/// The corpus's own random numbers: xoshiro256** seeded through SplitMix64 (Blackman and Vigna).
///
/// Swift's `SystemRandomNumberGenerator` and its seeded hashing differ between runs and machines; these two small
/// generators are pure integer arithmetic, so a seed gives the same corpus on every machine and Swift version.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of one word.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct CorpusRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// The generator for record `index` of the corpus seeded with `seed`: every record has a stream of its own, so
    /// record 10,000 is the same whether or not the records before it were generated.
    init(seed: UInt64, record index: UInt64) {
        self.init(seed: seed ^ SplitMix64.mix(index &+ 0x632B_E59B_D9B4_E019))
    }

    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A whole number in `0..<bound` (Lemire's multiply-high; the tiny bias is irrelevant here and fixed).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A whole number in `range`, both ends included.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True `percent` times in a hundred; fractions of a percent count (IEEE doubles are the same everywhere).
    mutating func chance(_ percent: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 * 100 < percent
    }

    /// One of `items`, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// One of `items`, each as likely as its weight.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var roll = below(items.reduce(0) { $0 + $1.1 })
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }

    /// `count` different members of `items`, in the order of `items`.
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var chosen = Array(repeating: false, count: items.count)
        var left = min(count, items.count)
        while left > 0 {
            let i = below(items.count)
            if !chosen[i] {
                chosen[i] = true
                left -= 1
            }
        }
        return items.indices.filter { chosen[$0] }.map { items[$0] }
    }

    /// A small count, most often 0: 0 with probability 1 - `mean`/(1 + `mean`), shrinking geometrically.
    mutating func few(mean: Double, max: Int) -> Int {
        var n = 0
        while n < max, chance(100 * mean / (1 + mean)) { n += 1 }
        return n
    }
}
