import QAFCheck
import QAFCore
import QAFLoad

/// A policy lowered once to flat instruction arrays; evaluating a provider runs them with no parsing and no
/// look-up by name.
public final class CompiledPolicy: Sendable {
    /// What the policy says: ids, names, levels, urgencies, sources, for decisions and reports.
    public let model: PolicyModel
    public let schema: EvidenceSchema
    /// Every criterion's condition, one after another, each ending in `store`.
    package let criteriaCode: Program
    /// One program per level, nil for the fallback.
    package let levelCode: [Program?]
    package let triggerCode: [Program]
    /// One program per threshold of `model.thresholds`, run only for coverage.
    package let thresholdCode: [Program]
    package let criterionBecause: [[CompiledTemplatePart]]
    package let triggerBecause: [[CompiledTemplatePart]?]
    /// The text literals the programs compare with, by `textConstant` index.
    package let textLiterals: [String]
    public let criterionSeverity: [Int]
    public let requiredScalars: [(path: String, slot: Int)]
    public let requiredLists: [(path: String, index: Int)]
    public let asOfSlot: Int
    public let previousLevelSlot: Int
    public let previousSinceSlot: Int
    public let providerIDSlot: Int
    public let providerNameSlot: Int

    /// Bounds for the machine that runs these programs: the largest stack and frame depth any of them needs.
    package let machineStackDepth: Int
    package let machineFoldDepth: Int

    /// The policy file as read, so a report can name the exact rules that made it (by a digest of this text).
    public let sourceText: String

    public var id: String { model.id }

    /// Only `PolicyCompiler` compiles: a program is trusted by the machine, so it must come from its checked policy.
    init(_ checked: CheckedPolicy, schema: EvidenceSchema = .standard, sourceText: String = "") {
        self.sourceText = sourceText
        self.schema = schema
        var lowering = Lowering(schema: schema)
        let model = PolicyModel(checked, lowering: &lowering)
        self.model = model
        var criteria: [Instruction] = []
        for (i, criterion) in model.criteria.enumerated() {
            lowering.emit(criterion.condition, into: &criteria)
            criteria.append(Instruction(.store, a: i))
        }
        criteria.append(Instruction(.finish))
        criteriaCode = Program(criteria)
        levelCode = model.levels.map { level in level.condition.map { lowering.program($0) } }
        triggerCode = model.triggers.map { lowering.program($0.condition) }
        thresholdCode = checked.thresholds.map { lowering.program(lowering.condition($0.threshold.expression)) }
        criterionBecause = checked.criteria.map { lowering.template($0.because) }
        triggerBecause = checked.triggers.map { trigger in trigger.because.map { lowering.template($0) } }
        criterionSeverity = model.criteria.map(\.severity)
        let templates = (criterionBecause + triggerBecause.compactMap { $0 }).flatMap { parts in
            parts.compactMap { part -> Program? in
                if case .value(let code, _) = part { return code }
                return nil
            }
        }
        textLiterals = lowering.texts
        let programs = [criteriaCode] + levelCode.compactMap { $0 } + triggerCode + thresholdCode + templates
        machineStackDepth = programs.map(\.stackDepth).max() ?? 1
        machineFoldDepth = programs.map(\.frameDepth).max() ?? 1
        requiredScalars = model.requires.compactMap { path in schema.scalars[path].map { (path, $0.slot) } }
        requiredLists = model.requires.compactMap { path in schema.lists[path].map { (path, $0.index) } }
        asOfSlot = schema.scalars["as_of"]!.slot
        previousLevelSlot = schema.scalars["previous.level"]!.slot
        previousSinceSlot = schema.scalars["previous.since"]!.slot
        providerIDSlot = schema.scalars["provider.id"]!.slot
        providerNameSlot = schema.scalars["provider.name"]!.slot
    }
}

/// A piece of a `because` sentence: literal text, or a value to compute and show.
package enum CompiledTemplatePart: Sendable {
    case text(String)
    case value(Program, ValueType)
}
