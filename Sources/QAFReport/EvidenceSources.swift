import QAFCore
import QAFEvaluate

/// Where the evidence a reason quotes came from, from the record's `provenance:`, for full decisions.
extension Decision {
    func sources(ofCriterion index: Int) -> [String] {
        Provenance.sources(of: model.criteria[index].fields, in: record, schema: policy.schema)
    }

    func sources(ofTrigger index: Int) -> [String] {
        Provenance.sources(of: model.triggers[index].fields, in: record, schema: policy.schema)
    }
}

extension Array where Element == String {
    /// ` (source; source)` after a reason, or nothing when the evidence carries no provenance.
    var quotedAfterReason: String { isEmpty ? "" : " (" + joined(separator: "; ") + ")" }
}
