import QAFCore

extension Decision {
    /// What the evidence says that the decision cannot take at its word, in words, in evidence order: a previous
    /// level that is not a level of the policy (movement is then `none`), and dates after `as_of` (still read as
    /// given). Worked out from the record alone, so the same evidence always gives the same warnings.
    public var warnings: [String] {
        var out: [String] = []
        if let previous = previousLevel {
            let ids = model.levels.map(\.id.description)
            if ids.isEmpty {
                out.append(
                    "previous.level '\(previous)' is not a level of policy \(model.id), which gives no levels "
                        + "(trigger-led); movement is none")
            } else if !ids.contains(previous) {
                out.append(
                    "previous.level '\(previous)' is not a level of policy \(model.id) (levels: "
                        + ids.joined(separator: ", ") + "); movement is none"
                        + (previous.count >= 3 ? NearestName.hint(previous, among: ids) : ""))
            }
        }
        let keys = record.previousByPolicy.map(\.policy)
        if !keys.isEmpty, !keys.contains(model.id),
            let near = keys.first(where: { NearestName.suggest($0, among: [model.id]) != nil })
        {
            out.append(
                "previous has an entry for '\(near)' but none for policy \(model.id); did you mean '\(model.id)'?")
        }
        out += futureDates
        return out
    }

    /// Every date of the evidence later than `as_of`: a fact dated after the day the evidence describes.
    private var futureDates: [String] {
        let asOf = record.scalars[policy.asOfSlot]
        guard !asOf.isNaN else { return [] }
        let schema = policy.schema
        var out: [String] = []
        func check(_ path: String, _ day: Double) {
            guard !day.isNaN, day > asOf else { return }
            out.append(
                "\(path) \(Day.format(Int(day))) is after as_of \(Day.format(Int(asOf))): a fact dated after the "
                    + "evidence's own date is read as given")
        }
        for path in schema.scalarOrder where path != "as_of" {
            guard let spec = schema.scalars[path], case .date = spec.kind else { continue }
            check(path, record.scalars[spec.slot])
        }
        for path in schema.listOrder {
            guard let spec = schema.lists[path] else { continue }
            let list = record.lists[spec.index]
            guard list.count > 0 else { continue }
            for name in spec.elementFieldOrder {
                guard let field = spec.elementFields[name], case .date = field.kind else { continue }
                for element in 0..<list.count {
                    check("\(path)[\(element)].\(name)", list.values[element * spec.stride + field.slot])
                }
            }
        }
        for entry in record.previousByPolicy where entry.policy != model.id {
            check("previous.\(entry.policy).since", entry.since)
        }
        return out
    }
}
