import QAFCompile
import QAFCore

/// How a computed value reads in a `because` sentence or an explanation.
public enum ValueText {
    public static func describe(_ v: Interval, as type: ValueType, record: EvidenceRecord, policy: CompiledPolicy)
        -> String
    {
        if v == .unknown || (type == .boolean && v == .unknownTruth) { return "unknown" }
        if !v.isExact {
            // Only the part unknown evidence leaves open is said: never "at least 0" or "between 2 and 18".
            guard type == .number else { return "unknown" }
            let known = v.lo > 0 ? "at least \(number(v.lo))" : "unknown"
            return v.hi.isInfinite ? known : "\(known) (could be up to \(number(v.hi)))"
        }
        let x = v.lo
        switch type {
        case .boolean: return ValueWords.truth(x >= 1)
        case .number, .duration: return number(x)
        case .date: return abs(x) <= 365_242_500 ? Day.format(Int(x)) : "beyond the calendar"
        case .enumeration(let e):
            guard abs(x) < 1e9 else { return number(x) }
            return e.member(ordinal: Int(x)).map { ValueWords.value($0, of: e) } ?? number(x)
        case .text:
            if x < 0, policy.textLiterals.indices.contains(Int(-1 - x)) { return policy.textLiterals[Int(-1 - x)] }
            return record.texts.indices.contains(Int(x)) ? record.texts[Int(x)] : "unknown"
        case .level:
            let levels = policy.model.levels
            let index = abs(x) < 1e9 ? levels.count - 1 - Int(x) : -1
            return levels.indices.contains(index) ? levels[index].id.description : number(x)
        case .list: return number(x)
        }
    }

    public static func number(_ x: Double) -> String { NumberText.format(x) }
}
