import Foundation
import SGXEnclaveBuild
import SGXTypes
import Testing

/// `ForbiddenInstructionScan`: what it refuses, what it allows, how it names a finding.
@Suite struct ForbiddenInstructionScanTests {
    /// llvm-objdump output (AT&T, `--no-show-raw-insn`) with one of everything.
    static let disassembly = """

        image.so:\tfile format elf64-x86-64

        Disassembly of section .text:

        0000000000001000 <good>:
            1000:      \tud2
            1002:      \tint3
            1003:      \tenclu
            1006:      \trdrandq\t%rax
            100a:      \trep\t\tstosb\t%al, %es:(%rdi)
            100c:      \tmovl\t%ds, %eax
            100e:      \tretq

        0000000000001010 <bad>:
            1010:      \tcpuid
            1012:      \tint\t$0x80
            1014:      \tmovl\t%eax, %ds
            1016:      \trep\t\tinsb\t%dx, %es:(%rdi)
            1018:      \tlock
            1019:      \trdtsc
            101b:      \tretq
            101c:      \toutsl\t(%rsi), %dx
        """

    static let symbolTable = """

        image.so:\tfile format elf64-x86-64

        SYMBOL TABLE:
        0000000000001000 g     F .text\t0000000000000010 good
        0000000000001010 g     F .text\t000000000000000c bad
        """

    @Test func findsForbiddenAndNamesAddressAndSymbol() {
        let symbols = ForbiddenInstructionScan.symbols(fromSymbolTable: Self.symbolTable)
        #expect(symbols.count == 2)
        let found = ForbiddenInstructionScan.findings(disassembly: Self.disassembly, symbols: symbols)
        #expect(found.map(\.mnemonic) == ["cpuid", "int", "movl", "insb", "rdtsc"])
        #expect(found.map(\.address) == [0x1010, 0x1012, 0x1014, 0x1016, 0x1019])
        #expect(found.allSatisfy { $0.symbol == "bad" && $0.section == ".text" })
        #expect(found[1].description.contains("`int $0x80` at 0x1012 in bad"))
        // Without the symbol table the bytes past `bad`'s size (data) are scanned too.
        let unfiltered = ForbiddenInstructionScan.findings(disassembly: Self.disassembly)
        #expect(unfiltered.map(\.mnemonic).last == "outsl")
    }

    @Test func allowsTrapsAndEnclaveInstructions() {
        for (mnemonic, operands) in [("ud2", ""), ("int3", ""), ("enclu", ""), ("rdrandq", "%rax"), ("movl", "%ds, %eax"),
                                     ("popq", "%rax"), ("movq", "%rax, %rcx"), ("xgetbv", ""), ("lfence", "")] {
            #expect(ForbiddenInstructionScan.reason(mnemonic: mnemonic, operands: operands) == nil, "\(mnemonic)")
        }
        for (mnemonic, operands) in [("cpuid", ""), ("syscall", ""), ("sysenter", ""), ("sysexitq", ""), ("rdtsc", ""),
                                     ("rdtscp", ""), ("int", "$0x80"), ("sgdtq", "(%rax)"), ("sidtq", "(%rax)"),
                                     ("sldtw", "%ax"), ("strw", "%ax"), ("inb", "%dx, %al"), ("outb", "%al, $0x80"),
                                     ("hlt", ""), ("wrmsr", ""), ("rdmsr", ""), ("lgdtq", "(%rax)"), ("iretq", ""),
                                     ("lretq", ""), ("popq", "%fs"), ("movq", "%rax, %cr3"), ("vmcall", ""), ("getsec", "")] {
            #expect(ForbiddenInstructionScan.reason(mnemonic: mnemonic, operands: operands) != nil, "\(mnemonic)")
        }
    }

    /// A hand-made object: `cpuid` inside a function is found with its symbol and offset;
    /// a typed data table that decodes as `in` is not; allowed instructions pass.
    @Test func rejectsAnAssembledObjectWithCPUID() throws {
        let toolchain = try Toolchain.locate()
        let directory = NSTemporaryDirectory() + "forbidden-scan-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = """
            .text
            .globl probe
            .type probe,@function
            probe:
              ud2
              int3
              rdrand %rax
              cpuid
              ret
            .size probe, .-probe
            .type table,@object
            table:
              .long 0xe4e4e4e4
            .size table, 4

            """
        try source.write(toFile: directory + "/probe.S", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain.clang)
        process.arguments = ["--target=x86_64-unknown-none-elf", "-c", directory + "/probe.S", "-o", directory + "/probe.o"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let found = try ForbiddenInstructionScan.findings(inFile: directory + "/probe.o", toolchain: toolchain)
        #expect(found.count == 1)
        #expect(found.first?.mnemonic == "cpuid")
        #expect(found.first?.symbol == "probe")
        #expect(found.first?.address == 7) // ud2 (2) + int3 (1) + rdrand (4)
        do {
            try ForbiddenInstructionScan.check(file: directory + "/probe.o", toolchain: toolchain)
            Issue.record("an object with cpuid passed the check")
        } catch {
            #expect(error.status == .invalidEnclave)
            #expect(error.detail.contains("`cpuid` at 0x7 in probe"), "\(error.detail)")
        }
    }
}
