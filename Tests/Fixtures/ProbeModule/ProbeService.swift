import GRDB
import GRPCCore
import VetsAPI
import VetsKit

struct ProbeService: Vets_Probe_V1_ProbeService.SimpleServiceProtocol, NoteCounter, HouseholdFileContributor {
  static let rules: AccessRules = [
    "AddNote": .write(.admin, .clerk),
    "GetNote": .read(.admin, .clerk, .auditor),
  ]

  let database: VetsDatabase
  let greeting: String

  func addNote(request: Vets_Probe_V1_AddNoteRequest, context: ServerContext) async throws -> Vets_Probe_V1_Note {
    let text = try Validate.text(request.text, field: "text", max: 200)
    let greeting = self.greeting
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try db.execute(sql: "INSERT INTO probe_notes (text) VALUES (?)", arguments: [text])
      var note = Vets_Probe_V1_Note()
      note.id = db.lastInsertedRowID
      note.text = text
      note.greeting = greeting
      return Mutation(note, targets: ["probe_note:\(note.id)"])
    }
  }

  func getNote(request: Vets_Probe_V1_GetNoteRequest, context: ServerContext) async throws -> Vets_Probe_V1_Note {
    guard request.id > 0 else { throw VetsError.invalidArgument(field: "id", rule: "must be a positive note id") }
    let greeting = self.greeting
    guard let text = try await database.read({ db in
      try String.fetchOne(db, sql: "SELECT text FROM probe_notes WHERE id = ?", arguments: [request.id])
    }) else {
      throw VetsError.notFound("no probe note with id \(request.id)")
    }
    var note = Vets_Probe_V1_Note()
    note.id = request.id
    note.text = text
    note.greeting = greeting
    return note
  }

  func count() async throws -> Int {
    try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe_notes") ?? 0 }
  }

  /// The probe's part of a household file: how many notes mention the household's id.
  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    let count = try await database.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe_notes WHERE instr(text, ?) > 0", arguments: [householdID]) ?? 0
    }
    var section = Vets_Registry_V1_HouseholdFileSection()
    section.module = "probe"
    section.title = "Probe notes"
    var entry = Vets_Registry_V1_HouseholdFileEntry()
    entry.label = "notes mentioning this household"
    entry.value = String(count)
    section.entries = [entry]
    return section
  }
}
