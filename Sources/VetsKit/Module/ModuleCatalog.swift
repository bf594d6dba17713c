/// The modules compiled into this binary, and the order in which the enabled ones start.
public struct ModuleCatalog: Sendable {
  public let modules: [any VetsModule.Type]

  public init(_ modules: [any VetsModule.Type]) throws(CatalogError) {
    var seen: Set<String> = []
    for module in modules {
      guard !module.id.isEmpty, module.id.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else {
        throw .badID(module.id)
      }
      guard module.id != "daemon", seen.insert(module.id).inserted else { throw .duplicate(module.id) }
    }
    self.modules = modules
    for module in modules {
      // A used module may be left out of a build; a required one may not.
      for dependency in module.requires where !seen.contains(dependency) {
        throw .unknownDependency(module: module.id, dependency: dependency)
      }
    }
    // A cycle among compiled-in modules would stop every configuration that enables it.
    _ = try order(Set(seen))
  }

  public var ids: [String] { modules.map { $0.id } }

  public func module(_ id: String) -> (any VetsModule.Type)? { modules.first { $0.id == id } }

  /// Every migration identifier this binary knows, enabled or not, with the daemon's own.
  public var knownMigrations: Set<String> {
    var known = Set(VetsDatabase.coreMigrations.identifiers)
    for module in modules {
      var m = ModuleMigrations(moduleID: module.id)
      module.registerMigrations(&m)
      known.formUnion(m.identifiers)
    }
    return known
  }

  /// The enabled modules in start order: each after the modules it requires and the enabled
  /// modules it uses. `nil` enables every compiled-in module.
  public func plan(enabled: [String]?) throws(CatalogError) -> [any VetsModule.Type] {
    let enabled = enabled ?? ids
    for id in enabled where module(id) == nil {
      throw .unknownModule(id, known: ids)
    }
    let set = Set(enabled)
    for id in enabled {
      for dependency in module(id)!.requires where !set.contains(dependency) {
        throw .missingDependency(module: id, requires: dependency)
      }
    }
    return try order(set)
  }

  private func order(_ enabled: Set<String>) throws(CatalogError) -> [any VetsModule.Type] {
    var done: Set<String> = []
    var path: [String] = []
    var result: [any VetsModule.Type] = []

    func visit(_ module: any VetsModule.Type) throws(CatalogError) {
      if done.contains(module.id) { return }
      if let start = path.firstIndex(of: module.id) {
        throw .cycle(Array(path[start...]) + [module.id])
      }
      path.append(module.id)
      for dependency in module.requires + module.uses where enabled.contains(dependency) {
        guard let dependency = self.module(dependency) else { continue }
        try visit(dependency)
      }
      path.removeLast()
      done.insert(module.id)
      result.append(module)
    }

    for module in modules where enabled.contains(module.id) {
      try visit(module)
    }
    return result
  }
}

public enum CatalogError: Error, Equatable, CustomStringConvertible {
  case badID(String)
  case duplicate(String)
  case unknownDependency(module: String, dependency: String)
  case unknownModule(String, known: [String])
  case missingDependency(module: String, requires: String)
  case cycle([String])

  public var description: String {
    switch self {
    case .badID(let id): "module id \(quoted: id) must be lower-case letters a-z"
    case .duplicate(let id): "two compiled-in modules use the id \(quoted: id)"
    case .unknownDependency(let module, let dependency):
      "module \(quoted: module) depends on \(quoted: dependency), which is not compiled in"
    case .unknownModule(let id, let known):
      "unknown module \(quoted: id) (compiled-in modules: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
    case .missingDependency(let module, let requires):
      "module \(quoted: module) requires module \(quoted: requires), which is not enabled; enable both or neither"
    case .cycle(let path): "module dependency cycle: \(path.joined(separator: " -> "))"
    }
  }
}
