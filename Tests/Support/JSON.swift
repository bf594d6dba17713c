import Foundation
import Testing

/// The JSON object a finished program printed, requiring that it exited 0.
public func json(_ finished: Finished, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
  try #require(finished.status == 0, "exit \(finished.status): \(finished.stderr)", sourceLocation: sourceLocation)
  return try #require(
    try JSONSerialization.jsonObject(with: Data(finished.stdout.utf8)) as? [String: Any], "\(finished.stdout)",
    sourceLocation: sourceLocation)
}
