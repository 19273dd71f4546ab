/// How soon an escalation route must act on a trigger, most urgent first.
public enum Urgency: String, Sendable, CaseIterable, Comparable {
    case immediate, routine

    public static func < (a: Urgency, b: Urgency) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
