public enum ToolchainInfo { public static let version = "0.1.0" }
