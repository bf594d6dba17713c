import Crypto
import Foundation
import Testing

private let repoRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What scripts/proto-hash.sh prints: `find <dirs> -name '*.proto' | LC_ALL=C sort | xargs
/// sha256sum | sha256sum`, i.e. the SHA-256 of one "<hex>  <path>\n" line per file, sorted
/// byte-wise by its path relative to `root`.
private func protoHash(root: URL, folders: [String] = ["proto", "Tests/Fixtures/proto"]) throws -> String {
  var paths: [String] = []
  for folder in folders {
    let base = root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
    for case let relative as String in walker where relative.hasSuffix(".proto") {
      paths.append("\(folder)/\(relative)")
    }
  }
  paths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  var listing = ""
  for path in paths {
    let data = try Data(contentsOf: root.appendingPathComponent(path))
    listing += "\(hex(SHA256.hash(data: data)))  \(path)\n"
  }
  return hex(SHA256.hash(data: Data(listing.utf8)))
}

private func hex(_ digest: SHA256.Digest) -> String {
  digest.map { String(format: "%02x", $0) }.joined()
}

@Test func generatedCodeIsFromTheCurrentProtoFiles() throws {
  let committed = try String(contentsOf: repoRoot.appendingPathComponent("Sources/VetsAPI/PROTO_HASH"), encoding: .utf8)
    .trimmingCharacters(in: .whitespacesAndNewlines)
  let current = try protoHash(root: repoRoot)
  #expect(
    current == committed,
    "the .proto files changed since Sources/VetsAPI was generated: run `make proto` and commit the result")
}

@Test func protoHashChangesWhenAProtoFileChanges() throws {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
  defer { try? FileManager.default.removeItem(at: root) }
  let file = root.appendingPathComponent("proto/vets/x.proto")
  try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)

  try Data("syntax = \"proto3\";\n".utf8).write(to: file)
  let before = try protoHash(root: root)
  // Known answer, from `printf 'syntax = "proto3";\n' > proto/vets/x.proto; find proto -name
  // '*.proto' | LC_ALL=C sort | xargs sha256sum | sha256sum`.
  #expect(before == knownAnswer)
  try Data("syntax = \"proto3\";\n// changed\n".utf8).write(to: file)
  #expect(try protoHash(root: root) != before)
}

private let knownAnswer = "1a6510e6a284429421b7dd3ebcd932c031864a9177f843d03411bc288073c62e"
