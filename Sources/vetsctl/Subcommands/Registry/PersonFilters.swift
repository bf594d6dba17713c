import ArgumentParser
import VetsAPI

/// The search filters shared by `person list`/`person search` and `registry export`.
struct PersonFilters: ParsableArguments {
  @Option(help: "The name (exact, or a prefix with --prefix).") var name: String?
  @Flag(help: "Match names that start with --name.") var prefix = false
  @Option(help: "A full resident ID number, or its last 6 characters.") var idNumber: String?
  @Option(help: "A preferential treatment certificate (优待证) number.") var certificate: String?
  @Option(help: ArgumentHelp("A 9-digit town or 12-digit village code.", valueName: "code")) var division: String?
  @Option(help: ArgumentHelp("People with this category.", valueName: "category")) var category: Word<Vets_Registry_V1_Category>?
  @Option(help: "People with this status.") var status: Word<Vets_Registry_V1_PersonStatus>?
  @Option(help: "At least this many whole years old today.") var minAge: Int32?
  @Option(help: "At most this many whole years old today.") var maxAge: Int32?
  @Option(help: "Party members (yes) or not (no).") var partyMember: YesNo?
  @Option(help: "People with this tag.") var tag: String?

  func validate() throws {
    if prefix, (name ?? "").isEmpty { throw ValidationError("--prefix needs --name") }
    if let minAge, minAge < 0 { throw ValidationError("--min-age must not be negative") }
    if let maxAge, maxAge < 0 { throw ValidationError("--max-age must not be negative") }
    if let minAge, let maxAge, minAge > maxAge { throw ValidationError("--min-age must not be larger than --max-age") }
  }

  func request() -> Vets_Registry_V1_SearchPersonsRequest {
    var request = Vets_Registry_V1_SearchPersonsRequest()
    request.name = name ?? ""
    request.namePrefix = prefix
    request.idNumber = idNumber ?? ""
    request.certificateNo = certificate ?? ""
    request.divisionCode = division ?? ""
    request.category = category?.value ?? .unspecified
    request.status = status?.value ?? .unspecified
    request.minAge = minAge ?? 0
    request.maxAge = maxAge ?? 0
    request.partyMember = partyMember?.rawValue ?? ""
    request.tag = tag ?? ""
    return request
  }
}
