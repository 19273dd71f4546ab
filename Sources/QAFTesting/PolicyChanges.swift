import Foundation
import QAFCompile
import QAFLoad

/// What changed between two versions of a policy, criterion by criterion: the summary a policy owner checks
/// against the change they meant to make.
public enum PolicyChanges {
    public static func between(_ old: PolicyModel, _ new: PolicyModel) -> [String] {
        var out: [String] = []
        compare(old.parameters, new.parameters, \.name, "parameter", &out) { a, b in
            a.value == b.value ? [] : ["\(a.value) → \(b.value)"]
        }
        compare(old.criteria, new.criteria, \.id, "criterion", &out) { a, b in
            var edits: [String] = []
            if a.whenText != b.whenText {
                edits.append("condition `\(oneLine(a.whenText))` → `\(oneLine(b.whenText))`")
            }
            if old.severities[a.severity] != new.severities[b.severity] {
                edits.append("indicates \(old.severities[a.severity]) → \(new.severities[b.severity])")
            }
            if old.domains[a.domain].id != new.domains[b.domain].id {
                edits.append("domain \(old.domains[a.domain].id) → \(new.domains[b.domain].id)")
            }
            if a.title != b.title { edits.append("title edited") }
            if a.source != b.source { edits.append("source \(a.source) → \(b.source)") }
            return edits
        }
        compare(old.levels, new.levels, \.id.description, "level", &out) { a, b in
            var edits: [String] = []
            if a.whenText != b.whenText {
                edits.append("rule `\(oneLine(a.whenText ?? "otherwise"))` → `\(oneLine(b.whenText ?? "otherwise"))`")
            }
            let ai = a.interventions.map { old.interventions[$0].id },
                bi = b.interventions.map { new.interventions[$0].id }
            if ai != bi { edits.append("interventions " + setChange(ai, bi)) }
            if a.name != b.name || a.label != b.label {
                edits.append("name \(a.name): \(a.label) → \(b.name): \(b.label)")
            }
            return edits
        }
        compare(old.triggers, new.triggers, \.id, "trigger", &out) { a, b in
            var edits: [String] = []
            if a.whenText != b.whenText {
                edits.append("condition `\(oneLine(a.whenText))` → `\(oneLine(b.whenText))`")
            }
            if old.routes[a.route].id != new.routes[b.route].id {
                edits.append("route \(old.routes[a.route].id) → \(new.routes[b.route].id)")
            }
            if a.urgency != b.urgency { edits.append("urgency \(a.urgency.rawValue) → \(b.urgency.rawValue)") }
            return edits
        }
        compare(old.interventions, new.interventions, \.id, "intervention", &out) { a, b in
            a.text == b.text ? [] : ["text edited"]
        }
        compare(old.routes, new.routes, \.id, "route", &out) { a, b in
            a.name == b.name ? [] : ["name \(a.name) → \(b.name)"]
        }
        if old.requires != new.requires { out.append("requires: " + setChange(old.requires, new.requires)) }
        return out
    }

    private static func compare<T>(
        _ old: [T], _ new: [T], _ id: KeyPath<T, String>, _ kind: String, _ out: inout [String],
        _ edits: (T, T) -> [String]
    ) {
        let oldIDs = old.map { $0[keyPath: id] }, newIDs = new.map { $0[keyPath: id] }
        for item in new where !oldIDs.contains(item[keyPath: id]) { out.append("\(kind) \(item[keyPath: id]) added") }
        for item in old where !newIDs.contains(item[keyPath: id]) { out.append("\(kind) \(item[keyPath: id]) removed") }
        for a in old {
            guard let b = new.first(where: { $0[keyPath: id] == a[keyPath: id] }) else { continue }
            for edit in edits(a, b) { out.append("\(kind) \(a[keyPath: id]): \(edit)") }
        }
    }

    static func setChange(_ a: [String], _ b: [String]) -> String {
        let added = b.filter { !a.contains($0) }.map { "+\($0)" },
            removed = a.filter { !b.contains($0) }.map { "−\($0)" }
        return (added + removed).isEmpty ? "reordered" : (added + removed).joined(separator: " ")
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
