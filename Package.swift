// swift-tools-version: 6.0
//
// rvmk: a RISC-V virtual machine and the microkernel that runs on it.
// Layout follows ../shared/DESIGN.md: Emulator/ (the machine), Toolchain/ (assembler,
// disassembler, ELF, and the rvmk command), Guest/ (the microkernel), Tests/.
import PackageDescription

/// A release rvmk carries the Swift runtime and Foundation: it starts in half the time (no
/// dynamic linking of the libraries) and needs nothing installed. Every module that
/// imports Foundation is compiled for it, so that the static libraries are linked.
let staticStdlib = SwiftSetting.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))

/// The emulator's hot loop runs ten times slower unoptimized; tests that boot whole
/// images need it optimized even in debug builds (STYLE.md).
let emulatorFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    staticStdlib,
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
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug)), staticStdlib]
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
            path: "Toolchain/rvmk",
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)), staticStdlib],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
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
