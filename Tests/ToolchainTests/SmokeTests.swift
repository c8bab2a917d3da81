import Testing
@testable import Toolchain
@Test func versionIsSet() { #expect(!ToolchainInfo.version.isEmpty) }
