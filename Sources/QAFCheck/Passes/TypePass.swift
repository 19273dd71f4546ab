import QAFCore
import QAFLoad

/// Every condition and `because` sentence of a policy, typed; nil where it did not type (reported).
package struct TypedConditions: Sendable {
    package struct Condition: Sendable {
        package var expression: TypedExpression
        /// The evidence paths it reads, with those of the criteria it reads.
        package var fields: [String]
        /// What it reads besides evidence: `level`, `count(major)`, criterion ids.
        package var inputs: [String]
    }
    package struct Part: Sendable {
        package var when: Condition?
        package var because: TypedTemplate?
    }
    /// One a criterion, in the policy's order.
    package var criteria: [Part]
    /// One a level's condition (nil for the fallback), in the policy's order.
    package var levels: [Condition?]
    /// The thresholds of the criteria's conditions, then the levels'.
    package var thresholds: [CheckedPolicy.OwnedThreshold]
    /// The evidence each criterion's condition reads, by position: what a level or trigger reading it reads too.
    package var criterionFields: [[String]]
    /// What a level's condition may see: the evidence, parameters, criteria, `count(severity)`, `previous.level`.
    package var levelScope: Scope
}

/// Pass 4, types: every criterion's and level's condition is true/false and every name in it resolves, each in the
/// scope its part may see. A criterion sees the evidence and the parameters; a level also the criteria,
/// `count(severity)` and `previous.level`. (Triggers, which also see the decided `level`, are typed by `TriggerPass`.)
package struct TypePass {
    package static let name = "types"
    package let schema: EvidenceSchema

    package init(schema: EvidenceSchema) { self.schema = schema }

    package func run(
        _ policy: PolicySyntax, _ names: DeclaredNames, _ order: LevelOrder, into diagnostics: inout Diagnostics
    ) -> TypedConditions {
        var typer = ConditionTyper(schema: schema, severities: Set(names.severities.keys))

        let criterionScope = names.parameterScope
        var criteria: [TypedConditions.Part] = []
        for c in policy.criteria {
            let when = c.when.flatMap {
                typer.condition($0, in: criterionScope, owner: "criterion \(c.id.value)", &diagnostics)
            }
            let because = c.because.flatMap { typer.template($0, in: criterionScope, &diagnostics) }
            criteria.append(TypedConditions.Part(when: when, because: because))
        }
        typer.criterionFields = criteria.map { $0.when?.fields ?? [] }

        var levelScope = criterionScope
        levelScope.criteria = names.criteria
        levelScope.severities = names.severities
        levelScope.previousLevels = order.previous
        let levels = policy.levels.map { level in
            level.when.flatMap {
                typer.condition($0, in: levelScope, owner: "level \(level.id.value)", &diagnostics)
            }
        }

        return TypedConditions(
            criteria: criteria, levels: levels, thresholds: typer.thresholds, criterionFields: typer.criterionFields,
            levelScope: levelScope)
    }
}
