// The typed syntax tree of an EDL file and of a merged enclave interface.
// Everything an emitter needs is here; locations are kept so the checker and
// later passes can point at the offending token.

/// A C scalar type that EDL knows by keyword (edger8r's lexer keywords).
public enum EDLScalarType: String, Hashable, Sendable, CaseIterable {
    case char = "char"
    case unsignedChar = "unsigned char"
    case short = "short"
    case unsignedShort = "unsigned short"
    case int = "int"
    case unsignedInt = "unsigned int"
    case long = "long"
    case unsignedLong = "unsigned long"
    case longLong = "long long"
    case unsignedLongLong = "unsigned long long"
    case float = "float"
    case double = "double"
    case longDouble = "long double"
    case int8 = "int8_t"
    case int16 = "int16_t"
    case int32 = "int32_t"
    case int64 = "int64_t"
    case uint8 = "uint8_t"
    case uint16 = "uint16_t"
    case uint32 = "uint32_t"
    case uint64 = "uint64_t"
    case size = "size_t"
    case wchar = "wchar_t"
    case void = "void"

    /// The C spelling, e.g. `unsigned long long`.
    public var cName: String { rawValue }

    /// Integer types (usable as a `size=`/`count=` value).
    public var isInteger: Bool {
        switch self {
        case .float, .double, .longDouble, .void: return false
        default: return true
        }
    }
}

/// The type named before any `*`.
public enum EDLBaseType: Hashable, Sendable, CustomStringConvertible {
    case scalar(EDLScalarType)
    /// `struct NAME`
    case structure(String)
    /// `union NAME`
    case union(String)
    /// `enum NAME`
    case enumeration(String)
    /// A bare identifier: a typedef from an included C header (`sgx_status_t`,
    /// `buffer_t`, `bool`, `time_t`, ...). EDL does not know its definition.
    case foreign(String)

    public var description: String {
        switch self {
        case .scalar(let s): return s.cName
        case .structure(let n): return "struct \(n)"
        case .union(let n): return "union \(n)"
        case .enumeration(let n): return "enum \(n)"
        case .foreign(let n): return n
        }
    }
}

/// A C type as written in EDL: optional `const`, a base type and `*`s.
public struct EDLType: Hashable, Sendable, CustomStringConvertible {
    public var base: EDLBaseType
    /// Number of `*` after the base type (0 for a value).
    public var pointerDepth: Int
    /// `const` written before the base type (`const char *`).
    public var isConst: Bool
    public var location: EDLSourceLocation

    public init(base: EDLBaseType, pointerDepth: Int = 0, isConst: Bool = false, location: EDLSourceLocation) {
        self.base = base
        self.pointerDepth = pointerDepth
        self.isConst = isConst
        self.location = location
    }

    public var isPointer: Bool { pointerDepth > 0 }
    public var isVoid: Bool { base == .scalar(.void) && pointerDepth == 0 }
    public var isVoidPointer: Bool { base == .scalar(.void) && pointerDepth == 1 }

    public var description: String {
        (isConst ? "const " : "") + base.description + (pointerDepth > 0 ? " " + String(repeating: "*", count: pointerDepth) : "")
    }
}

/// The value of `size=`/`count=`: a number, or the name of another parameter
/// (for a function) or member (for a struct with deep-copy members).
public enum EDLSizeExpression: Hashable, Sendable, CustomStringConvertible {
    case constant(Int)
    case name(String)

    public var description: String {
        switch self {
        case .constant(let n): return String(n)
        case .name(let s): return s
        }
    }
}

/// The copy direction of a pointer or array, seen from the callee.
public enum EDLDirection: String, Hashable, Sendable {
    case none
    case `in`
    case out
    case inOut = "in, out"

    public var copiesIn: Bool { self == .in || self == .inOut }
    public var copiesOut: Bool { self == .out || self == .inOut }
}

/// One `key` or `key=value` inside `[...]`, as written.
public struct EDLAttribute: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case none
        case number(Int)
        case identifier(String)
    }
    public var key: String
    public var value: Value
    public var location: EDLSourceLocation
    /// Where the value token is (the key's location when there is no value).
    public var valueLocation: EDLSourceLocation

    public init(key: String, value: Value, location: EDLSourceLocation, valueLocation: EDLSourceLocation) {
        self.key = key
        self.value = value
        self.location = location
        self.valueLocation = valueLocation
    }
}

