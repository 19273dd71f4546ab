import QAFCore
import QAFLoad

/// Parses and types one condition or sentence at a time, keeping the thresholds found so far.
package struct ConditionTyper {
    package let schema: EvidenceSchema
    /// The policy's severities, to explain `count(major)` written inside a criterion.
    package let severities: Set<String>
    /// The evidence each criterion's condition reads, by the criterion's position; empty until criteria are typed.
    package var criterionFields: [[String]] = []
    package var thresholds: [CheckedPolicy.OwnedThreshold] = []

    package init(schema: EvidenceSchema, severities: Set<String>) {
        self.schema = schema
        self.severities = severities
    }

    package mutating func condition(
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
    package func template(_ span: SourceSpan, in scope: Scope, _ diagnostics: inout Diagnostics) -> TypedTemplate? {
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
