import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// `vetsctl alliance enterprise ...`: the army-support enterprises.

struct EnterpriseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enterprise", abstract: "Army-supporting enterprises.", subcommands: [Add.self, Update.self, Suspend.self, List.self, Show.self])

  enum Category: String, ExpressibleByArgument, CaseIterable {
    case retail, catering, medical, housekeeping, education, transport, finance, culture, other
    var proto: Vets_Alliance_V1_EnterpriseCategory { Vets_Alliance_V1_EnterpriseCategory(rawValue: Category.allCases.firstIndex(of: self)! + 1)! }
  }

  static func print(_ enterprises: [Vets_Alliance_V1_Enterprise]) {
    Output.table(
      ["ENTERPRISE", "NAME", "CREDIT CODE", "CATEGORY", "TOWN", "STATUS"],
      enterprises.map { e in
        [e.id, e.name, e.creditCode, Category.allCases.first { $0.proto == e.category }?.rawValue ?? "-", e.townCode,
         e.status == .active ? "active" : e.status == .suspended ? "suspended" : "withdrawn"]
      })
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an enterprise to the alliance directory.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String
    @Option(help: "Unified social credit code (18 characters).") var creditCode: String
    @Option var category: Category
    @Option(help: "9-digit town code.") var town: String
    @Option var address = ""
    @Option var contact = ""
    @Option(help: "Admin only: accept a code whose check character fails, and why.") var overrideReason = ""

    func run() async throws {
      var r = Vets_Alliance_V1_AddEnterpriseRequest()
      r.requestID = global.effectiveRequestID
      r.enterprise.name = name
      r.enterprise.creditCode = creditCode
      r.enterprise.category = category.proto
      r.enterprise.townCode = town
      r.enterprise.address = address
      r.enterprise.contact = contact
      r.overrideReason = overrideReason
      let e = try await allianceCall(global) { c, m, o in try await c.addEnterprise(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(e)
      case .table, .csv: EnterpriseCommand.print([e])
      }
    }
  }

  struct Suspend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend (or --resume, or --withdraw) an enterprise; its offers stop at once.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Flag var resume = false
    @Flag var withdraw = false

    func run() async throws {
      var r = Vets_Alliance_V1_SetEnterpriseStatusRequest()
      r.requestID = global.effectiveRequestID
      r.id = id
      r.status = resume ? .active : withdraw ? .withdrawn : .suspended
      let e = try await allianceCall(global) { c, m, o in try await c.setEnterpriseStatus(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(e)
      case .table, .csv: EnterpriseCommand.print([e])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List enterprises.")
    @OptionGroup var global: GlobalOptions
    @Option var category: Category?
    @Option var town = ""

    func run() async throws {
      var r = Vets_Alliance_V1_ListEnterprisesRequest()
      if let category { r.category = category.proto }
      r.townCode = town
      let response = try await allianceCall(global) { c, m, o in try await c.listEnterprises(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        EnterpriseCommand.print(response.enterprises)
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

extension EnterpriseCommand {
  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One enterprise.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() async throws {
      var r = Vets_Alliance_V1_GetEnterpriseRequest()
      r.id = id
      let e = try await allianceCall(global) { c, m, o in try await c.getEnterprise(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(e)
      case .table, .csv:
        Output.fields([
          ("enterprise", e.id), ("name", e.name), ("credit code", e.creditCode), ("town", e.townCode), ("address", e.address),
          ("contact", e.contact), ("joined", Dates.text(e.joinedOn)),
          ("override", e.creditCodeOverrideReason.isEmpty ? "-" : e.creditCodeOverrideReason),
        ])
      }
    }
  }

  struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change an enterprise's name, category, town, address or contact.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var name: String?
    @Option var category: Category?
    @Option var town: String?
    @Option var address: String?
    @Option var contact: String?

    func run() async throws {
      var get = Vets_Alliance_V1_GetEnterpriseRequest()
      get.id = id
      var e = try await allianceCall(global) { c, m, o in try await c.getEnterprise(get, metadata: m, options: o) }
      if let name { e.name = name }
      if let category { e.category = category.proto }
      if let town { e.townCode = town }
      if let address { e.address = address }
      if let contact { e.contact = contact }
      var r = Vets_Alliance_V1_UpdateEnterpriseRequest()
      r.requestID = global.effectiveRequestID
      r.enterprise = e
      let updated = try await allianceCall(global) { c, m, o in try await c.updateEnterprise(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(updated)
      case .table, .csv: EnterpriseCommand.print([updated])
      }
    }
  }
}