/// The meaning of a parameter's (or member's) attribute block.
public struct EDLPointerAttributes: Hashable, Sendable {
    public var direction: EDLDirection = .none
    public var size: EDLSizeExpression?
    public var count: EDLSizeExpression?
    public var isString = false
    public var isWideString = false
    /// `user_check`: the pointer is passed through unchecked and uncopied.
    public var isUserCheck = false
    /// `isptr`: the foreign type is a pointer typedef.
    public var isPointerTypedef = false
    /// `isary`: the foreign type is an array typedef.
    public var isArrayTypedef = false
    /// `readonly` written in the block, or implied by `const T *`.
    public var isReadOnly = false

    public init() {}
}

/// A function parameter or a struct/union member.
public struct EDLDeclaration: Hashable, Sendable {
    public var name: String
    public var type: EDLType
    /// Array dimensions `[N][M]`, outermost first (values after macro expansion).
    public var dimensions: [Int]
    /// The attribute block as written (empty when there is none).
    public var attributeList: [EDLAttribute]
    /// The meaning of `attributeList` (plus `const` for pointers).
    public var attributes: EDLPointerAttributes
    public var location: EDLSourceLocation
    /// Location of the `[` opening the attribute block, if any.
    public var attributeBlockLocation: EDLSourceLocation?

    public init(name: String, type: EDLType, dimensions: [Int] = [], attributeList: [EDLAttribute] = [],
                attributes: EDLPointerAttributes = EDLPointerAttributes(), location: EDLSourceLocation,
                attributeBlockLocation: EDLSourceLocation? = nil) {
        self.name = name
        self.type = type
        self.dimensions = dimensions
        self.attributeList = attributeList
        self.attributes = attributes
        self.location = location
        self.attributeBlockLocation = attributeBlockLocation
    }

    public var isArray: Bool { !dimensions.isEmpty }
    /// Whether the bridge treats this as memory to check/copy (edger8r's `PTPtr`):
    /// a pointer, an array, or a foreign type marked `isptr`/`isary`.
    public var isPointerLike: Bool {
        type.isPointer || isArray || attributes.isPointerTypedef || attributes.isArrayTypedef
    }
}

public typealias EDLParameter = EDLDeclaration
public typealias EDLMember = EDLDeclaration

/// Calling conventions an untrusted function may name (accepted, ignored on Linux).
public enum EDLCallingConvention: String, Hashable, Sendable {
    case cdecl, stdcall, fastcall
}

/// An ECALL (`trusted`) or OCALL (`untrusted`) declaration.
public struct EDLFunction: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case ecall, ocall
    }
    public var kind: Kind
    public var name: String
    /// `public` ECALLs can be called by the host directly; private ones only from
    /// an OCALL that `allow`s them. Always `false` for OCALLs.
    public var isPublic: Bool
    public var returnType: EDLType
    public var parameters: [EDLParameter]
    /// OCALL `allow(a, b)`: the ECALLs the host may call while this OCALL runs.
    public var allowList: [String]
    public var allowListLocations: [EDLSourceLocation]
    /// OCALL `propagate_errno`.
    public var propagateErrno: Bool
    /// `transition_using_threads` (switchless).
    public var transitionUsingThreads: Bool
    public var callingConvention: EDLCallingConvention?
    public var isDllImport: Bool
    /// Attributes before an OCALL (`[cdecl, dllimport]`), as written.
    public var functionAttributes: [EDLAttribute]
    public var location: EDLSourceLocation

    public init(kind: Kind, name: String, isPublic: Bool, returnType: EDLType, parameters: [EDLParameter],
                allowList: [String] = [], allowListLocations: [EDLSourceLocation] = [],
                propagateErrno: Bool = false, transitionUsingThreads: Bool = false,
                callingConvention: EDLCallingConvention? = nil, isDllImport: Bool = false,
                functionAttributes: [EDLAttribute] = [], location: EDLSourceLocation) {
        self.kind = kind
        self.name = name
        self.isPublic = isPublic
        self.returnType = returnType
        self.parameters = parameters
        self.allowList = allowList
        self.allowListLocations = allowListLocations
        self.propagateErrno = propagateErrno
        self.transitionUsingThreads = transitionUsingThreads
        self.callingConvention = callingConvention
        self.isDllImport = isDllImport
        self.functionAttributes = functionAttributes
        self.location = location
    }

    public func parameter(named name: String) -> EDLParameter? {
        parameters.first { $0.name == name }
    }
}

