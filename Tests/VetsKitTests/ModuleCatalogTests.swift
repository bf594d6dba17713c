import GRPCCore
import ProbeModule
import Testing
import VetsKit

/// A module that does nothing, so each test declares only the ids and dependencies it is about.
private protocol FakeModule: VetsModule where Config == NoConfig {
  init()
}

extension FakeModule {
  static var version: String { "0.0.1" }
  static var serviceDescriptors: [ServiceDescriptor] { [] }
  static func registerMigrations(_ migrations: inout ModuleMigrations) {}
  init(context: ModuleContext<NoConfig>) async throws { self.init() }
  var services: [ServiceRegistration] { [] }
}

private struct Base: FakeModule { static let id = "base" }
private struct Middle: FakeModule {
  static let id = "middle"
  static let requires = ["base"]
}
private struct Top: FakeModule {
  static let id = "top"
  static let requires = ["middle"]
}
private struct Reporter: FakeModule {
  static let id = "reporter"
  static let uses = ["ledger"]
}
private struct Ledger: FakeModule { static let id = "ledger" }
private struct Chicken: FakeModule {
  static let id = "chicken"
  static let requires = ["egg"]
}
private struct Egg: FakeModule {
  static let id = "egg"
  static let requires = ["chicken"]
}
private struct Orphan: FakeModule {
  static let id = "orphan"
  static let requires = ["ghost"]
}
private struct Optimist: FakeModule {
  static let id = "optimist"
  static let uses = ["ghost"]
}
private struct OtherBase: FakeModule { static let id = "base" }
private struct Daemon: FakeModule { static let id = "daemon" }
private struct BadID: FakeModule { static let id = "Bad_1" }

private func ids(_ plan: [any VetsModule.Type]) -> [String] { plan.map { $0.id } }

@Test func planPutsDependenciesBeforeDependantsWhateverTheDeclarationOrder() throws {
  let catalog = try ModuleCatalog([Top.self, Middle.self, Base.self])
  #expect(ids(try catalog.plan(enabled: ["top", "middle", "base"])) == ["base", "middle", "top"])
  #expect(ids(try catalog.plan(enabled: ["base", "top", "middle"])) == ["base", "middle", "top"])
}

@Test func planOrdersUsedModulesFirstWhenEnabled() throws {
  let catalog = try ModuleCatalog([Reporter.self, Ledger.self])
  #expect(ids(try catalog.plan(enabled: ["reporter", "ledger"])) == ["ledger", "reporter"])
}

@Test func planIgnoresUsedModulesThatAreNotEnabled() throws {
  let catalog = try ModuleCatalog([Reporter.self, Ledger.self])
  #expect(ids(try catalog.plan(enabled: ["reporter"])) == ["reporter"])
}

@Test func planOfNilEnablesEveryModule() throws {
  let catalog = try ModuleCatalog([Top.self, Reporter.self, Middle.self, Ledger.self, Base.self])
  let plan = ids(try catalog.plan(enabled: nil))
  #expect(plan.sorted() == ["base", "ledger", "middle", "reporter", "top"])
  #expect(plan.firstIndex(of: "base")! < plan.firstIndex(of: "middle")!)
  #expect(plan.firstIndex(of: "middle")! < plan.firstIndex(of: "top")!)
  #expect(plan.firstIndex(of: "ledger")! < plan.firstIndex(of: "reporter")!)
}

@Test func planOfNothingIsEmpty() throws {
  #expect(try ModuleCatalog([Base.self]).plan(enabled: []).isEmpty)
}

@Test func missingRequiredDependencyNamesBothModules() throws {
  let catalog = try ModuleCatalog([Top.self, Middle.self, Base.self])
  let error = #expect(throws: CatalogError.self) { try catalog.plan(enabled: ["top", "middle"]) }
  #expect(error == .missingDependency(module: "middle", requires: "base"))
  #expect(error?.description.contains("'middle'") == true)
  #expect(error?.description.contains("'base'") == true)
}

@Test func cycleIsRefusedWhenTheCatalogIsBuilt() {
  let error = #expect(throws: CatalogError.self) { try ModuleCatalog([Chicken.self, Egg.self]) }
  guard case .cycle(let path) = error else {
    Issue.record("expected a cycle, got \(String(describing: error))")
    return
  }
  #expect(Set(path) == ["chicken", "egg"])
  #expect(path.first == path.last)
  #expect(error?.description.contains("chicken") == true)
  #expect(error?.description.contains("egg") == true)
}

@Test func unknownModuleInPlanIsRefused() throws {
  let catalog = try ModuleCatalog([Base.self])
  let error = #expect(throws: CatalogError.self) { try catalog.plan(enabled: ["nope"]) }
  #expect(error == .unknownModule("nope", known: ["base"]))
  #expect(error?.description.contains("'nope'") == true)
}

@Test func duplicateIDsAreRefused() {
  #expect(throws: CatalogError.duplicate("base")) { try ModuleCatalog([Base.self, OtherBase.self]) }
}

@Test func theDaemonsOwnIDIsReserved() {
  #expect(throws: CatalogError.duplicate("daemon")) { try ModuleCatalog([Daemon.self]) }
}

@Test func idsMustBeLowerCaseLetters() {
  #expect(throws: CatalogError.badID("Bad_1")) { try ModuleCatalog([BadID.self]) }
}

@Test func dependencyOnAModuleNotCompiledInIsRefused() {
  let error = #expect(throws: CatalogError.self) { try ModuleCatalog([Orphan.self]) }
  #expect(error == .unknownDependency(module: "orphan", dependency: "ghost"))
  #expect(error?.description.contains("'ghost'") == true)
}

@Test func usingAModuleNotCompiledInIsAllowed() throws {
  let catalog = try ModuleCatalog([Optimist.self])
  #expect(ids(try catalog.plan(enabled: nil)) == ["optimist"])
}

@Test func knownMigrationsIncludeTheDaemonsAndEveryModules() throws {
  let catalog = try ModuleCatalog([ProbeModule.self, ProbeExtraModule.self])
  let known = catalog.knownMigrations
  #expect(known.contains("probe.notes.v1"))
  #expect(known.contains("daemon.audit.v1"))
  #expect(known.contains("daemon.tokens.v1"))
  #expect(known.contains("daemon.requests.v1"))
}

@Test func probeExtraNeedsProbeEnabled() throws {
  let catalog = try ModuleCatalog([ProbeExtraModule.self, ProbeModule.self])
  #expect(throws: CatalogError.missingDependency(module: "probeextra", requires: "probe")) {
    try catalog.plan(enabled: ["probeextra"])
  }
  #expect(ids(try catalog.plan(enabled: nil)) == ["probe", "probeextra"])
}
