// swift-tools-version: 6.0
//
// rvmk: a RISC-V virtual machine and the microkernel that runs on it.
// Layout follows ../shared/DESIGN.md: Emulator/ (the machine), Toolchain/ (assembler,
// disassembler, ELF, and the rvmk command), Guest/ (the microkernel), Tests/.
import PackageDescription

/// The emulator's hot loop runs ten times slower unoptimized; tests that boot whole
/// images need it optimized even in debug builds (STYLE.md).
let emulatorFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "rvmk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rvmk", targets: ["rvmk"]),
    ],
    targets: [
        .target(
            name: "Toolchain",
            path: "Toolchain",
            exclude: ["rvmk"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "Emulator",
            dependencies: ["Toolchain"],
            path: "Emulator",
            swiftSettings: emulatorFlags
        ),
        .executableTarget(
            name: "rvmk",
            dependencies: ["Toolchain", "Emulator"],
            path: "Toolchain/rvmk"
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ToolchainTests",
            dependencies: ["Toolchain", "TestSupport"],
            path: "Tests/ToolchainTests"
        ),
        .testTarget(
            name: "EmulatorTests",
            dependencies: ["Emulator", "Toolchain", "TestSupport"],
            path: "Tests/EmulatorTests"
        ),

    ]
)
