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
    /// One a trigger, in the policy's order.
    package var triggers: [Part]
    /// The thresholds of every condition, criteria first, then levels, then triggers.
    package var thresholds: [CheckedPolicy.OwnedThreshold]
}

/// Pass 4, types: every condition is true/false and every name in it resolves, each in the scope its part may see.
/// A criterion sees the evidence and the parameters; a level also the criteria, `count(severity)` and
/// `previous.level`; a trigger also the decided `level`.
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

        var triggerScope = levelScope
        triggerScope.levels = order.decided
        var triggers: [TypedConditions.Part] = []
        for t in policy.triggers {
            let when = t.when.flatMap {
                typer.condition($0, in: triggerScope, owner: "trigger \(t.id.value)", &diagnostics)
            }
            let because = t.because.flatMap { typer.template($0, in: triggerScope, &diagnostics) }
            triggers.append(TypedConditions.Part(when: when, because: because))
        }
        return TypedConditions(criteria: criteria, levels: levels, triggers: triggers, thresholds: typer.thresholds)
    }
}

/// Parses and types one condition or sentence at a time, keeping the thresholds found so far.
private struct ConditionTyper {
    let schema: EvidenceSchema
    /// The policy's severities, to explain `count(major)` written inside a criterion.
    let severities: Set<String>
    /// The evidence each criterion's condition reads, by the criterion's position; empty until criteria are typed.
    var criterionFields: [[String]] = []
    var thresholds: [CheckedPolicy.OwnedThreshold] = []

    init(schema: EvidenceSchema, severities: Set<String>) {
        self.schema = schema
        self.severities = severities
    }

    mutating func condition(
        _ span: SourceSpan, in scope: Scope, owner: String, _ diagnostics: inout Diagnostics
    ) -> TypedConditions.Condition? {
        do {
            let syntax = try ExpressionParser.parse(span)
            var checker = ExpressionChecker(schema: schema, scope: scope, span: span)
            checker.criterionSeverities = severities
            let typed = checker.condition(syntax)
            diagnostics.append(contentsOf: checker.diagnostics)
            thresholds += checker.thresholds.map { .init(owner: owner, threshold: $0) }
            var fields = checker.fieldsRead
            for index in checker.criteriaRead {
                for field in criterionFields[index] where !fields.contains(field) { fields.append(field) }
            }
            return typed.map { .init(expression: $0, fields: fields, inputs: checker.decisionInputs) }
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    /// A `because` sentence: its placeholders are values of any type; their thresholds are not the policy's.
    func template(_ span: SourceSpan, in scope: Scope, _ diagnostics: inout Diagnostics) -> TypedTemplate? {
        do {
            let syntax = try ExpressionParser.parseTemplate(span)
            var checker = ExpressionChecker(schema: schema, scope: scope, span: span)
            var parts: [TypedTemplate.Part] = []
            for part in syntax.parts {
                switch part {
                case .text(let t): parts.append(.text(t))
                case .placeholder(let e):
                    if let (typed, type) = checker.value(e) { parts.append(.value(typed, type)) }
                }
            }
            diagnostics.append(contentsOf: checker.diagnostics)
            return TypedTemplate(parts: parts)
        } catch {
            diagnostics.append(error)
            return nil
        }
    }
}
