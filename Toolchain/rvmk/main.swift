// The rvmk command: one binary, one subcommand per tool (DESIGN.md, "The command line").
// Each subcommand lives in its own file and returns the process exit status.
import Foundation
import Toolchain

let usage = """
usage: rvmk <command> [arguments]

commands:
  run [IMAGE] [options]      run an ELF64 or flat binary on the virt machine
  asm SOURCE.S [-o OUT]      assemble (ELF64 executable by default, --format bin for flat)
  disasm IMAGE               disassemble, with symbols
  build                      assemble Guest/ into images/

rvmk <command> --help shows the options of one command.
"""

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
arguments.removeFirst()

let status: Int32
switch command {
case "asm": status = AsmCommand.main(arguments)
case "disasm": status = DisasmCommand.main(arguments)
case "run": status = RunCommand.main(arguments)
case "build": status = BuildCommand.main(arguments)
case "-h", "--help", "help":
    print(usage)
    status = 0
case "--version", "version":
    print("rvmk \(ToolchainInfo.version)")
    status = 0
default:
    printError("rvmk: unknown command '\(command)'\n\(usage)")
    status = 2
}
exit(status)
