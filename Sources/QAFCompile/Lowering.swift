import QAFCheck
import QAFCore

/// The compiler proper, in two steps: a typed expression from the checker becomes a `Condition` (names resolved,
/// operators chosen by type, text literals numbered), and a condition becomes a flat program for the machine.
struct Lowering {
    let schema: EvidenceSchema
    /// The lists of the folds we are inside, innermost last, to know each element field's kind.
    private var folds: [Int] = []
    /// Text literals met so far; `text` conditions and `textConstant` instructions number them.
    private(set) var texts: [String] = []

    init(schema: EvidenceSchema) { self.schema = schema }

    func program(_ c: Condition) -> Program {
        var code: [Instruction] = []
        emit(c, into: &code)
        code.append(Instruction(.finish))
        return Program(code)
    }

    mutating func template(_ t: TypedTemplate) -> [CompiledTemplatePart] {
        t.parts.map { part in
            switch part {
            case .text(let s): return .text(s)
            case .value(let e, let type): return .value(program(condition(e)), type)
            }
        }
    }

    // MARK: Typed expression → condition

    mutating func condition(_ e: TypedExpression) -> Condition {
        switch e {
        case .constant(let v): return .constant(v)
        case .text(let s):
            if !texts.contains(s) { texts.append(s) }
            return .text(literal: texts.firstIndex(of: s)!)
        case .field(let slot): return .field(slot: slot, boolean: isBoolean(slot: slot))
        case .elementField(let depth, let offset):
            let list = folds[folds.count - 1 - depth]
            return .elementField(depth: depth, offset: offset, boolean: isBoolean(list: list, offset: offset))
        case .exists(let slot): return .exists(slot: slot)
        case .listExists(let list): return .listExists(list: list)
        case .fold(let kind, let list, let stride, let body):
            guard let body else { return .listCount(list: list) }
            let fold: FoldKind = kind == .any ? .any : kind == .all ? .all : .count
            folds.append(list)
            defer { folds.removeLast() }
            return .fold(fold, list: list, stride: stride, condition: condition(body))
        case .not(let x): return .not(condition(x))
        case .and(let x, let y): return .and(condition(x), condition(y))
        case .or(let x, let y): return .or(condition(x), condition(y))
        case .compare(let op, let x, let y, let type):
            return .compare(Self.comparison(op, on: type), condition(x), condition(y))
        case .arithmetic(let op, let x, let y):
            let instruction: Instruction.Op =
                switch op {
                case .add: .add
                case .subtract: .subtract
                case .multiply: .multiply
                case .divide: .divide
                }
            return .arithmetic(instruction, condition(x), condition(y))
        case .negate(let x): return .negate(condition(x))
        case .isIn(let x, let items, let type):
            // The mask has 32 bits for ordered members and 32 for unordered ones (`Instruction.memberBit`).
            var mask: UInt64?
            if case .enumeration(let e) = type, e.members.count - e.unorderedMembers.count <= 32,
                e.unorderedMembers.count <= 32
            {
                mask = Self.memberMask(items)
            }
            return .isIn(
                condition(x), items.map { condition($0) }, equal: type == .text ? .textEqual : .equal, mask: mask)
        case .daysSince(let x): return .daysSince(condition(x))
        case .monthsSince(let x): return .monthsSince(condition(x))
        case .shift(let date, let amount, let months):
            return .shift(condition(date), amount: condition(amount), months: months)
        // A duration is its number of days or months; `shift` says which.
        case .duration(let x, _): return condition(x)
        case .criterion(let i): return .criterion(i)
        case .severityCount(let i): return .severityCount(i)
        case .level: return .level
        case .previousLevel: return .previousLevel
        }
    }

    /// The machine's operation for a comparison of values of `type`: texts by their text, enums by their order.
    private static func comparison(_ op: ComparisonOperator, on type: ValueType) -> Instruction.Op {
        if type == .text { return op == .equal ? .textEqual : .textNotEqual }
        var ordinal = false
        if case .enumeration = type { ordinal = true }
        switch (op, ordinal) {
        case (.equal, _): return .equal
        case (.notEqual, _): return .notEqual
        case (.less, false): return .less
        case (.lessOrEqual, false): return .lessOrEqual
        case (.greater, false): return .greater
        case (.greaterOrEqual, false): return .greaterOrEqual
        case (.less, true): return .enumLess
        case (.lessOrEqual, true): return .enumLessOrEqual
        case (.greater, true): return .enumGreater
        case (.greaterOrEqual, true): return .enumGreaterOrEqual
        }
    }