/// `struct NAME { ... };` or `union NAME { ... };`
public struct EDLCompositeType: Hashable, Sendable {
    public var name: String
    public var members: [EDLMember]
    public var location: EDLSourceLocation

    public init(name: String, members: [EDLMember], location: EDLSourceLocation) {
        self.name = name
        self.members = members
        self.location = location
    }

    /// A struct with `[size=...]`/`[count=...]` pointer members is deep-copied.
    public var isDeepCopy: Bool {
        members.contains { $0.type.isPointer && ($0.attributes.size != nil || $0.attributes.count != nil) }
    }
}

/// `enum NAME { A, B = 2, C = B };` (the name may be absent).
public struct EDLEnumType: Hashable, Sendable {
    public struct Case: Hashable, Sendable {
        public enum Value: Hashable, Sendable {
            case number(Int)
            case name(String)
        }
        public var name: String
        public var value: Value?
        public var location: EDLSourceLocation

        public init(name: String, value: Value?, location: EDLSourceLocation) {
            self.name = name
            self.value = value
            self.location = location
        }
    }
    /// `nil` for an anonymous enum.
    public var name: String?
    public var cases: [Case]
    public var location: EDLSourceLocation

    public init(name: String?, cases: [Case], location: EDLSourceLocation) {
        self.name = name
        self.cases = cases
        self.location = location
    }
}

public enum EDLTypeDefinition: Hashable, Sendable {
    case structure(EDLCompositeType)
    case union(EDLCompositeType)
    case enumeration(EDLEnumType)

    public var name: String? {
        switch self {
        case .structure(let s), .union(let s): return s.name
        case .enumeration(let e): return e.name
        }
    }

    public var location: EDLSourceLocation {
        switch self {
        case .structure(let s), .union(let s): return s.location
        case .enumeration(let e): return e.location
        }
    }
}

/// `include "x.h"` at enclave level or at the top of a trusted/untrusted block.
public struct EDLInclude: Hashable, Sendable {
    public enum Scope: String, Hashable, Sendable {
        /// Outside any block: both sides include it.
        case both
        case trusted
        case untrusted
    }
    public var header: String
    public var scope: Scope
    public var location: EDLSourceLocation

    public init(header: String, scope: Scope, location: EDLSourceLocation) {
        self.header = header
        self.scope = scope
        self.location = location
    }
}

/// `from "x.edl" import *;` (`names == nil`) or `from "x.edl" import a, b;`
public struct EDLImport: Hashable, Sendable {
    public var path: String
    public var names: [String]?
    public var nameLocations: [EDLSourceLocation]
    public var location: EDLSourceLocation
    public var pathLocation: EDLSourceLocation

    public init(path: String, names: [String]?, nameLocations: [EDLSourceLocation] = [],
                location: EDLSourceLocation, pathLocation: EDLSourceLocation) {
        self.path = path
        self.names = names
        self.nameLocations = nameLocations
        self.location = location
        self.pathLocation = pathLocation
    }
}

/// One EDL file as parsed, or (after import resolution) the merged interface of
/// an enclave: its own declarations followed by the imported ones.
public struct EDLEnclave: Hashable, Sendable {
    /// The file's short name (`Enclave` for `path/Enclave.edl`); edger8r names
    /// generated files after it.
    public var name: String
    public var path: String
    /// Where the `enclave` keyword is.
    public var location: EDLSourceLocation?
    public var includes: [EDLInclude] = []
    /// The file's own import declarations (kept after merging, for reference).
    public var imports: [EDLImport] = []
    public var types: [EDLTypeDefinition] = []
    public var ecalls: [EDLFunction] = []
    public var ocalls: [EDLFunction] = []

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    public var functions: [EDLFunction] { ecalls + ocalls }

    public func ecall(named name: String) -> EDLFunction? { ecalls.first { $0.name == name } }
    public func ocall(named name: String) -> EDLFunction? { ocalls.first { $0.name == name } }
    public func function(named name: String) -> EDLFunction? { ecall(named: name) ?? ocall(named: name) }

    public func structure(named name: String) -> EDLCompositeType? {
        for t in types { if case .structure(let s) = t, s.name == name { return s } }
        return nil
    }

    public func union(named name: String) -> EDLCompositeType? {
        for t in types { if case .union(let s) = t, s.name == name { return s } }
        return nil
    }

    public func enumeration(named name: String) -> EDLEnumType? {
        for t in types { if case .enumeration(let e) = t, e.name == name { return e } }
        return nil
    }
}
