import ProbeModule
import Testing
import VetsKit

private let moduleIDs = ["probe", "probeextra"]

private func parse(_ text: String) throws(ConfigError) -> DaemonConfig {
  try DaemonConfig.parse(text, file: "vetsd.toml", moduleIDs: moduleIDs)
}

/// The description of the error parsing `text` throws, or nil (and a recorded issue) if it parses.
private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
  let error = #expect(throws: ConfigError.self, sourceLocation: sourceLocation) { try parse(text) }
  return error?.description
}

@Test func fullConfigParsesToItsValues() throws {
  let config = try parse(
    """
    # every key vetsd reads
    [daemon]
    data_dir = "/var/lib/vetsd"
    socket = "/run/vetsd/vetsd.sock"
    socket_group = "vets"
    socket_mode = "0640"
    log_level = "debug"
    shutdown_grace_seconds = 30

    [daemon.limits]
    max_message_bytes = 8_388_608
    max_concurrent_streams = 64

    [daemon.tcp]
    listen = "0.0.0.0:7443"
    tls_cert = "/etc/vetsd/cert.pem"
    tls_key = "/etc/vetsd/key.pem"
    client_ca = "/etc/vetsd/ca.pem"

    [modules]
    enabled = [
      "probe",  # the test module
      "probeextra",
    ]

    [modules.probe]
    greeting = "hi"
    """)
  #expect(config.file == "vetsd.toml")
  #expect(config.dataDir == "/var/lib/vetsd")
  #expect(config.socketPath == "/run/vetsd/vetsd.sock")
  #expect(config.socketGroup == "vets")
  #expect(config.socketMode == 0o640)
  #expect(config.logLevel == "debug")
  #expect(config.shutdownGraceSeconds == 30)
  #expect(config.limits.maxMessageBytes == 8_388_608)
  #expect(config.limits.maxConcurrentStreams == 64)
  let tcp = try #require(config.tcp)
  #expect(tcp.host == "0.0.0.0")
  #expect(tcp.port == 7443)
  #expect(tcp.tlsCert == "/etc/vetsd/cert.pem")
  #expect(tcp.tlsKey == "/etc/vetsd/key.pem")
  #expect(tcp.clientCA == "/etc/vetsd/ca.pem")
  #expect(tcp.insecure == false)
  #expect(config.enabled == ["probe", "probeextra"])
  #expect(config.moduleSections.keys.sorted() == ["probe"])
}

@Test func emptyFileKeepsTheDefaults() throws {
  let config = try parse("")
  #expect(config.dataDir == ".vetsd")
  #expect(config.socketPath == ".vetsd/vetsd.sock")
  #expect(config.socketMode == 0o660)
  #expect(config.tcp == nil)
  #expect(config.enabled == nil)
}

@Test func unknownKeyNamesFileLineAndDottedKey() {
  let message = failure("[daemon]\nlog_level = \"info\"\nsokcet = \"/tmp/x.sock\"\n")
  #expect(message?.hasPrefix("vetsd.toml:3: daemon.sokcet: unknown key") == true, "\(message ?? "")")
}

@Test func wrongTypeNamesTheKey() {
  let message = failure("[daemon]\nsocket_mode = 660\n")
  #expect(message?.contains("vetsd.toml:2: daemon.socket_mode") == true, "\(message ?? "")")
  #expect(message?.contains("expected a string") == true)
}

@Test func outOfRangeIntegerNamesTheKey() {
  let message = failure("[daemon.limits]\nmax_concurrent_streams = 0\n")
  #expect(message?.contains("daemon.limits.max_concurrent_streams") == true, "\(message ?? "")")
}

@Test func unknownLogLevelIsRefused() {
  let message = failure("[daemon]\nlog_level = \"verbose\"\n")
  #expect(message?.contains("daemon.log_level") == true, "\(message ?? "")")
}

@Test func unknownModuleInEnabledIsRefusedByName() {
  let message = failure("[modules]\nenabled = [\"probe\", \"foo\"]\n")
  #expect(message?.contains("modules.enabled") == true, "\(message ?? "")")
  #expect(message?.contains("'foo'") == true)
}

@Test func unknownModuleTableIsRefusedByName() {
  let message = failure("[modules.foo]\ncolour = \"red\"\n")
  #expect(message?.contains("modules.foo") == true, "\(message ?? "")")
}

