// Start-up and shut-down: lock the data folder, open and migrate the database, create the
// first admin token, build the enabled modules, serve them on the socket (and TCP), and on
// SIGTERM/SIGINT stop accepting, let in-flight calls finish, close the database and exit 0.

import CoreFoundation
import Foundation
import GRDB
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle
import UnixSignals
import VetsAPI
import VetsKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

public enum Daemon {
  public static let version = "0.1.0"

  /// `reload` reads the config again with the flags vetsd started with.
  public static func run(
    config: DaemonConfig, catalog: ModuleCatalog, logger: Logger, reload: @escaping @Sendable () throws -> DaemonConfig
  ) async throws {
    DaemonMetrics.bootstrap()
    // Files the daemon creates (database, backups, socket before its chmod) are private.
    umask(0o077)
    // A daemon that is going to be refused creates nothing: the socket is checked first,
    // then the data folder's lock, and only then are the database and the token made.
    let socketPath = config.socketPath
    try UnixSocket.check(path: socketPath)
    if !FileManager.default.fileExists(atPath: config.dataDir) {
      try FileManager.default.createDirectory(
        atPath: config.dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    warnIfOpen(dataDir: config.dataDir, logger: logger)
    reserveDescriptors(config, logger: logger)
    let lock = try DataDirLock(dataDir: config.dataDir)
    defer { withExtendedLifetime(lock) {} }
    try UnixSocket.prepare(path: socketPath)

    let served = try await Self.served(config: config, catalog: catalog, logger: logger, reload: reload)
    let interceptors = Self.interceptors(served, config: config, logger: logger)
    let plan = served.plan

    var services: [any Service] = [
      listener(
        "socket", address: .unixDomainSocket(path: socketPath), security: .plaintext,
        maxConnections: config.limits.maxSocketConnections, registrations: served.registrations, served: served,
        interceptors: interceptors, config: config, logger: logger
      ) { _ in
        try UnixSocket.secure(path: socketPath, mode: config.socketMode, group: config.socketGroup)
        logger.notice(
          "serving",
          metadata: [
            "socket": "\(socketPath)", "modules": "\(plan.map { $0.id }.joined(separator: ","))",
            "time_zone": "\(config.timeZone)",
          ])
      }
    ]
    if let tcp = config.tcp {
      services.append(
        listener(
          "tcp", address: tcp.host.contains(":") ? .ipv6(host: tcp.host, port: tcp.port) : .ipv4(host: tcp.host, port: tcp.port),
          security: try transportSecurity(tcp), maxConnections: config.limits.maxTCPConnections,
          registrations: served.openOnTCP, served: served, interceptors: interceptors, config: config, logger: logger
        ) { address in
          let port = address.ipv4?.port ?? address.ipv6?.port ?? tcp.port
          // Whether a client certificate is demanded is logged, so that mutual TLS is seen to be on.
          logger.notice(
            "serving",
            metadata: [
              "tcp": "\(tcp.host):\(port)", "tls": "\(!tcp.insecure)",
              "client_certificates": "\(tcp.insecure ? "none" : tcp.clientCA == nil ? "not requested" : "required (client_ca \(tcp.clientCA!))")",
            ])
        })
    }
    // SIGHUP is trapped before the group serves, so that one sent as soon as the socket answers
    // reloads rather than ends the daemon.
    services += served.loaded.backgroundWork + [ReloadOnHangup(reloader: served.reloader, hangups: await UnixSignalsSequence(trapping: .sighup))]

    var groupConfig = ServiceGroupConfiguration(
      services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    groupConfig.maximumGracefulShutdownDuration = .seconds(config.shutdownGraceSeconds)
    groupConfig.maximumCancellationDuration = .seconds(5)
    defer {
      unlink(socketPath)
      try? served.database.close()
      logger.notice("stopped")
    }
    try await ServiceGroup(configuration: groupConfig).run()
  }

  /// The interceptor chain every listener runs, in order: call metrics, then authorisation,
  /// request shape, status mapping and the audit of refusals (`AccessInterceptor`).
  static func interceptors(_ served: Served, config: DaemonConfig, logger: Logger) -> [any ServerInterceptor] {
    [
      CallMetrics(),
      AccessInterceptor(
        rules: served.access.rules, tokens: served.tokens, database: served.database, logger: logger,
        refusals: RefusalRecord(perMinute: config.limits.refusedWritesPerMinute)),
    ]
  }

  /// One listener (the socket or TCP): its transport with the connection guards, serving
  /// `registrations` through `interceptors`; `onListening` runs once it is bound.
  static func listener(
    _ name: String, address: GRPCNIOTransportCore.SocketAddress, security: HTTP2ServerTransport.Posix.TransportSecurity,
    maxConnections: Int64, registrations: [ServiceRegistration], served: Served, interceptors: [any ServerInterceptor],
    config: DaemonConfig, logger: Logger,
    onListening: @escaping @Sendable (GRPCNIOTransportCore.SocketAddress) async throws -> Void
  ) -> ServerService {
    let guards = ConnectionGuards(
      listener: name, maxConnections: Int(maxConnections), limits: config.limits, publicMethods: served.access.publicMethods,
      logger: logger)
    return ServerService(
      name: name,
      server: GRPCServer(
        transport: HTTP2ServerTransport.Posix(
          address: address, transportSecurity: security, config: transportConfig(config.limits, guards)),
        services: registrations.map(\.service), interceptors: interceptors),
      onListening: onListening)
  }

  /// A data folder made before vetsd (by hand, or by an installer) keeps its mode; one that
  /// other users may enter or list, or the group may write, is reported at start. It is not
  /// tightened: a socket inside it may rely on the group's access.
  static func warnIfOpen(dataDir: String, logger: Logger) {
    var info = stat()
    guard stat(dataDir, &info) == 0 else { return }
    let mode = info.st_mode & 0o777
    guard mode & 0o027 != 0 else { return }
    logger.warning(
      "data folder open to other users",
      metadata: [
        "folder": "\(dataDir)", "mode": "\(String(mode, radix: 8))",
        "fix": "chmod 0700 \(dataDir) (or 0750 when a socket group must reach a socket inside it)",
      ])
  }

  /// The connection caps only protect the socket if the descriptors they allow exist: the
  /// soft limit is raised to the hard one, and a limit still too low for the caps is logged.
  static func reserveDescriptors(_ config: DaemonConfig, logger: Logger) {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
    if limit.rlim_cur < limit.rlim_max {
      limit.rlim_cur = limit.rlim_max
      _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    // Database, WAL, logs, listeners and backups: a generous allowance beside the connections.
    let needed = UInt64(config.limits.maxSocketConnections + (config.tcp == nil ? 0 : config.limits.maxTCPConnections) + 128)
    guard UInt64(limit.rlim_cur) < needed else { return }
    logger.warning(
      "open-file limit below what the connection caps need",
      metadata: [
        "limit": "\(limit.rlim_cur)", "needed": "\(needed)",
        "fix": "raise LimitNOFILE in the service unit, or lower [daemon.limits] max_tcp_connections",
      ])
  }

  /// Everything the daemon serves, before it serves: the migrated database, the tokens, the
  /// built modules and every service registration with its access rules. The daemon puts it
  /// on its listeners; the handler tests put it on an in-process transport.
  struct Served {
    let database: VetsDatabase
    let tokens: TokenStore
    let plan: [any VetsModule.Type]
    let loaded: ModuleLoader.Loaded
    let reloader: ConfigReloader
    /// What the socket serves.
    let registrations: [ServiceRegistration]
    /// What TCP serves.
    let openOnTCP: [ServiceRegistration]
    let access: AccessMatrix
  }

  /// `reload` reads the config again (on SIGHUP or `admin reload`); without it, a reload
  /// keeps the config given.
  static func served(
    config: DaemonConfig, catalog: ModuleCatalog, logger: Logger, reload: (@Sendable () throws -> DaemonConfig)? = nil
  ) async throws -> Served {
    let configs = try config.moduleConfigs(catalog)
    let plan = try catalog.plan(enabled: config.enabled)
    // The bureau's days, before any module reads the clock; a change needs a restart.
    BureauTime.use(BureauTime.named(config.timeZone) ?? BureauTime.timeZone)

    let stored = try KeyFile.read(path: config.keyFilePath)
    let database = try VetsDatabase.open(
      path: config.databasePath, keys: stored ?? DaemonKeys.random(), clock: VetsdCommand.clock, storage: config.storage)
    try await KeyFile.check(database, path: config.keyFilePath, created: stored == nil, logger: logger)
    if !config.storage.synchronousFull {
      logger.warning("synchronous = \"off\": acknowledged writes can be lost in a power cut; for benchmark baselines only")
    }
    var migrations = [VetsDatabase.coreMigrations]
    for module in plan {
      var m = ModuleMigrations(moduleID: module.id)
      module.registerMigrations(&m)
      migrations.append(m)
    }
    try SchemaMigrator.migrate(database.pool, enabled: migrations, known: catalog.knownMigrations)
    try await KeyFile.bind(database, logger: logger)

    let tokens = TokenStore()
    try await database.read { db in try tokens.load(db) }
    try await AdminTokenFile.bootstrap(database: database, tokens: tokens, path: config.adminTokenPath, logger: logger)

    let loaded = await ModuleLoader(
      catalog: catalog, plan: plan, configs: configs, database: database, logger: logger
    ).load()

    let reloader = ConfigReloader(
      path: config.file == DaemonConfig().file ? nil : config.file, started: config, load: reload ?? { config }, catalog: catalog,
      reloaders: loaded.reloaders, logger: logger)
    var registrations = loaded.registrations + [
      ModuleService(modules: loaded.states, health: loaded.health, version: version).registration,
      ReportService(modules: loaded.running, clock: database.clock).registration,
      WorkService(modules: loaded.running, interfaces: loaded.interfaces, clock: database.clock).registration,
      TokenService(database: database, tokens: tokens, enterprises: loaded.interfaces.get((any EnterpriseDirectory).self)).registration,
      AccountService(database: database, tokens: tokens, settings: config.accounts).registration,
      AuditService(database: database).registration,
      AdminService(database: database, dataDir: config.dataDir, reloader: reloader).registration,
    ]
    let names = { (registrations: [ServiceRegistration]) in ["grpc.health.v1.Health"] + registrations.map(\.descriptor.fullyQualifiedService) }
    // Health and reflection answer for the services of their own transport.
    let open = registrations.filter { $0.exposure == .socketAndTCP }
    let openOnTCP = open + [HealthService(served: names(open), notServed: loaded.notServed).registration]
      + (config.tcp?.reflection == true ? ReflectionService.registrations(services: names(open), exposure: .socketAndTCP) : [])
    registrations += [HealthService(served: names(registrations), notServed: loaded.notServed).registration]
      + ReflectionService.registrations(services: names(registrations), exposure: .socketOnly)
    return Served(
      database: database, tokens: tokens, plan: plan, loaded: loaded, reloader: reloader, registrations: registrations,
      openOnTCP: openOnTCP, access: try AccessMatrix(registrations))
  }

  static func transportConfig(_ limits: DaemonConfig.Limits, _ guards: ConnectionGuards) -> HTTP2ServerTransport.Posix.Config {
    .defaults { config in
      // The guards' size gate answers first, with a status that names the limit; the
      // transport's own limit is the same one.
      config.rpc.maxRequestPayloadSize = Int(limits.maxMessageBytes)
      config.http2.maxConcurrentStreams = Int(limits.maxConcurrentStreams)
      config.connection.maxIdleTime = .seconds(limits.idleTimeoutSeconds)
      config.connection.keepalive.time = .seconds(60)
      config.connection.keepalive.timeout = .seconds(20)
      config.connection.keepalive.clientBehavior = .init(minPingIntervalWithoutCalls: .seconds(30), allowWithoutCalls: true)
      config.channelDebuggingCallbacks = guards.callbacks
    }
  }

  static func transportSecurity(_ tcp: DaemonConfig.TCPConfig) throws -> HTTP2ServerTransport.Posix.TransportSecurity {
    if tcp.insecure { return .plaintext }
    guard let cert = tcp.tlsCert, let key = tcp.tlsKey else {
      throw StartupError("TCP needs tls_cert and tls_key")
    }
    for path in [cert, key] + (tcp.clientCA.map { [$0] } ?? []) where !FileManager.default.isReadableFile(atPath: path) {
      throw StartupError("cannot read TLS file \(path)")
    }
    let chain: [TLSConfig.CertificateSource] = [.file(path: cert, format: .pem)]
    let privateKey: TLSConfig.PrivateKeySource = .file(path: key, format: .pem)
    guard let clientCA = tcp.clientCA else {
      return .tls(certificateChain: chain, privateKey: privateKey)
    }
    return .mTLS(certificateChain: chain, privateKey: privateKey) { tls in
      tls.trustRoots = .certificates([.file(path: clientCA, format: .pem)])
      tls.clientCertificateVerification = .noHostnameVerification
    }
  }
}
