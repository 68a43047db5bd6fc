import Testing
@testable import SGXEDL

/// The AST of Intel's four Edger8rSyntax sample files, spot-checked.
@Suite struct Edger8rSyntaxASTTests {
    static func load(_ name: String) -> EDLEnclave {
        let result = EDLCompiler.check(file: FixturePaths.edger8rSyntax + "/\(name).edl",
                                       includePaths: [FixturePaths.sdkInclude])
        #expect(result.errors.isEmpty, "\(result.errors)")
        return result.enclave
    }

    @Test func types() throws {
        let e = Self.load("Types")
        #expect(e.name == "Types")
        #expect(e.ecalls.count == 8 && e.ocalls.isEmpty)
        #expect(e.ecalls.allSatisfy { $0.isPublic })

        let foo = try #require(e.structure(named: "struct_foo_t"))
        #expect(foo.members.map(\.name) == ["struct_foo_0", "struct_foo_1"])
        #expect(foo.members.map(\.type.base) == [.scalar(.uint32), .scalar(.uint64)])
        #expect(!foo.isDeepCopy)

        let en = try #require(e.enumeration(named: "enum_foo_t"))
        #expect(en.cases.map(\.name) == ["ENUM_FOO_0", "ENUM_FOO_1"])
        #expect(en.cases.map(\.value) == [.number(0), .number(1)])

        let un = try #require(e.union(named: "union_foo_t"))
        #expect(un.members.map(\.type.base) == [.scalar(.uint32), .scalar(.uint32), .scalar(.uint64)])

        #expect(e.ecall(named: "ecall_type_wchar_t")?.parameters.first?.type.base == .scalar(.wchar))
        #expect(e.ecall(named: "ecall_type_size_t")?.parameters.first?.type.base == .scalar(.size))
        #expect(e.ecall(named: "ecall_type_double")?.returnType.base == .scalar(.void))

        let byValue = try #require(e.ecall(named: "ecall_type_struct")?.parameters.first)
        #expect(byValue.type.base == .structure("struct_foo_t") && byValue.type.pointerDepth == 0)
        #expect(!byValue.isPointerLike)

        let mixed = try #require(e.ecall(named: "ecall_type_enum_union"))
        #expect(mixed.parameters.map(\.name) == ["val1", "val2"])
        #expect(mixed.parameters[0].type.base == .enumeration("enum_foo_t"))
        #expect(mixed.parameters[1].type.base == .union("union_foo_t"))
        #expect(mixed.parameters[1].type.pointerDepth == 1)
        #expect(mixed.parameters[1].attributes.isUserCheck)
        #expect(mixed.parameters[1].attributes.direction == .none)
    }

    @Test func pointers() throws {
        let e = Self.load("Pointers")
        #expect(e.ecalls.count == 10 && e.ocalls.count == 4)

        let uc = try #require(e.ecall(named: "ecall_pointer_user_check"))
        #expect(uc.returnType.base == .scalar(.size))
        #expect(uc.parameters[0].type.isVoidPointer && uc.parameters[0].attributes.isUserCheck)

        #expect(e.ecall(named: "ecall_pointer_in")?.parameters[0].attributes.direction == .in)
        #expect(e.ecall(named: "ecall_pointer_out")?.parameters[0].attributes.direction == .out)
        #expect(e.ecall(named: "ecall_pointer_in_out")?.parameters[0].attributes.direction == .inOut)

        let str = try #require(e.ecall(named: "ecall_pointer_string")?.parameters[0])
        #expect(str.attributes.isString && str.attributes.direction == .inOut)
        #expect(str.type.base == .scalar(.char) && str.type.pointerDepth == 1)

        let cstr = try #require(e.ecall(named: "ecall_pointer_string_const")?.parameters[0])
        #expect(cstr.type.isConst && cstr.attributes.isReadOnly && cstr.attributes.direction == .in)

        let sized = try #require(e.ecall(named: "ecall_pointer_size"))
        #expect(sized.parameters[0].attributes.size == .name("len"))
        #expect(sized.parameters[0].attributes.count == nil)
        #expect(sized.parameters[1].type.base == .scalar(.size))

        let counted = try #require(e.ecall(named: "ecall_pointer_count")?.parameters[0])
        #expect(counted.attributes.count == .name("cnt") && counted.type.base == .scalar(.int))

        let isptr = try #require(e.ecall(named: "ecall_pointer_isptr_readonly")?.parameters[0])
        #expect(isptr.type.base == .foreign("buffer_t") && isptr.type.pointerDepth == 0)
        #expect(isptr.attributes.isPointerTypedef && isptr.attributes.isReadOnly)
        #expect(isptr.attributes.size == .name("len") && isptr.isPointerLike)

        // the second trusted block is merged into the same list
        #expect(e.ecall(named: "ocall_pointer_attr")?.isPublic == true)
        #expect(e.ocalls.map(\.name) == ["ocall_pointer_user_check", "ocall_pointer_in", "ocall_pointer_out", "ocall_pointer_in_out"])
        #expect(e.ocall(named: "ocall_pointer_in_out")?.parameters[0].attributes.direction == .inOut)
        #expect(e.ocall(named: "ocall_pointer_user_check")?.parameters[0].attributes.isUserCheck == true)
    }

    @Test func arrays() throws {
        let e = Self.load("Arrays")
        #expect(e.ecalls.count == 5 && e.ocalls.isEmpty)
        let uc = try #require(e.ecall(named: "ecall_array_user_check")?.parameters[0])
        #expect(uc.dimensions == [4] && uc.attributes.isUserCheck && uc.type.base == .scalar(.int))
        #expect(e.ecall(named: "ecall_array_in")?.parameters[0].attributes.direction == .in)
        #expect(e.ecall(named: "ecall_array_out")?.parameters[0].attributes.direction == .out)
        let io = try #require(e.ecall(named: "ecall_array_in_out")?.parameters[0])
        #expect(io.attributes.direction == .inOut && io.dimensions == [4] && io.isArray)
        let isary = try #require(e.ecall(named: "ecall_array_isary")?.parameters[0])
        #expect(isary.type.base == .foreign("array_t") && isary.dimensions.isEmpty)
        #expect(isary.attributes.isArrayTypedef && isary.attributes.isUserCheck && isary.isPointerLike)
    }

    @Test func functions() throws {
        let e = Self.load("Functions")
        let pub = try #require(e.ecall(named: "ecall_function_public"))
        #expect(pub.isPublic && pub.parameters.isEmpty && pub.kind == .ecall)
        let priv = try #require(e.ecall(named: "ecall_function_private"))
        #expect(!priv.isPublic && priv.returnType.base == .scalar(.int))
        let allow = try #require(e.ocall(named: "ocall_function_allow"))
        #expect(allow.kind == .ocall && !allow.isPublic)
        #expect(allow.allowList == ["ecall_function_private"])
        #expect(!allow.propagateErrno && !allow.transitionUsingThreads)
        #expect(allow.location.line == 71)
    }
}