@Test
func unknownModuleTableNamesItsHeaderLine() {
  let message = failure("[daemon]\n\n[modules.foo]\ncolour = \"red\"\n")
  #expect(message?.hasPrefix("vetsd.toml:3: modules.foo") == true, "\(message ?? "")")
}

@Test func plaintextTCPOffLoopbackIsRefused() {
  let message = failure("[daemon.tcp]\nlisten = \"0.0.0.0:7443\"\ninsecure = true\n")
  #expect(message?.contains("daemon.tcp.insecure") == true, "\(message ?? "")")
  #expect(message?.contains("loopback") == true)
}

@Test
func plaintextTCPOnAHostNameStartingWith127IsRefused() {
  let message = failure("[daemon.tcp]\nlisten = \"127.example.org:7443\"\ninsecure = true\n")
  #expect(message?.contains("daemon.tcp.insecure") == true, "\(message ?? "")")
}

@Test(arguments: ["127.0.0.1:7443", "[::1]:7443", "localhost:7443"])
func plaintextTCPOnLoopbackIsAccepted(listen: String) throws {
  let config = try parse("[daemon.tcp]\nlisten = \"\(listen)\"\ninsecure = true\n")
  let tcp = try #require(config.tcp)
  #expect(tcp.insecure)
  #expect(tcp.port == 7443)
  #expect(tcp.tlsCert == nil)
}

@Test func tcpWithoutCertificateIsRefused() {
  let message = failure("[daemon.tcp]\nlisten = \"0.0.0.0:7443\"\n")
  #expect(message?.contains("daemon.tcp.tls_cert") == true, "\(message ?? "")")
}

@Test func tcpWithoutListenIsRefused() {
  let message = failure("[daemon.tcp]\ninsecure = true\n")
  #expect(message?.contains("daemon.tcp.listen") == true, "\(message ?? "")")
}

@Test(arguments: ["0666", "0662", "0460", "1660", "0xff", "rw"])
func socketModeWithWorldAccessOrNotOwnerReadWriteIsRefused(mode: String) {
  let message = failure("[daemon]\nsocket_mode = \"\(mode)\"\n")
  #expect(message?.contains("daemon.socket_mode") == true, "\(message ?? "")")
  #expect(message?.contains("no world access") == true)
}

@Test func unterminatedStringReportsItsLine() {
  #expect(failure("[daemon]\n\nsocket = \"/tmp/x.sock\n") == "vetsd.toml:3: daemon.socket: unterminated string")
}

/// TOMLKit reads inline tables as the tables they are (the hand parser refused them), and a
/// misspelt key inside one is still named, with the line of its table.
@Test func inlineTableIsReadAsItsTableAndItsKeysAreChecked() throws {
  let config = try parse("[daemon]\ntcp = { listen = \"127.0.0.1:1\", insecure = true }\n")
  #expect(config.tcp?.port == 1 && config.tcp?.insecure == true)
  let message = failure("[daemon]\ntcp = { listen = \"127.0.0.1:1\", insecure = true, colour = \"red\" }\n")
  #expect(message?.hasPrefix("vetsd.toml:2: daemon.tcp.colour: unknown key") == true, "\(message ?? "")")
}

@Test func dottedKeysSetTheirTableAndAMisspeltOneIsNamedWithItsLine() throws {
  let config = try parse("[daemon]\nlimits.max_concurrent_streams = 64\n")
  #expect(config.limits.maxConcurrentStreams == 64)
  let message = failure("[daemon]\nlimits.max_concurrent_streams = 64\nlimits.colour = 1\n")
  #expect(message?.hasPrefix("vetsd.toml:3: daemon.limits.colour: unknown key") == true, "\(message ?? "")")
}

@Test func aKeyAfterAMultiLineStringIsNamedWithItsOwnLine() {
  // The string's own line "sokcet = 1" is text, not a key.
  let message = failure("[daemon]\nsocket_group = '''\nsokcet = 1'''\nsokcet = 2\n")
  #expect(message?.hasPrefix("vetsd.toml:4: daemon.sokcet: unknown key") == true, "\(message ?? "")")
}

@Test func aFloatWhereAnIntegerBelongsIsNamed() {
  let message = failure("[daemon]\n\nshutdown_grace_seconds = 5.5\n")
  #expect(message?.hasPrefix("vetsd.toml:3: daemon.shutdown_grace_seconds: '5.5' is not a TOML integer") == true, "\(message ?? "")")
}

