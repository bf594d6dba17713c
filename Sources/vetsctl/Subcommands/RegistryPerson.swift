import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI

/// `vetsctl registry person ...`: veterans and entitled dependants.
struct PersonCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "person", abstract: "Register, read, change and search people.",
    subcommands: [Add.self, Get.self, Update.self, Search.self, History.self, MarkDeceased.self, Move.self, SetStatus.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a veteran or entitled dependant.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The 18-character resident ID number (身份证号).") var idNumber: String
    @Option(help: "The name, as on the ID card.") var name: String
    @Option(help: "male or female.") var sex: SexArgument
    @Option(help: ArgumentHelp("The date of birth.", valueName: "yyyy-mm-dd")) var birthDate: String
    @Option(help: "A mobile (11 digits) or landline (0537-7212345) number.") var phone: String?
    @Option(help: ArgumentHelp(CategoryArgument.help, valueName: "category")) var category: [CategoryArgument] = []
    @Option(help: ArgumentHelp("The 12-digit village code.", valueName: "code")) var village: String
    @Option(help: "The street address.") var address: String?
    @Option(help: ArgumentHelp("The date of enlistment.", valueName: "yyyy-mm-dd")) var enlisted: String?
    @Option(help: ArgumentHelp("The date of discharge.", valueName: "yyyy-mm-dd")) var discharged: String?
    @Option(help: "The service branch.") var branch: String?
    @Flag(help: "The person is a party member.") var partyMember = false
    @Option(help: "The preferential treatment certificate (优待证) number.") var certificate: String?
    @Option(help: "A tag (repeatable).") var tag: [String] = []
    @Option(help: "Free-text notes.") var notes: String?

    func validate() throws {
      if category.isEmpty { throw ValidationError("give at least one --category") }
    }

    func run() async throws {
      var request = Vets_Registry_V1_AddPersonRequest()
      request.requestID = global.effectiveRequestID
      request.person = try PersonFields(
        idNumber: idNumber, name: name, sex: sex, birthDate: birthDate, phone: phone, categories: category,
        village: village, address: address, enlisted: enlisted, discharged: discharged, branch: branch,
        partyMember: partyMember, certificate: certificate, tags: tag, notes: notes
      ).input().input
      try await printPerson(global) { people, daemon in
        try await people.addPerson(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "get",
      abstract: "Show one person (ID number and phone unmasked for roles that need them; the read is audited).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String

    func run() async throws {
      var request = Vets_Registry_V1_GetPersonRequest()
      request.id = id
      try await printPerson(global) { people, daemon in
        try await people.getPerson(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "update",
      abstract: "Change the given fields of a person; --version must be the version you read.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    @Option(help: "The version you read (from 'person get'); a stale version is refused.") var version: Int64
    @Option(help: "The 18-character resident ID number (身份证号).") var idNumber: String?
    @Option(help: "The name, as on the ID card.") var name: String?
    @Option(help: "male or female.") var sex: SexArgument?
    @Option(help: ArgumentHelp("The date of birth.", valueName: "yyyy-mm-dd")) var birthDate: String?
    @Option(help: "A mobile or landline number; an empty value clears it.") var phone: String?
    @Option(help: ArgumentHelp(CategoryArgument.help + " Replaces all categories.", valueName: "category"))
    var category: [CategoryArgument] = []
    @Option(help: ArgumentHelp("The 12-digit village code.", valueName: "code")) var village: String?
    @Option(help: "The street address.") var address: String?
    @Option(help: ArgumentHelp("The date of enlistment.", valueName: "yyyy-mm-dd")) var enlisted: String?
    @Option(help: ArgumentHelp("The date of discharge.", valueName: "yyyy-mm-dd")) var discharged: String?
    @Option(help: "The service branch.") var branch: String?
    @Option(help: "Whether the person is a party member.") var partyMember: YesNo?
    @Option(help: "The preferential treatment certificate (优待证) number.") var certificate: String?
    @Option(help: "A tag (repeatable); replaces all tags.") var tag: [String] = []
    @Option(help: "Free-text notes.") var notes: String?

    func run() async throws {
      let (input, fields) = try PersonFields(
        idNumber: idNumber, name: name, sex: sex, birthDate: birthDate, phone: phone, categories: category,
        village: village, address: address, enlisted: enlisted, discharged: discharged, branch: branch,
        partyMember: partyMember.map { $0 == .yes }, certificate: certificate, tags: tag, notes: notes
      ).input()
      guard !fields.isEmpty else {
        throw ValidationError("nothing to change: give at least one field option, e.g. --phone or --address")
      }
      var request = Vets_Registry_V1_UpdatePersonRequest()
      request.requestID = global.effectiveRequestID
      request.id = id
      request.version = version
      request.person = input
      request.fields = fields
      try await printPerson(global) { people, daemon in
        try await people.updatePerson(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "search", abstract: "List and search people; every filter is optional.", aliases: ["list"])

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: PersonFilters
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = filters.request()
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: client)
          .searchPersons(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["ID", "NAME", "SEX", "BORN", "ID NUMBER", "PHONE", "CATEGORIES", "VILLAGE", "STATUS", "VERSION"],
          response.persons.map { p in
            [p.id, p.data.name, EnumNames.name(p.data.sex), Dates.text(p.data.birthDate, present: p.data.hasBirthDate),
             dash(p.data.idNumber), dash(p.data.phone), categoryList(p.data.categories), dash(p.data.villageCode),
             EnumNames.name(p.status), String(p.version)]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the changes made to a person, oldest first.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Registry_V1_ListPersonHistoryRequest()
      request.id = id
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: client)
          .listPersonHistory(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["SEQ", "TIME", "FIELD", "OLD", "NEW", "BY"],
          response.entries.map { e in
            [String(e.seq), Output.time(e.hasAt ? e.at : nil), e.field, dash(e.oldValue), dash(e.newValue),
             e.tokenName.isEmpty ? dash(e.tokenID) : "\(e.tokenName) (\(e.tokenID))"]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct MarkDeceased: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mark-deceased", abstract: "Record a person's death.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    @Option(help: "The version you read (from 'person get').") var version: Int64
    @Option(help: ArgumentHelp("The date of death.", valueName: "yyyy-mm-dd")) var date: String

    func run() async throws {
      var request = Vets_Registry_V1_MarkDeceasedRequest()
      request.requestID = global.effectiveRequestID
      request.id = id
      request.version = version
      request.diedOn = try Dates.parse(date, option: "--date")
      try await printPerson(global) { people, daemon in
        try await people.markDeceased(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct Move: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "move", abstract: "Move a person to another village.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    @Option(help: "The version you read (from 'person get').") var version: Int64
    @Option(help: ArgumentHelp("The new 12-digit village code.", valueName: "code")) var village: String
    @Option(help: "The new street address.") var address: String?

    func run() async throws {
      var request = Vets_Registry_V1_MovePersonRequest()
      request.requestID = global.effectiveRequestID
      request.id = id
      request.version = version
      request.villageCode = village
      request.address = address ?? ""
      try await printPerson(global) { people, daemon in
        try await people.movePerson(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }

  struct SetStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set-status",
      abstract: "Set a person's status (active, moved_out, exited).",
      discussion: "Making a deceased person active again is a correction: it needs --correction and --reason, and is audited as such.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    @Option(help: "The version you read (from 'person get').") var version: Int64
    @Option(help: "The new status.") var status: StatusArgument
    @Flag(help: "This corrects a wrong record (e.g. a person marked deceased by mistake).") var correction = false
    @Option(help: "Why, for a correction.") var reason: String?

    func validate() throws {
      if correction, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--correction needs --reason")
      }
    }

    func run() async throws {
      var request = Vets_Registry_V1_SetPersonStatusRequest()
      request.requestID = global.effectiveRequestID
      request.id = id
      request.version = version
      request.status = status.value
      request.correction = correction
      request.reason = reason ?? ""
      try await printPerson(global) { people, daemon in
        try await people.setPersonStatus(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
    }
  }
}

/// The person fields given on the command line; nil means "not given" (for update, "unchanged").
struct PersonFields {
  var idNumber: String?
  var name: String?
  var sex: SexArgument?
  var birthDate: String?
  var phone: String?
  var categories: [CategoryArgument]
  var village: String?
  var address: String?
  var enlisted: String?
  var discharged: String?
  var branch: String?
  var partyMember: Bool?
  var certificate: String?
  var tags: [String]
  var notes: String?

  /// The input message and the proto names of the fields that were given.
  func input() throws -> (input: Vets_Registry_V1_PersonInput, fields: [String]) {
    var input = Vets_Registry_V1_PersonInput()
    var fields: [String] = []
    if let idNumber { input.idNumber = idNumber; fields.append("id_number") }
    if let name { input.name = name; fields.append("name") }
    if let sex { input.sex = sex.value; fields.append("sex") }
    if let birthDate { input.birthDate = try Dates.parse(birthDate, option: "--birth-date"); fields.append("birth_date") }
    if let phone { input.phone = phone; fields.append("phone") }
    if !categories.isEmpty { input.categories = categories.map(\.value); fields.append("categories") }
    if let village { input.villageCode = village; fields.append("village_code") }
    if let address { input.address = address; fields.append("address") }
    if let enlisted { input.enlistedOn = try Dates.parse(enlisted, option: "--enlisted"); fields.append("enlisted_on") }
    if let discharged {
      input.dischargedOn = try Dates.parse(discharged, option: "--discharged")
      fields.append("discharged_on")
    }
    if let branch { input.branch = branch; fields.append("branch") }
    if let partyMember { input.partyMember = partyMember; fields.append("party_member") }
    if let certificate { input.certificateNo = certificate; fields.append("certificate_no") }
    if !tags.isEmpty { input.tags = tags; fields.append("tags") }
    if let notes { input.notes = notes; fields.append("notes") }
    return (input, fields)
  }
}

/// Makes one PeopleService call that answers a Person, and prints it.
func printPerson(
  _ global: GlobalOptions,
  _ body: @escaping (Vets_Registry_V1_PeopleService.Client<HTTP2ClientTransport.Posix>, Daemon) async throws -> Vets_Registry_V1_Person
) async throws {
  let daemon = Daemon(options: global)
  let person = try await daemon.call { client in
    try await body(Vets_Registry_V1_PeopleService.Client(wrapping: client), daemon)
  }
  switch global.output {
  case .json: try Output.json(person)
  case .table, .csv: Output.fields(personFields(person))
  }
}

func personFields(_ p: Vets_Registry_V1_Person) -> [(String, String)] {
  let d = p.data
  var pairs: [(String, String)] = [
    ("id", p.id), ("name", d.name), ("sex", EnumNames.name(d.sex)),
    ("birth date", Dates.text(d.birthDate, present: d.hasBirthDate)),
    ("id number", dash(d.idNumber)), ("phone", dash(d.phone)),
    ("categories", categoryList(d.categories)), ("village", dash(d.villageCode)), ("address", dash(d.address)),
    ("enlisted", Dates.text(d.enlistedOn, present: d.hasEnlistedOn)),
    ("discharged", Dates.text(d.dischargedOn, present: d.hasDischargedOn)),
    ("branch", dash(d.branch)), ("party member", d.partyMember ? "yes" : "no"),
    ("certificate", dash(d.certificateNo)), ("tags", d.tags.isEmpty ? "-" : d.tags.joined(separator: ",")),
    ("notes", dash(d.notes)), ("status", EnumNames.name(p.status)),
  ]
  if p.hasDiedOn { pairs.append(("died on", Dates.text(p.diedOn))) }
  pairs += [
    ("household", dash(p.householdID)), ("relation to head", dash(p.relationToHead)),
    ("version", String(p.version)),
    ("created", Output.time(p.hasCreatedAt ? p.createdAt : nil)),
    ("updated", Output.time(p.hasUpdatedAt ? p.updatedAt : nil)),
  ]
  if p.masked { pairs.append(("masked", "yes: the ID number and phone are masked for your role")) }
  return pairs
}

/// Categories as names joined by ",".
func categoryList(_ categories: [Vets_Registry_V1_PersonCategory]) -> String {
  categories.isEmpty ? "-" : categories.map(CategoryArgument.name).joined(separator: ",")
}

func dash(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).isEmpty ? "-" : text }
