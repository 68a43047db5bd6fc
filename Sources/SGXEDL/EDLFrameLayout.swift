// The marshalling frame of one ECALL or OCALL: the single definition both emitters use,
// so the two sides of the boundary cannot disagree.
//
// A frame is a run of 8-byte-aligned slots in untrusted memory, all little-endian:
//   offset 0       the return value (when not void), its C size rounded up to 8;
//   then, for each parameter in order:
//                  a value parameter: its C bytes, slot rounded up to 8;
//                  a pointer, array, string or user_check parameter: the address (8);
//                  string/wstring parameters also get a length slot (8) right after the
//                  address: the size in BYTES including the terminator;
//   last           for a `propagate_errno` OCALL, the errno slot (8; an Int32 in its low bytes).
// A function with neither parameters nor return value has an empty frame (the frame
// pointer is ignored).

/// How one parameter crosses the boundary.
public enum EDLParameterPlan: Hashable, Sendable {
    /// Passed by value.
    case value(EDLValueType)
    /// `[user_check]`: the address, unchecked (an `UntrustedPointer` in the enclave).
    case userCheck
    /// A pointer to exactly one element without size/count: `T` for `[in]`, `inout T` otherwise.
    case single(EDLValueType, EDLDirection)
    /// A buffer of `factors[0] * factors[1]` bytes: `[element]` for `[in]`, `inout [element]`
    /// otherwise; `element == nil` means bytes (`[UInt8]`).
    case buffer(element: EDLValueType?, direction: EDLDirection, factors: [EDLSizeFactor])
    /// `string`/`wstring`: `String` for `[in]`, `inout String` for `[in, out]`.
    case string(wide: Bool, direction: EDLDirection)

    public var isPointer: Bool {
        if case .value = self { return false }
        return true
    }

    public var direction: EDLDirection {
        switch self {
        case .value, .userCheck: return .none
        case .single(_, let d), .buffer(_, let d, _), .string(_, let d): return d
        }
    }
}

/// One factor of a buffer's byte count.
public enum EDLSizeFactor: Hashable, Sendable {
    case constant(Int)
    /// The value of another (integer) parameter.
    case parameter(String)
}

/// The frame of one function: where each value lives.
public struct EDLFrameLayout: Hashable, Sendable {
    public struct Slot: Hashable, Sendable {
        public var parameter: String
        public var plan: EDLParameterPlan
        public var offset: Int
        /// For strings: the byte-length slot.
        public var lengthOffset: Int?
    }
    public var returnType: EDLValueType?
    /// True when the function returns a pointer (an address slot).
    public var returnsPointer: Bool
    public var slots: [Slot]
    public var errnoOffset: Int?
    public var size: Int

    public func slot(_ name: String) -> Slot? { slots.first { $0.parameter == name } }
}

