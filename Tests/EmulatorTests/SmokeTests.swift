import Testing
@testable import Emulator
@Test func nameIsSet() { #expect(!true) }
