import Foundation
import QAFCompile
import QAFCore
import QAFLoad
import QAFReport

/// What changed between two versions of a policy, in words for the impact paper: each part by its title, each
/// edit with its old and new value, a parameter with its meaning.
public struct PolicyChangeWords: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }

    public struct Edit: Sendable {
        /// "value", "title", "condition", …
        public var what: String
        public var old: String
        public var new: String
        /// Conditions are shown as written in the policy, in a code font.
        public var isCode = false
    }

    public struct Entry: Sendable {
        /// "Parameter", "Criterion", …
        public var part: String
        public var id: String
        /// The part's title or meaning in words.
        public var title: String
        public var kind: Kind
        /// For an added or removed part, what it is or was; for a changed one, each edit.
        public var detail: [Edit]
    }

    public var entries: [Entry] = []

    public init(old: PolicyModel, new: PolicyModel) {
        add(old.parameters, new.parameters, part: "Parameter", id: \.name, title: { $0.means }) { a, b in
            [Edit(what: "value", old: a.value.description, new: b.value.description)]
        } describe: { p in
            [Edit(what: "value", old: "", new: p.value.description)]
        }
        add(old.criteria, new.criteria, part: "Criterion", id: \.id, title: { $0.title }) { a, b in
            [
                Edit(what: "title", old: a.title, new: b.title),
                Edit(what: "condition", old: Self.oneLine(a.whenText), new: Self.oneLine(b.whenText), isCode: true),
                Edit(
                    what: "indicates", old: ValueWords.label(old.severities[a.severity]),
                    new: ValueWords.label(new.severities[b.severity])),
                Edit(what: "domain", old: old.domains[a.domain].name, new: new.domains[b.domain].name),
                Edit(what: "source", old: a.source, new: b.source),
            ]
        } describe: { c in
            [Edit(what: "condition", old: "", new: Self.oneLine(c.whenText), isCode: true)]
        }
        add(old.levels, new.levels, part: "Level", id: \.id.description, title: { LevelWords.full($0) }) { a, b in
            [
                Edit(what: "name", old: "\(a.name): \(a.label)", new: "\(b.name): \(b.label)"),
                Edit(
                    what: "rule", old: a.whenText.map(Self.oneLine) ?? "otherwise",
                    new: b.whenText.map(Self.oneLine) ?? "otherwise",
                    isCode: true),
                Edit(
                    what: "interventions",
                    old: a.interventions.map { old.interventions[$0].text }.joined(separator: "; "),
                    new: b.interventions.map { new.interventions[$0].text }.joined(separator: "; ")),
            ]
        } describe: { l in
            [Edit(what: "rule", old: "", new: l.whenText.map(Self.oneLine) ?? "otherwise", isCode: true)]
        }
        add(old.triggers, new.triggers, part: "Trigger", id: \.id, title: { $0.title }) { a, b in
            [
                Edit(what: "title", old: a.title, new: b.title),
                Edit(what: "condition", old: Self.oneLine(a.whenText), new: Self.oneLine(b.whenText), isCode: true),
                Edit(what: "route", old: old.routes[a.route].name, new: new.routes[b.route].name),
                Edit(
                    what: "urgency", old: ValueWords.label(a.urgency.rawValue),
                    new: ValueWords.label(b.urgency.rawValue)),
            ]
        } describe: { t in
            [Edit(what: "condition", old: "", new: Self.oneLine(t.whenText), isCode: true)]
        }
        add(old.interventions, new.interventions, part: "Intervention", id: \.id, title: { $0.text }) { a, b in
            [Edit(what: "text", old: a.text, new: b.text)]
        } describe: { _ in
            []
        }
        add(old.routes, new.routes, part: "Route", id: \.id, title: { $0.name }) { a, b in
            [Edit(what: "name", old: a.name, new: b.name)]
        } describe: { _ in
            []
        }
        if old.requires != new.requires {
            entries.append(
                Entry(
                    part: "Required evidence", id: "requires", title: "Evidence without which no level is given",
                    kind: .changed,
                    detail: [
                        Edit(
                            what: "fields",
                            old: old.requires.map { ValueWords.field($0, schema: .standard) }.joined(separator: ", "),
                            new: new.requires.map { ValueWords.field($0, schema: .standard) }.joined(separator: ", "))
                    ]))
        }
    }

    private mutating func add<T>(
        _ old: [T], _ new: [T], part: String, id: KeyPath<T, String>, title: (T) -> String,
        edits: (T, T) -> [Edit], describe: (T) -> [Edit]
    ) {
        let oldIDs = Set(old.map { $0[keyPath: id] }), newIDs = Set(new.map { $0[keyPath: id] })
        for item in new where !oldIDs.contains(item[keyPath: id]) {
            entries.append(
                Entry(part: part, id: item[keyPath: id], title: title(item), kind: .added, detail: describe(item)))
        }
        for item in old where !newIDs.contains(item[keyPath: id]) {
            entries.append(
                Entry(part: part, id: item[keyPath: id], title: title(item), kind: .removed, detail: describe(item)))
        }
        for a in old {
            guard let b = new.first(where: { $0[keyPath: id] == a[keyPath: id] }) else { continue }
            let changed = edits(a, b).filter { $0.old != $0.new }
            if !changed.isEmpty {
                entries.append(Entry(part: part, id: a[keyPath: id], title: title(b), kind: .changed, detail: changed))
            }
        }
    }

    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