extension EDLTypeMapper {
    /// The plan of one parameter of `function`.
    func plan(_ p: EDLParameter, in function: EDLFunction) throws(EDLGenerationError) -> EDLParameterPlan {
        let a = p.attributes
        if !p.isPointerLike { return .value(try valueType(p.type.base, at: p.type.location)) }
        if a.isUserCheck || a.direction == .none { return .userCheck }
        if a.isString || a.isWideString {
            return .string(wide: a.isWideString, direction: a.direction)
        }
        func factor(_ e: EDLSizeExpression) throws(EDLGenerationError) -> EDLSizeFactor {
            switch e {
            case .constant(let n): return .constant(n)
            case .name(let n):
                // Any by-value number (edger8r converts it to size_t): integers, the known
                // integer typedefs, and floating point, which the bridge accepts only when
                // it holds a whole number that fits (`UInt64(exactly:)`).
                guard let q = function.parameter(named: n), !q.isPointerLike else {
                    throw EDLGenerationError(message: "size/count `\(n)` must name a by-value number parameter", location: p.location)
                }
                let t: EDLValueType
                do { t = try valueType(q.type.base, at: q.type.location) } catch {
                    throw EDLGenerationError(message: "size/count `\(n)` has type `\(q.type)`, whose layout is unknown; declare it as an integer type", location: p.location)
                }
                guard case .number = t else {
                    throw EDLGenerationError(message: "size/count `\(n)` has type `\(q.type)`; the generator takes sizes and counts only from numbers (integer or floating-point); pass it as an integer", location: p.location)
                }
                return .parameter(n)
            }
        }
        if let size = a.size {
            return .buffer(element: nil, direction: a.direction, factors: [try factor(size), try a.count.map(factor) ?? .constant(1)])
        }
        if a.isPointerTypedef || a.isArrayTypedef {
            throw EDLGenerationError(message: "`\(p.name)`: a foreign pointer/array type needs [size=...] (its element size is unknown)", location: p.location)
        }
        if p.type.pointerDepth > 2 || (p.isArray && p.type.isPointer) {
            throw EDLGenerationError(message: "`\(p.name)`: pointers to pointers to pointers and arrays of pointers can only be [user_check]", location: p.location)
        }
        if p.type.pointerDepth == 2 {
            // An array of pointers (`[in, count=n] const void **p`): as edger8r, the bridge
            // copies the pointer values only, never what they point to. They cross as
            // addresses in the other side's memory (`[UInt64]`), which neither side may
            // dereference as its own.
            let address = EDLValueType.number(swift: "UInt64", size: 8)
            if let count = a.count {
                return .buffer(element: address, direction: a.direction, factors: [.constant(8), try factor(count)])
            }
            return .single(address, a.direction)
        }
        let element = try valueType(p.type.base, at: p.type.location)
        if p.isArray {
            return .buffer(element: element, direction: a.direction,
                           factors: [.constant(element.size), .constant(p.dimensions.reduce(1, *))])
        }
        if let count = a.count {
            return .buffer(element: element, direction: a.direction, factors: [.constant(element.size), try factor(count)])
        }
        return .single(element, a.direction)
    }

    /// The frame of `function` (see the top of this file).
    func frameLayout(_ function: EDLFunction) throws(EDLGenerationError) -> EDLFrameLayout {
        var offset = 0
        var returnType: EDLValueType?
        var returnsPointer = false
        if function.returnType.isPointer {
            returnsPointer = true
            offset = 8
        } else if !function.returnType.isVoid {
            let t = try valueType(function.returnType.base, at: function.returnType.location)
            returnType = t
            offset = align(t.size, to: 8)
        }
        var slots: [EDLFrameLayout.Slot] = []
        for p in function.parameters {
            let plan = try plan(p, in: function)
            var slot = EDLFrameLayout.Slot(parameter: p.name, plan: plan, offset: offset, lengthOffset: nil)
            switch plan {
            case .value(let t): offset += align(max(t.size, 1), to: 8)
            case .string:
                slot.lengthOffset = offset + 8
                offset += 16
            default: offset += 8
            }
            slots.append(slot)
        }
        var errnoOffset: Int?
        if function.propagateErrno {
            errnoOffset = offset
            offset += 8
        }
        return EDLFrameLayout(returnType: returnType, returnsPointer: returnsPointer, slots: slots,
                              errnoOffset: errnoOffset, size: offset)
    }
}

extension EDLParameterPlan {
    /// How many enclave copies of a host-sized parameter's bytes the trusted ECALL bridge holds at
    /// its peak (nil for parameters the host cannot size):
    /// - untyped buffer: the copy (`[in]`/`[out]`), plus the callee's copy-on-write copy for `[in, out]`;
    /// - typed buffer: the copied bytes (or zeroed elements) and the decoded (or encoded)
    ///   elements, plus the encoded copy-out for `[in, out]`;
    /// - string: the copied bytes and the decoded `String`, which grows while it is built and,
    ///   for UTF-8, repairs each invalid byte to U+FFFD (three bytes); plus the encoded
    ///   copy-out for `[in, out]`.
    public var heapCopies: Int? {
        switch self {
        case .value, .userCheck, .single: return nil
        case .buffer(let e, let d, _):
            switch (e == nil, d) {
            case (true, .inOut): return 2
            case (true, _): return 1
            case (false, .inOut): return 3
            case (false, _): return 2
            }
        case .string(let wide, let d):
            let base = wide ? 3 : 7
            return d == .inOut ? base + 1 : base
        }
    }
}
