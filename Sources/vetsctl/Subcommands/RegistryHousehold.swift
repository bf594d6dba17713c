import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI

/// `vetsctl registry household ...`: households (户) and the household file (一户一档).
struct HouseholdCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "household", abstract: "Create households, change their members, show the household file.",
    subcommands: [Create.self, AddMember.self, RemoveMember.self, SetHead.self, Show.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a household headed by a registered person.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The head's person id.", valueName: "person")) var head: String
    @Option(help: "The household's address (default: the head's).") var address: String?

    func run() async throws {
      var request = Vets_Registry_V1_CreateHouseholdRequest()
      request.requestID = global.effectiveRequestID
      request.headPersonID = head
      request.address = address ?? ""
      try await printHousehold(global) { households, daemon in
        try await households.createHousehold(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct AddMember: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a person to a household.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The household's id.") var household: String
    @Argument(help: "The person's id.") var person: String
    @Option(help: "The relation to the head, e.g. 配偶, 子女, 父母, 兄弟姐妹, 孙子女, 其他.") var relation: String

    func run() async throws {
      var request = Vets_Registry_V1_AddHouseholdMemberRequest()
      request.requestID = global.effectiveRequestID
      request.householdID = household
      request.personID = person
      request.relation = relation
      try await printHousehold(global) { households, daemon in
        try await households.addHouseholdMember(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct RemoveMember: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Remove a person from a household.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The household's id.") var household: String
    @Argument(help: "The person's id.") var person: String

    func run() async throws {
      var request = Vets_Registry_V1_RemoveHouseholdMemberRequest()
      request.requestID = global.effectiveRequestID
      request.householdID = household
      request.personID = person
      try await printHousehold(global) { households, daemon in
        try await households.removeHouseholdMember(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct SetHead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-head", abstract: "Make a member the household's head.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The household's id.") var household: String
    @Argument(help: "The new head's person id.") var person: String
    @Option(help: "The former head's relation to the new head.") var formerHeadRelation: String?

    func run() async throws {
      var request = Vets_Registry_V1_SetHouseholdHeadRequest()
      request.requestID = global.effectiveRequestID
      request.householdID = household
      request.personID = person
      request.formerHeadRelation = formerHeadRelation ?? ""
      try await printHousehold(global) { households, daemon in
        try await households.setHouseholdHead(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show the household file: the household, its members, and each module's section.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The household's id.") var household: String

    func run() async throws {
      var request = Vets_Registry_V1_GetHouseholdFileRequest()
      request.householdID = household
      let daemon = Daemon(options: global)
      let file = try await daemon.call { client in
        try await Vets_Registry_V1_HouseholdService.Client(wrapping: client)
          .getHouseholdFile(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(file)
      case .table, .csv:
        printHouseholdTable(file.household)
        for section in file.sections {
          print("")
          print(section.title.isEmpty ? section.module : section.title)
          if section.entries.isEmpty {
            print("  (nothing recorded)")
          } else {
            Output.fields(section.entries.map { ("  " + $0.label, $0.value) })
          }
        }
      }
    }
  }
}

/// Makes one HouseholdService call that answers a Household, and prints it.
func printHousehold(
  _ global: GlobalOptions,
  _ body: @escaping (Vets_Registry_V1_HouseholdService.Client<HTTP2ClientTransport.Posix>, Daemon) async throws -> Vets_Registry_V1_Household
) async throws {
  let daemon = Daemon(options: global)
  let household = try await daemon.call { client in
    try await body(Vets_Registry_V1_HouseholdService.Client(wrapping: client), daemon)
  }
  switch global.output {
  case .json: try Output.json(household)
  case .table, .csv: printHouseholdTable(household)
  }
}

func printHouseholdTable(_ household: Vets_Registry_V1_Household) {
  Output.fields([
    ("household", household.id), ("head", household.headPersonID),
    ("village", dash(household.villageCode)), ("address", dash(household.address)),
  ])
  print("")
  Output.table(
    ["PERSON", "NAME", "RELATION", "STATUS"],
    household.members.map { [$0.personID, $0.name, dash($0.relation), EnumNames.name($0.status)] })
}
