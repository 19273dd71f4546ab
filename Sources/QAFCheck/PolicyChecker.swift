import QAFCore
import QAFLoad

/// Checks a policy as written, as an ordered list of passes, each handing the next what it found:
/// 1. names (`NamePass`): each id declared once, at least one severity, parameters named apart from evidence;
/// 2. references (`ReferencePass`): the domains, severities, interventions and routes each part names, the evidence
///    `requires` names, citations that name a section;
/// 3. levels (`LevelPass`): the fallback last and only last; the order of level ids;
/// 4. types (`TypePass`): every criterion's and level's condition and `because` sentence typed against the evidence
///    schema in its scope;
/// 5. triggers (`TriggerPass`): each trigger's route and interventions declared, its condition and `because` typed in
///    the trigger's scope, which also sees the decided level.
/// Every pass runs and all errors are collected; only a policy without errors becomes a `CheckedPolicy`.
public struct PolicyChecker {
    public let schema: EvidenceSchema

    public init(schema: EvidenceSchema = .standard) { self.schema = schema }

    public func check(_ p: PolicySyntax) -> Result<CheckedPolicy, Diagnostics> {
        var diagnostics = Diagnostics()
        let names = NamePass(schema: schema).run(p, into: &diagnostics)
        let references = ReferencePass(schema: schema).run(p, names, into: &diagnostics)
        let order = LevelPass().run(p, into: &diagnostics)
        let typed = TypePass(schema: schema).run(p, names, order, into: &diagnostics)
        let triggers = TriggerPass(schema: schema).run(p, names, order, typed, into: &diagnostics)
        if diagnostics.hasErrors { return .failure(diagnostics) }
        return .success(assemble(p, references, typed, triggers))
    }

    /// The checked policy from what the passes found; called only when none found an error.
    private func assemble(
        _ p: PolicySyntax, _ references: ResolvedReferences, _ typed: TypedConditions, _ checked: CheckedTriggers
    ) -> CheckedPolicy {
        var criteria: [CheckedPolicy.Criterion] = []
        for (position, c) in p.criteria.enumerated() {
            let refs = references.criteria[position], types = typed.criteria[position]
            guard let domain = refs.domain, let severity = refs.severity, let when = types.when,
                let because = types.because
            else { continue }
            criteria.append(
                CheckedPolicy.Criterion(
                    id: c.id.value, title: c.title, domain: domain, severity: severity, when: when.expression,
                    whenText: c.when?.text ?? "", because: because, source: c.source, note: c.note, fields: when.fields,
                    location: c.id.location))
        }
        let levels = p.levels.enumerated().map { position, level in
            CheckedPolicy.Level(
                id: level.id.value, name: level.name, label: level.label, when: typed.levels[position]?.expression,
                whenText: level.when?.text, interventions: references.levelInterventions[position],
                review: level.review, source: level.source)
        }
        var triggers: [CheckedPolicy.Trigger] = []
        for (position, t) in p.triggers.enumerated() {
            let trigger = checked.triggers[position]
            guard let route = trigger.route, let when = trigger.when else { continue }
            triggers.append(
                CheckedPolicy.Trigger(
                    id: t.id.value, title: t.title, when: when.expression, whenText: t.when?.text ?? "", route: route,
                    urgency: t.urgency, interventions: trigger.interventions, because: trigger.because,
                    source: t.source,
                    fields: when.fields, inputs: when.inputs))
        }
        return CheckedPolicy(
            file: p.file, id: p.id.value, authority: p.authority, title: p.title, version: p.version,
            source: p.source.value, notes: p.notes, severities: p.severities.map(\.value),
            domains: p.domains.map { .init(id: $0.id.value, name: $0.name) },
            parameters: p.parameters.map {
                .init(name: $0.name.value, value: $0.value.value, means: $0.means, source: $0.source)
            },
            interventions: p.interventions.map { .init(id: $0.id.value, text: $0.text, source: $0.source) },
            routes: p.routes.map { .init(id: $0.id.value, name: $0.name, source: $0.source) },
            criteria: criteria, levels: levels, triggers: triggers, requires: references.requires,
            thresholds: typed.thresholds + checked.thresholds)
    }
}
