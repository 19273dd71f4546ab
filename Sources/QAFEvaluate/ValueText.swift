import QAFCheck
import QAFCompile
import QAFCore

/// How a computed value reads in a `because` sentence or an explanation.
public enum ValueText {
    public static func describe(_ v: Interval, as type: ValueType, record: EvidenceRecord, policy: CompiledPolicy)
        -> String
    {
        if v == .unknown || (type == .boolean && v == .unknownTruth) { return "unknown" }
        if !v.isExact {
            if type == .number {
                return v.hi.isInfinite ? "at least \(number(v.lo))" : "between \(number(v.lo)) and \(number(v.hi))"
            }
            return "unknown"
        }
        let x = v.lo
        switch type {
        case .boolean: return x >= 1 ? "true" : "false"
        case .number, .duration: return number(x)
        case .date: return abs(x) <= 365_242_500 ? Day.format(Int(x)) : "beyond the calendar"
        case .enumeration(let e): return abs(x) < 1e9 ? e.member(ordinal: Int(x)) ?? number(x) : number(x)
        case .text:
            if x < 0, policy.textLiterals.indices.contains(Int(-1 - x)) { return policy.textLiterals[Int(-1 - x)] }
            return record.texts.indices.contains(Int(x)) ? record.texts[Int(x)] : "unknown"
        case .level:
            let levels = policy.checked.levels
            let index = abs(x) < 1e9 ? levels.count - 1 - Int(x) : -1
            return levels.indices.contains(index) ? levels[index].id.description : number(x)
        case .list: return number(x)
        }
    }

    public static func number(_ x: Double) -> String { NumberText.format(x) }
}
