import Testing
import VetsKit

/// The rule of the invalidArgument error `body` throws, after checking the error names `field`.
@discardableResult
public func refusal(
  _ field: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(VetsError) -> some Any
) -> String? {
  let error = #expect(throws: VetsError.self, sourceLocation: sourceLocation) { _ = try body() }
  guard let error else { return nil }
  guard case .invalidArgument(let named, let rule) = error else {
    Issue.record("expected invalidArgument, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
  #expect(named == field, sourceLocation: sourceLocation)
  #expect(error.message.hasPrefix("\(field): "), sourceLocation: sourceLocation)
  return rule
}

/// The refusal `body` throws, nil when it passes.
public func refusal(_ body: () throws -> Void) -> VetsError? {
  do {
    try body()
    return nil
  } catch {
    return error as? VetsError
  }
}
