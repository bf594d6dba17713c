import Foundation
import GRDB
import ProbeModule
import TestSupport
import Testing
import VetsKit

private let addNote = "vets.probe.v1.ProbeService/AddNote"
private let clerk = Caller(tokenID: "tok_clerk", name: "clerk", role: .clerk, scope: .county)
private let otherClerk = Caller(tokenID: "tok_other", name: "other clerk", role: .clerk, scope: .county)

private func request(_ requestID: String, _ text: String = "悼念 𠀀") -> Vets_Probe_V1_AddNoteRequest {
  var r = Vets_Probe_V1_AddNoteRequest()
  r.requestID = requestID
  r.text = text
  return r
}

/// AddNote through the shared write path, as `caller`, the way ProbeService does it.
/// `fail` makes the body throw after its insert, to prove the insert is rolled back.
private func add(
  _ database: VetsDatabase, _ request: Vets_Probe_V1_AddNoteRequest, as caller: Caller = clerk,
  method: String = addNote, fail: VetsError? = nil, replay: Vets_Probe_V1_Note? = nil
) async throws -> Vets_Probe_V1_Note {
  try await CallContext.$current.withValue(CallContext(caller: caller, method: method)) {
    try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try db.execute(sql: "INSERT INTO probe_notes (text) VALUES (?)", arguments: [request.text])
      if let fail { throw fail }
      var note = Vets_Probe_V1_Note()
      note.id = db.lastInsertedRowID
      note.text = request.text
      note.greeting = "secret shown once"
      return Mutation(note, targets: ["probe_note:\(note.id)"], replay: replay)
    }
  }
}

private func noteCount(_ database: VetsDatabase) async throws -> Int {
  try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe_notes") ?? 0 }
}

private func lastAudit(_ database: VetsDatabase) async throws -> AuditRecord? {
  try await database.read { db in try AuditTrail.list(db, before: nil, limit: 1, method: nil).first }
}

@Test func retryOfTheSameRequestHasItsEffectOnceAndGetsTheSameAnswer() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    let first = try await add(database, request("r-1"))
    let second = try await add(database, request("r-1"))
    #expect(try await noteCount(database) == 1)
    #expect(second == first)
    #expect(first.id == 1)
  }
}

@Test func concurrentRetriesHaveTheirEffectOnce() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    let answers = try await withThrowingTaskGroup(of: Vets_Probe_V1_Note.self) { group in
      for _ in 0..<20 { group.addTask { try await add(database, request("r-race")) } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(answers.count == 20)
    #expect(Set(answers.map(\.id)) == [1])
    #expect(try await noteCount(database) == 1)
  }
}

@Test func reusedRequestIDForADifferentRequestIsRefused() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    _ = try await add(database, request("r-1", "first"))
    let error = await #expect(throws: VetsError.self) { try await add(database, request("r-1", "second")) }
    guard case .failedPrecondition(let message) = error else {
      Issue.record("expected failedPrecondition, got \(String(describing: error))")
      return
    }
    #expect(message.contains("request_id"))
    #expect(try await noteCount(database) == 1)
    // Within a call, the refusal's audit record is the access interceptor's (AuditTests).
    #expect(try await lastAudit(database)?.outcome == "ok")
  }
}

@Test func sameRequestIDUnderAnotherTokenIsAnotherRequest() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    let mine = try await add(database, request("r-1"))
    let theirs = try await add(database, request("r-1"), as: otherClerk)
    #expect(mine.id != theirs.id)
    #expect(try await noteCount(database) == 2)
  }
}

@Test func sameRequestIDForAnotherMethodIsAnotherRequest() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    _ = try await add(database, request("r-1"))
    _ = try await add(database, request("r-1"), method: "vets.probe.v1.ProbeService/OtherWrite")
    #expect(try await noteCount(database) == 2)
  }
}

@Test(arguments: ["", String(repeating: "x", count: 129), "a b", "重试-1", "tab\there"])
func malformedRequestIDIsRefusedNamingIt(requestID: String) async throws {
  try await withTempDatabase([probeMigrations]) { database in
    let error = await #expect(throws: VetsError.self) { try await add(database, request(requestID)) }
    guard case .invalidArgument(let field, _) = error else {
      Issue.record("expected invalidArgument, got \(String(describing: error))")
      return
    }
    #expect(field == "request_id")
    let count = try await noteCount(database)
    #expect(count == 0)
  }
}

@Test func longestRequestIDIsAccepted() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    _ = try await add(database, request(String(repeating: "x", count: 128)))
    #expect(try await noteCount(database) == 1)
  }
}

@Test func failedBodyRollsBackAndLeavesItsAuditRecordToTheCallsOnePlace() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    let refusal = VetsError.invalidArgument(field: "text", rule: "too sad")
    await #expect(throws: refusal) { try await add(database, request("r-fail"), fail: refusal) }
    #expect(try await noteCount(database) == 0)
    // The access interceptor records every failed write of a call, from wherever it was
    // refused; the write path does not record it a second time.
    #expect(try await lastAudit(database)?.outcome == nil)

    // Nothing was stored for the failed call, so its retry runs.
    _ = try await add(database, request("r-fail"))
    #expect(try await noteCount(database) == 1)
  }
}

@Test func successfulCallIsAuditedWithItsTargets() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    let note = try await add(database, request("r-ok"))
    let audit = try #require(try await lastAudit(database))
    #expect(audit.outcome == "ok")
    #expect(audit.targets == ["probe_note:\(note.id)"])
    #expect(audit.requestID == "r-ok")
    #expect(audit.method == addNote)
    #expect(audit.tokenID == "tok_clerk")
    #expect(audit.seq == 1)
    #expect(try await database.read { db in try AuditTrail.verify(db, key: database.keys.audit) }.ok)
  }
}

@Test func retryGetsTheReplayInsteadOfTheFirstAnswer() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    var redacted = Vets_Probe_V1_Note()
    redacted.id = 1
    redacted.text = "悼念 𠀀"
    let first = try await add(database, request("r-secret"), replay: redacted)
    #expect(first.greeting == "secret shown once")
    let retry = try await add(database, request("r-secret"), replay: redacted)
    #expect(retry == redacted)
    #expect(try await noteCount(database) == 1)
  }
}
