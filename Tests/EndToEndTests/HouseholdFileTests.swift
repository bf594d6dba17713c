import Foundation
import ProbeModule
import TestSupport
import Testing

/// The household file's extension point: a module that uses the registry adds its own
/// section, and `vetsctl registry household show` prints it.
@Suite("The household file")
struct HouseholdFileTests {
  static let divisions = "code,name\n370830001,中都街道\n370830001001,东关村\n"

  @Test func showListsMembersAndTheSectionAnotherModuleAdds() async throws {
    try await TestDaemon.with { daemon in
      let file = daemon.root.appendingPathComponent("divisions.csv").path
      try Self.divisions.write(toFile: file, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["registry", "division", "import", file]).status == 0)

      let head = try json(try await daemon.vetsctl([
        "registry", "person", "add", "--output", "json", "--id-number", residentID(born: "1950-03-12", sequence: "001"),
        "--name", "荣庆华", "--sex", "male", "--birth-date", "1950-03-12", "--category", "discharged_soldier",
        "--village", "370830001001",
      ]))
      let wife = try json(try await daemon.vetsctl([
        "registry", "person", "add", "--output", "json", "--id-number", residentID(born: "1952-07-01", sequence: "002"),
        "--name", "王秀英", "--sex", "female", "--birth-date", "1952-07-01", "--category", "serving_member_family:spouse",
        "--village", "370830001001",
      ]))
      let headID = try #require(head["id"] as? String)
      let wifeID = try #require(wife["id"] as? String)

      let household = try json(try await daemon.vetsctl(["registry", "household", "create", "--output", "json", "--head", headID]))
      let householdID = try #require(household["id"] as? String)
      let added = try await daemon.vetsctl(["registry", "household", "add-member", householdID, wifeID, "--relation", "配偶"])
      #expect(added.status == 0, "\(added.stderr)")
      _ = try await daemon.addNote("visited \(householdID) on Army Day", requestID: "note-1")

      let shown = try await daemon.vetsctl(["registry", "household", "show", householdID])
      #expect(shown.status == 0, "\(shown.stderr)")
      #expect(shown.stdout.contains("荣庆华"))
      #expect(shown.stdout.contains("王秀英"))
      #expect(shown.stdout.contains("配偶"))
      #expect(shown.stdout.contains("Probe notes"), "\(shown.stdout)")
      let file2 = try json(try await daemon.vetsctl(["registry", "household", "show", "--output", "json", householdID]))
      let sections = try #require(file2["sections"] as? [[String: Any]])
      let entries = try #require(sections.first?["entries"] as? [[String: Any]])
      #expect(entries.first?["value"] as? String == "1")
    }
  }
}
