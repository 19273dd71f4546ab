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
            // Only the part unknown evidence leaves open is said: never "at least 0" or "between 2 and 18".
            guard type == .number else { return "unknown" }
            let known = v.lo > 0 ? "at least \(number(v.lo))" : "unknown"
            return v.hi.isInfinite ? known : "\(known) (could be up to \(number(v.hi)))"
        }
        let x = v.lo
        switch type {
        case .boolean: return ValueWords.truth(x >= 1)
        case .number, .duration: return number(x)
        case .date: return Day.format(x)
        case .enumeration(let e):
            return (x.magnitude < 1e9 ? e.member(ordinal: Int(x)) : nil).map { ValueWords.value($0, of: e) }
                ?? number(x)
        case .text: return x >= 0 && x < Double(record.texts.count) ? record.texts[Int(x)] : "unknown"
        case .level:
            let levels = policy.checked.levels
            let index = Double(levels.count - 1) - x
            return index >= 0 && index < Double(levels.count) ? levels[Int(index)].id.description : number(x)
        case .list: return number(x)
        }
    }

    public static func number(_ x: Double) -> String { NumberText.format(x) }
}