@Test func anArrayOfTablesWhereATableBelongsIsNamed() {
  let message = failure("[[daemon]]\nlog_level = \"info\"\n")
  #expect(message?.hasPrefix("vetsd.toml:1: daemon: expected a table, found an array") == true, "\(message ?? "")")
}

@Test func duplicateKeyReportsTheSecondLine() {
  let message = failure("[daemon]\nlog_level = \"info\"\nlog_level = \"debug\"\n")
  #expect(message?.hasPrefix("vetsd.toml:3:") == true, "\(message ?? "")")
  #expect(message?.contains("log_level") == true)
}

@Test func tableDefinedTwiceIsRefused() {
  let message = failure("[daemon]\n[modules]\n[daemon]\n")
  #expect(message?.hasPrefix("vetsd.toml:3:") == true, "\(message ?? "")")
}

@Test func floatsAndArraysOfTablesAreRefused() {
  #expect(failure("[daemon]\nshutdown_grace_seconds = 1.5\n")?.hasPrefix("vetsd.toml:2:") == true)
  #expect(failure("[[modules]]\n")?.hasPrefix("vetsd.toml:1:") == true)
}

// MARK: Module sections

private let catalog = try! ModuleCatalog([ProbeModule.self, ProbeExtraModule.self])

@Test func misspeltModuleKeyIsRefusedWithItsDottedName() throws {
  let config = try parse("[modules.probe]\ngreting = \"x\"\n")
  let error = #expect(throws: ConfigError.self) { try config.moduleConfigs(catalog) }
  #expect(error?.description == "vetsd.toml:2: modules.probe.greting: unknown key (known keys: greeting)")
}

@Test func moduleSectionDecodesIntoTheModulesConfig() throws {
  let config = try parse("[modules.probe]\ngreeting = \"hi\"\n")
  let configs = try config.moduleConfigs(catalog)
  let probe = try #require(configs["probe"] as? ProbeConfig)
  #expect(probe.greeting == "hi")
  #expect(configs["probeextra"] is NoConfig)
}

@Test func absentModuleSectionGivesTheDefaults() throws {
  let configs = try parse("").moduleConfigs(catalog)
  #expect((configs["probe"] as? ProbeConfig)?.greeting == "hello")
}

@Test func disabledModuleSectionIsStillChecked() throws {
  let config = try parse("[modules]\nenabled = []\n[modules.probeextra]\nanything = 1\n")
  let error = #expect(throws: ConfigError.self) { try config.moduleConfigs(catalog) }
  #expect(error?.key == "modules.probeextra.anything")
  #expect(error?.message.contains("takes no keys") == true)
}

// MARK: Text

@Test func extensionBAndCJKStringsAreReadFaithfully() throws {
  let config = try parse("[modules.probe]\ngreeting = \"𠀀𪚥 你好，县退役军人事务局\"\n")
  let probe = try #require(try config.moduleConfigs(catalog)["probe"] as? ProbeConfig)
  #expect(probe.greeting == "𠀀𪚥 你好，县退役军人事务局")
  #expect(probe.greeting.unicodeScalars.first?.value == 0x20000)
}

