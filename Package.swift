// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let grpcCore = Target.Dependency.product(name: "GRPCCore", package: "grpc-swift-2")
let grpcInProcess = Target.Dependency.product(name: "GRPCInProcessTransport", package: "grpc-swift-2")
let grpcTransport = Target.Dependency.product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport")
let grpcProtobuf = Target.Dependency.product(name: "GRPCProtobuf", package: "grpc-swift-protobuf")
let swiftProtobuf = Target.Dependency.product(name: "SwiftProtobuf", package: "swift-protobuf")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP2 = Target.Dependency.product(name: "NIOHTTP2", package: "swift-nio-http2")
let nioHPACK = Target.Dependency.product(name: "NIOHPACK", package: "swift-nio-http2")
let tomlKit = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")
let subprocess = Target.Dependency.product(name: "Subprocess", package: "swift-subprocess")
let systemPackage = Target.Dependency.product(name: "SystemPackage", package: "swift-system")
let bcrypt = Target.Dependency.product(name: "HummingbirdBcrypt", package: "hummingbird-auth")

let package = Package(
  name: "vetsd",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "vetsd", targets: ["vetsd"]),
    .executable(name: "vetsctl", targets: ["vetsctl"]),
  ],
  dependencies: [
    .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
    // The transport's own packages: its connection and stream hooks hand the daemon NIO
    // channels, where the connection caps, set-up deadline and request size gate live.
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
    .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    // Already in the graph through grpc-swift-nio-transport (swift-certificates); used for SHA-256.
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    // Per-method call metrics: swift-metrics is the API, swift-prometheus the backend that
    // keeps them and writes Prometheus text for `vetsctl admin metrics`.
    .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    // The load generator's latency histograms (HDR: fixed relative precision at every percentile).
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    // vetsd.toml is read by a real TOML 1.0 parser (toml++ underneath), so every construct an
    // operator may write is read as TOML means it; ConfigSection keeps the strictness on top.
    // Checkit is only TOMLKit's own test dependency and is never fetched for this package.
    .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
    // Account passwords are hashed with bcrypt (HummingbirdBcrypt: OpenBSD's bcrypt in C, no
    // other dependency of its own); the console (issue 16) will use Hummingbird from it too.
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    // Tests only (TestSupport): the programs tests run to completion (vetsctl, vetsd's
    // subcommands) are spawned by swift-subprocess; FilePath, which it takes, is swift-system's.
    .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
  ],
  targets: [
    // Generated by `make proto`; never edited by hand.
    .target(
      name: "VetsAPI",
      dependencies: [grpcCore, grpcProtobuf, swiftProtobuf],
      exclude: ["PROTO_HASH"]
    ),
    .target(
      name: "VetsKit",
      dependencies: ["VetsAPI", grpcCore, grpcProtobuf, swiftProtobuf, grdb, logging, lifecycle, crypto, metrics, tomlKit, bcrypt],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "VetsDaemon",
      dependencies: [
        "VetsKit", "VetsAPI", grpcCore, grpcTransport, swiftProtobuf, grdb, logging, lifecycle, unixSignals, argumentParser, crypto,
        metrics, prometheus, nioCore, nioHTTP2, nioHPACK,
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "vetsd",
      dependencies: ["VetsDaemon", "Registry", "ReliefFund", "Alliance", "Volunteers", "Appeals"],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "vetsctl",
      dependencies: ["VetsAPI", "VetsKit", grpcCore, grpcTransport, grpcProtobuf, swiftProtobuf, argumentParser, crypto],
      swiftSettings: swiftSettings
    ),

    // The daemon's service modules (plugins), one library target each.
    .target(
      name: "Registry",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, swiftProtobuf, grdb, crypto],
      path: "Plugins/Registry",
      swiftSettings: swiftSettings
    ),

    .target(
      name: "ReliefFund",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, swiftProtobuf, grdb, crypto],
      path: "Plugins/ReliefFund",
      swiftSettings: swiftSettings
    ),

    .target(
      name: "Alliance",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, swiftProtobuf, grdb],
      path: "Plugins/Alliance",
      swiftSettings: swiftSettings
    ),

    .target(
      name: "Volunteers",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, swiftProtobuf, grdb],
      path: "Plugins/Volunteers",
      swiftSettings: swiftSettings
    ),

    .target(
      name: "Appeals",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, swiftProtobuf, grdb, logging, lifecycle],
      path: "Plugins/Appeals",
      swiftSettings: swiftSettings
    ),

    // Benchmarks/README.md: load generator and scenarios; figures are printed, never asserted.
    .executableTarget(
      name: "vets-bench",
      dependencies: [
        "VetsAPI", "VetsKit", grpcCore, grpcTransport, swiftProtobuf, argumentParser,
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      path: "Benchmarks/LoadGenerator",
      swiftSettings: swiftSettings
    ),

    // A test-only module that proves the module contract, and a daemon that compiles it in.
    .target(
      name: "ProbeModule",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, grpcProtobuf, swiftProtobuf, grdb],
      path: "Tests/Fixtures/ProbeModule",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "vetsd-fixture",
      dependencies: ["VetsDaemon", "Registry", "ReliefFund", "Alliance", "Volunteers", "Appeals", "ProbeModule"],
      path: "Tests/Fixtures/FixtureDaemon",
      swiftSettings: swiftSettings
    ),

    // What the test targets share (Tests/Support): temp databases, refusal and JSON helpers,
    // resident IDs, and running the real binaries.
    .target(
      name: "TestSupport",
      dependencies: ["VetsKit", "VetsAPI", grpcCore, swiftProtobuf, grdb, subprocess, systemPackage],
      path: "Tests/Support",
      swiftSettings: swiftSettings
    ),

    .testTarget(
      name: "VetsKitTests",
      dependencies: ["VetsKit", "ProbeModule", "TestSupport", grpcCore, grpcProtobuf, grdb, crypto],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "RegistryTests",
      dependencies: ["TestSupport", "Registry", "VetsKit", "VetsAPI"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ReliefFundTests",
      dependencies: ["TestSupport", "ReliefFund", "VetsKit", "VetsAPI", grdb, grpcCore],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "VolunteersTests",
      dependencies: ["TestSupport", "Volunteers", "VetsKit", "VetsAPI", grdb],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "AppealsTests",
      dependencies: ["TestSupport", "Appeals", "VetsKit", "VetsAPI", grdb],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["VetsAPI", "VetsKit", "ProbeModule", "TestSupport", grpcCore, grpcTransport, grpcProtobuf, swiftProtobuf, grdb, crypto],
      swiftSettings: swiftSettings
    ),
    // The daemon's real services and interceptors on the in-process transport: handler rules,
    // refusals, scope checks and idempotency without a process.
    .testTarget(
      name: "HandlerTests",
      dependencies: [
        "VetsDaemon", "VetsKit", "VetsAPI", "TestSupport", "Registry", "ReliefFund", "Alliance", "Volunteers", "Appeals",
        "ProbeModule", grpcCore, grpcInProcess, grpcProtobuf, swiftProtobuf, logging, grdb,
      ],
      swiftSettings: swiftSettings
    ),
  ]
)
