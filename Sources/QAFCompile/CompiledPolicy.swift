import QAFCheck
import QAFCore
import QAFLoad

/// A policy lowered once to flat instruction arrays; evaluating a provider runs them with no parsing and no
/// look-up by name.
public final class CompiledPolicy: Sendable {
    public let checked: CheckedPolicy
    public let schema: EvidenceSchema
    /// Every criterion's condition, one after another, each ending in `store`.
    package let criteriaCode: Program
    /// One program per level, nil for the fallback.
    package let levelCode: [Program?]
    package let triggerCode: [Program]
    /// One program per threshold of `checked.thresholds`, run only for coverage.
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

    public var id: String { checked.id }

    /// Only `PolicyCompiler` compiles: a program is trusted by the machine, so it must come from its checked policy.
    init(_ checked: CheckedPolicy, schema: EvidenceSchema = .standard, sourceText: String = "") {
        self.checked = checked
        self.sourceText = sourceText
        self.schema = schema
        var lowering = Lowering(schema: schema)
        var criteria: [Instruction] = []
        for (i, criterion) in checked.criteria.enumerated() {
            lowering.emit(criterion.when, into: &criteria)
            criteria.append(Instruction(.store, a: i))
        }
        criteria.append(Instruction(.finish))
        criteriaCode = Program(criteria)
        levelCode = checked.levels.map { level in level.when.map { lowering.program($0) } }
        triggerCode = checked.triggers.map { lowering.program($0.when) }
        thresholdCode = checked.thresholds.map { lowering.program($0.threshold.expression) }
        criterionBecause = checked.criteria.map { lowering.template($0.because) }
        triggerBecause = checked.triggers.map { trigger in trigger.because.map { lowering.template($0) } }
        criterionSeverity = checked.criteria.map(\.severity)
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
        requiredScalars = checked.requires.compactMap { path in schema.scalars[path].map { (path, $0.slot) } }
        requiredLists = checked.requires.compactMap { path in schema.lists[path].map { (path, $0.index) } }
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

/// Lowers typed expressions to instructions.
struct Lowering {
    let schema: EvidenceSchema
    /// The lists of the folds we are inside, innermost last, to know each element field's kind.
    private var folds: [Int] = []
    /// Text literals met so far; `textConstant` instructions index them.
    private(set) var texts: [String] = []

    init(schema: EvidenceSchema) { self.schema = schema }

    mutating func program(_ e: TypedExpression) -> Program {
        var code: [Instruction] = []
        emit(e, into: &code)
        code.append(Instruction(.finish))
        return Program(code)
    }

    mutating func template(_ t: TypedTemplate) -> [CompiledTemplatePart] {
        t.parts.map { part in
            switch part {
            case .text(let s): return .text(s)
            case .value(let e, let type): return .value(program(e), type)
            }
        }
    }

    private func isBoolean(slot: Int) -> Bool {
        if case .boolean = schema.scalars[schema.scalarOrder[slot]]!.kind { return true }
        return false
    }

    private func isBoolean(list: Int, offset: Int) -> Bool {
        let spec = schema.lists[schema.listOrder[list]]!
        if case .boolean = spec.elementFields[spec.elementFieldOrder[offset]]!.kind { return true }
        return false
    }

    /// Appends `e` to `code`; jump targets are positions in `code`, so several conditions can share one array.
    mutating func emit(_ e: TypedExpression, into code: inout [Instruction]) {
        switch e {
        case .constant(let v): code.append(Instruction(.constant, value: v))
        case .text(let s):
            if !texts.contains(s) { texts.append(s) }
            code.append(Instruction(.textConstant, a: texts.firstIndex(of: s)!))
        case .field(let slot): code.append(Instruction(isBoolean(slot: slot) ? .loadBoolean : .loadNumber, a: slot))
        case .elementField(let depth, let offset):
            let list = folds[folds.count - 1 - depth]
            code.append(
                Instruction(
                    isBoolean(list: list, offset: offset) ? .loadElementBoolean : .loadElement, a: depth, b: offset))
        case .exists(let slot): code.append(Instruction(.exists, a: slot))
        case .listExists(let list): code.append(Instruction(.listExists, a: list))
        case .fold(let kind, let list, let stride, let condition):
            guard let condition else {
                code.append(Instruction(.listCount, a: list))
                return
            }
            let fold: FoldKind = kind == .any ? .any : kind == .all ? .all : .count
            let begin = code.count
            code.append(Instruction(.foldBegin, a: list, c: stride, fold: fold))
            let body = code.count
            folds.append(list)
            emit(condition, into: &code)
            folds.removeLast()
            code.append(Instruction(.foldStep, b: body, fold: fold))
            code[begin].b = Int32(code.count)
        case .not(let x):
            emit(x, into: &code)
            code.append(Instruction(.not))
        case .and(let x, let y): shortCircuit(.and, skip: .skipIfFalse, x, y, &code)
        case .or(let x, let y): shortCircuit(.or, skip: .skipIfTrue, x, y, &code)
        case .compare(let op, let x, let y, .text):
            binary(op == .equal ? .textEqual : .textNotEqual, x, y, &code)
        case .compare(let op, let x, let y, let type):
            var enumOrder = false
            if case .enumeration = type { enumOrder = true }
            let instruction: Instruction.Op
            switch (op, enumOrder) {
            case (.equal, _): instruction = .equal
            case (.notEqual, _): instruction = .notEqual
            case (.less, false): instruction = .less
            case (.lessOrEqual, false): instruction = .lessOrEqual
            case (.greater, false): instruction = .greater
            case (.greaterOrEqual, false): instruction = .greaterOrEqual
            case (.less, true): instruction = .enumLess
            case (.lessOrEqual, true): instruction = .enumLessOrEqual
            case (.greater, true): instruction = .enumGreater
            case (.greaterOrEqual, true): instruction = .enumGreaterOrEqual
            }
            switch (x, y) {
            // Booleans too: comparing an unknown true/false gives unknown whichever way it is loaded.
            case (.field(let slot), .constant(let value)):
                code.append(Instruction(.compareField, a: slot, c: Int(instruction.rawValue), value: value))
            case (.elementField(let depth, let offset), .constant(let value)):
                code.append(
                    Instruction(.compareElement, a: depth, b: offset, c: Int(instruction.rawValue), value: value))
            default:
                binary(instruction, x, y, &code)
            }
        case .arithmetic(let op, let x, let y):
            let instruction: Instruction.Op
            switch op {
            case .add: instruction = .add
            case .subtract: instruction = .subtract
            case .multiply: instruction = .multiply
            case .divide: instruction = .divide
            }
            binary(instruction, x, y, &code)
        case .negate(let x):
            emit(x, into: &code)
            code.append(Instruction(.negate))
        case .isIn(let x, let items, let type):
            // The mask has 32 bits for ordered members and 32 for unordered ones (`Instruction.memberBit`).
            var isEnum = false
            if case .enumeration(let e) = type {
                isEnum = e.members.count - e.unorderedMembers.count <= 32 && e.unorderedMembers.count <= 32
            }
            if isEnum, let mask = memberMask(items) {
                switch x {
                case .field(let slot):
                    code.append(Instruction(.fieldIn, a: slot, value: Double(bitPattern: mask)))
                    return
                case .elementField(let depth, let offset):
                    code.append(Instruction(.elementIn, a: depth, b: offset, value: Double(bitPattern: mask)))
                    return
                default: break
                }
            }
            guard let first = items.first else {
                code.append(Instruction(.constant, value: 0))
                return
            }
            let equal: Instruction.Op = type == .text ? .textEqual : .equal
            binary(equal, x, first, &code)
            for item in items.dropFirst() {
                binary(equal, x, item, &code)
                code.append(Instruction(.or))
            }
        case .daysSince(let x):
            emit(x, into: &code)
            code.append(Instruction(.daysSince))
        case .monthsSince(let x):
            emit(x, into: &code)
            code.append(Instruction(.monthsSince))
        case .shift(let date, let amount, let months):
            binary(months ? .shiftMonths : .add, date, amount, &code)
        case .duration(let x, _):
            emit(x, into: &code)
        case .criterion(let i): code.append(Instruction(.criterion, a: i))
        case .severityCount(let i): code.append(Instruction(.severityCount, a: i))
        case .level: code.append(Instruction(.level))
        case .previousLevel: code.append(Instruction(.previousLevel))
        }
    }

    /// The membership mask of a list of enum values, when every item is a small whole-number constant.
    private func memberMask(_ items: [TypedExpression]) -> UInt64? {
        var mask: UInt64 = 0
        for item in items {
            guard case .constant(let v) = item, v == v.rounded(), v >= 0, Instruction.memberBit(v) != 0 else {
                return nil
            }
            mask |= Instruction.memberBit(v)
        }
        return items.isEmpty ? nil : mask
    }

    /// `x op y`, jumping past `y` when `x` alone settles the result.
    private mutating func shortCircuit(
        _ op: Instruction.Op, skip: Instruction.Op, _ x: TypedExpression, _ y: TypedExpression,
        _ code: inout [Instruction]
    ) {
        emit(x, into: &code)
        let jump = code.count
        code.append(Instruction(skip))
        emit(y, into: &code)
        code.append(Instruction(op))
        code[jump].b = Int32(code.count)
    }

    private mutating func binary(
        _ op: Instruction.Op, _ x: TypedExpression, _ y: TypedExpression, _ code: inout [Instruction]
    ) {
        emit(x, into: &code)
        emit(y, into: &code)
        code.append(Instruction(op))
    }
}
