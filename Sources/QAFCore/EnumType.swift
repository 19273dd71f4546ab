/// A closed set of values for an evidence field. Ordered enums list members best to worst, so "worse" compares greater.
public struct EnumType: Hashable, Sendable {
    public let name: String
    public let members: [String]
    /// Members that have no place in the order (`not_rated`, `none` for an improvement plan).
    public let unorderedMembers: Set<String>
    public let isOrdered: Bool

    /// Ordinals at or above this mark belong to unordered members: every ordered comparison with them is false.
    public static let unorderedBase = 1000

    public init(_ name: String, ordered: [String], unordered: [String] = []) {
        self.name = name
        self.members = ordered + unordered
        self.unorderedMembers = Set(unordered)
        self.isOrdered = true
    }

    public init(_ name: String, unordered: [String]) {
        self.name = name
        self.members = unordered
        self.unorderedMembers = Set(unordered)
        self.isOrdered = false
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
}