    /// The membership mask of a list of enum values, when every item is a small whole-number constant.
    private static func memberMask(_ items: [TypedExpression]) -> UInt64? {
        var mask: UInt64 = 0
        for item in items {
            guard case .constant(let v) = item, v == v.rounded(), v >= 0, Instruction.memberBit(v) != 0 else {
                return nil
            }
            mask |= Instruction.memberBit(v)
        }
        return items.isEmpty ? nil : mask
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

    // MARK: Condition → instructions

    /// Appends `c` to `code`; jump targets are positions in `code`, so several conditions can share one array.
    func emit(_ c: Condition, into code: inout [Instruction]) {
        switch c {
        case .constant(let v): code.append(Instruction(.constant, value: v))
        case .text(let literal): code.append(Instruction(.textConstant, a: literal))
        case .field(let slot, let boolean): code.append(Instruction(boolean ? .loadBoolean : .loadNumber, a: slot))
        case .elementField(let depth, let offset, let boolean):
            code.append(Instruction(boolean ? .loadElementBoolean : .loadElement, a: depth, b: offset))
        case .exists(let slot): code.append(Instruction(.exists, a: slot))
        case .listExists(let list): code.append(Instruction(.listExists, a: list))
        case .listCount(let list): code.append(Instruction(.listCount, a: list))
        case .fold(let fold, let list, let stride, let condition):
            let begin = code.count
            code.append(Instruction(.foldBegin, a: list, c: stride, fold: fold))
            let body = code.count
            emit(condition, into: &code)
            code.append(Instruction(.foldStep, b: body, fold: fold))
            code[begin].b = Int32(code.count)
        case .not(let x):
            emit(x, into: &code)
            code.append(Instruction(.not))
        case .and(let x, let y): shortCircuit(.and, skip: .skipIfFalse, x, y, &code)
        case .or(let x, let y): shortCircuit(.or, skip: .skipIfTrue, x, y, &code)
        case .compare(let op, let x, let y):
            switch (x, y) {
            // Booleans too: comparing an unknown true/false gives unknown whichever way it is loaded.
            case (.field(let slot, _), .constant(let value)) where !Condition.isTextComparison(op):
                code.append(Instruction(.compareField, a: slot, c: Int(op.rawValue), value: value))
            case (.elementField(let depth, let offset, _), .constant(let value)) where !Condition.isTextComparison(op):
                code.append(Instruction(.compareElement, a: depth, b: offset, c: Int(op.rawValue), value: value))
            default:
                binary(op, x, y, &code)
            }
        case .arithmetic(let op, let x, let y): binary(op, x, y, &code)
        case .negate(let x):
            emit(x, into: &code)
            code.append(Instruction(.negate))
        case .isIn(let x, let items, let equal, let mask):
            if let mask {
                switch x {
                case .field(let slot, _):
                    code.append(Instruction(.fieldIn, a: slot, value: Double(bitPattern: mask)))
                    return
                case .elementField(let depth, let offset, _):
                    code.append(Instruction(.elementIn, a: depth, b: offset, value: Double(bitPattern: mask)))
                    return
                default: break
                }
            }
            guard let first = items.first else {
                code.append(Instruction(.constant, value: 0))
                return
            }
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
        case .shift(let date, let amount, let months): binary(months ? .shiftMonths : .add, date, amount, &code)
        case .criterion(let i): code.append(Instruction(.criterion, a: i))
        case .severityCount(let i): code.append(Instruction(.severityCount, a: i))
        case .level: code.append(Instruction(.level))
        case .previousLevel: code.append(Instruction(.previousLevel))
        }
    }

    /// `x op y`, jumping past `y` when `x` alone settles the result.
    private func shortCircuit(
        _ op: Instruction.Op, skip: Instruction.Op, _ x: Condition, _ y: Condition, _ code: inout [Instruction]
    ) {
        emit(x, into: &code)
        let jump = code.count
        code.append(Instruction(skip))
        emit(y, into: &code)
        code.append(Instruction(op))
        code[jump].b = Int32(code.count)
    }

    private func binary(_ op: Instruction.Op, _ x: Condition, _ y: Condition, _ code: inout [Instruction]) {
        emit(x, into: &code)
        emit(y, into: &code)
        code.append(Instruction(op))
    }
}
