import QAFCore
import QAFLoad

/// Every trigger, checked: its route and interventions resolved to positions, its condition and `because` typed.
package struct CheckedTriggers: Sendable {
    package struct Trigger: Sendable {
        /// nil where the route is undefined (reported).
        package var route: Int?
        package var interventions: [Int]
        package var when: TypedConditions.Condition?
        package var because: TypedTemplate?
    }
    /// One a trigger, in the policy's order.
    package var triggers: [Trigger]
    /// The thresholds of the triggers' conditions, after the criteria's and the levels'.
    package var thresholds: [CheckedPolicy.OwnedThreshold]
}

/// Pass 5, triggers: a trigger sends a provider to a route, with interventions, when its condition holds. Its route
/// and interventions are declared; its condition is true/false and its `because` sentence types in the trigger's
/// scope, which sees everything a level sees and the decided `level` too (by the level ids `LevelPass` ordered).
package struct TriggerPass {
    package static let name = "triggers"
    package let schema: EvidenceSchema

    package init(schema: EvidenceSchema) { self.schema = schema }

    package func run(
        _ policy: PolicySyntax, _ names: DeclaredNames, _ order: LevelOrder, _ typed: TypedConditions,
        into diagnostics: inout Diagnostics
    ) -> CheckedTriggers {
        var typer = ConditionTyper(schema: schema, severities: Set(names.severities.keys))
        typer.criterionFields = typed.criterionFields
        var scope = typed.levelScope
        scope.levels = order.decided
        let triggers = policy.triggers.map { t in
            let route = t.route.flatMap { ReferencePass.resolve($0, in: names.routes, "route", &diagnostics) }
            let interventions = t.interventions.compactMap {
                ReferencePass.resolve($0, in: names.interventions, "intervention", &diagnostics)
            }
            let when = t.when.flatMap {
                typer.condition($0, in: scope, owner: "trigger \(t.id.value)", &diagnostics)
            }
            let because = t.because.flatMap { typer.template($0, in: scope, &diagnostics) }
            return CheckedTriggers.Trigger(route: route, interventions: interventions, when: when, because: because)
        }
        return CheckedTriggers(triggers: triggers, thresholds: typer.thresholds)
    }
}
