/// A closed set of values for an evidence field. Ordered enums list members best to worst, so "worse" compares greater.
public struct EnumType: Hashable, Sendable {
    public let name: String
    public let members: [String]
    /// Members that have no place in the order (`not_rated`, `none` for an improvement plan).
    public let unorderedMembers: Set<String>
    public let isOrdered: Bool
    /// Each member in plain words, as papers and documents show it ("Requires improvement"), in `members` order.
    public let memberWords: [String]

    /// Ordinals at or above this mark belong to unordered members: every ordered comparison with them is false.
    public static let unorderedBase = 1000

    /// `words` maps a member to its plain words; a member left out is shown as `EnumType.plainWords(member)`.
    public init(_ name: String, ordered: [String], unordered: [String] = [], words: [String: String] = [:]) {
        self.name = name
        self.members = ordered + unordered
        self.unorderedMembers = Set(unordered)
        self.isOrdered = true
        self.memberWords = members.map { words[$0] ?? Self.plainWords($0) }
    }

    public init(_ name: String, unordered: [String], words: [String: String] = [:]) {
        self.name = name
        self.members = unordered
        self.unorderedMembers = Set(unordered)
        self.isOrdered = false
        self.memberWords = members.map { words[$0] ?? Self.plainWords($0) }
    }

    /// The runtime code of a member: its position in the order, or `unorderedBase + i` for an unordered member.
    public func ordinal(of member: some StringProtocol) -> Int? {
        guard let index = members.firstIndex(where: { $0 == member }) else { return nil }
        let name = members[index]
        if unorderedMembers.contains(name) { return Self.unorderedBase + index }
        return index
    }

    public func member(ordinal: Int) -> String? {
        let index = ordinal >= Self.unorderedBase ? ordinal - Self.unorderedBase : ordinal
        return members.indices.contains(index) ? members[index] : nil
    }

    /// A member in plain words ("requires_improvement" → "Requires improvement"); nil when it is not a member.
    public func words(for member: some StringProtocol) -> String? {
        members.firstIndex(where: { $0 == member }).map { memberWords[$0] }
    }

    /// A value name read as words when no words are declared: underscores become spaces, the first letter a capital.
    public static func plainWords(_ member: String) -> String {
        let spaced = String(member.map { $0 == "_" ? " " : $0 })
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