@Test func unicodeEscapesDecodeToTheirScalars() throws {
  let text = #"[daemon]"# + "\n" + #"socket_group = "\u4F60\U0002A6A5\t\"q\"\\""#
  // The parser decodes every escape; the config then refuses the tab in a group name.
  guard case .table(let daemon)? = try TOMLParser.parse(text)["daemon"] else { Issue.record("no [daemon] table"); return }
  #expect(daemon["socket_group"] == .string("你𪚥\t\"q\"\\"))
  #expect(failure(text)?.contains("daemon.socket_group: must not contain control characters") == true)
  let config = try parse(#"[daemon]"# + "\n" + #"socket_group = "\u4F60\U0002A6A5\"q\"\\""#)
  #expect(config.socketGroup == "你𪚥\"q\"\\")
}

@Test func literalStringsKeepBackslashes() throws {
  let config = try parse("[daemon]\ndata_dir = 'C:\\vets\\data'\n")
  #expect(config.dataDir == #"C:\vets\data"#)
}

@Test func surrogateEscapeIsRefused() {
  let message = failure(#"[daemon]"# + "\n" + #"socket_group = "\uD800""#)
  #expect(message?.hasPrefix("vetsd.toml:2:") == true, "\(message ?? "")")
}

@Test func quotedKeysMayBeNonASCII() throws {
  // Quoted keys are TOML too, and a typo in one must still be named in full.
  let message = failure("[daemon]\n\"套接字\" = \"x\"\n")
  #expect(message?.contains("daemon.套接字") == true, "\(message ?? "")")
}

@Test func aControlCharacterInAStringIsRefusedNamingTheKey() {
  // A NUL would cut the socket path short: real.sock would be bound, silently.
  let nul = failure("[daemon]\nsocket = \"/tmp/real.sock\\u0000.ignored\"\n")
  #expect(nul?.contains("daemon.socket: must not contain control characters") == true, "\(nul ?? "")")
  let line = failure("[daemon]\ndata_dir = \"/var/lib/vetsd\\n\"\n")
  #expect(line?.contains("daemon.data_dir: must not contain control characters") == true, "\(line ?? "")")
}

/// Issue 16, item 21: what TOML 1.0 forbids is refused, whichever parser reads the file.
@Test(arguments: ["0660", "010", "1_", "1__0", "-_1", "0_5", "_1", "+0x10", "0x", "1e3", "1.5", "0b102"])
func integersTOMLForbidsAreRefused(text: String) {
  let message = failure("[daemon.limits]\nmax_concurrent_streams = \(text)\n")
  #expect(message?.contains("daemon.limits.max_concurrent_streams") == true, "\(text): \(message ?? "")")
}

@Test(arguments: [("1_000", Int64(1000)), ("0x10", 16), ("0o17", 15), ("0b101", 5), ("+20", 20), ("0", 0)])
func integersTOMLAllowsAreRead(text: String, value: Int64) throws {
  let table = try TOMLParser.parse("n = \(text)\n")
  #expect(table["n"] == .integer(value), "\(text)")
}

@Test(arguments: ["s = \"a\u{7F}b\"\n", "s = 'a\u{01}b'\n", "# a comment with \u{7F} DEL\ns = 1\n", "# bell \u{07}\ns = 1\n",
  "s = 1\r# a lone carriage return\n"])
func controlCharactersAndDELInStringsAndCommentsAreRefused(text: String) {
  #expect(throws: TOMLError.self, "\(text.debugDescription)") { try TOMLParser.parse(text) }
}

@Test func aTableMadeByDottedKeysCannotBeReopenedByAHeaderNorTheReverse() {
  #expect(throws: TOMLError.self) { try TOMLParser.parse("[a]\nb.c = 1\n[a.b]\nd = 2\n") }
  #expect(throws: TOMLError.self) { try TOMLParser.parse("[a.b]\nc = 1\n[a]\nb.d = 2\n") }
  // A header for a table only implied by an earlier header is allowed.
  #expect(throws: Never.self) { try TOMLParser.parse("[a.b]\nc = 1\n[a]\nd = 2\n") }
  #expect(throws: Never.self) { try TOMLParser.parse("s = 1\r\n# CR LF line ends\r\nt = 2\r\n") }
}

/// Issue 16, item 9: 3,000 nested arrays are refused with a line, not a crash.
@Test func deeplyNestedArraysAreRefusedNotACrash() {
  let message = failure("[modules.probe]\nrejection_reasons = " + String(repeating: "[", count: 3000) + "\n")
  #expect(message?.contains("nest at most") == true, "\(message ?? "")")
  let keys = failure(String(repeating: "a.", count: 3000) + "b = 1\n")
  #expect(keys?.contains("nest at most") == true, "\(keys ?? "")")
}

@Test func theTimeZoneIsChinaTimeUnlessAnIANANameIsGiven() throws {
  #expect(try parse("").timeZone == "Asia/Shanghai")
  #expect(try parse("[daemon]\ntime_zone = \"Asia/Urumqi\"\n").timeZone == "Asia/Urumqi")
  for bad in ["CST", "Mars/Olympus", "+08:00", ""] {
    let message = failure("[daemon]\ntime_zone = \"\(bad)\"\n")
    #expect(message?.contains("daemon.time_zone") == true && message?.contains("IANA name") == true, "\(bad): \(message ?? "")")
  }
}
