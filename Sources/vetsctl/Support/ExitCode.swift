import ArgumentParser
import GRPCCore

/// vetsctl's exit codes; the README lists them.
enum Exit {
  static let failure: Int32 = 1
  static let usage: Int32 = 2
  static let cannotConnect: Int32 = 3
  static let notAllowed: Int32 = 4
  static let notFound: Int32 = 5
  static let invalidArgument: Int32 = 6

  static func code(for status: RPCError.Code) -> Int32 {
    switch status {
    case .unauthenticated, .permissionDenied: notAllowed
    case .notFound: notFound
    case .invalidArgument, .outOfRange: invalidArgument
    default: failure
    }
  }
}

/// A failure to report as one plain sentence on stderr, with its exit code.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  var exitCode: Int32

  init(_ description: String, exitCode: Int32 = Exit.failure) {
    self.description = description
    self.exitCode = exitCode
  }
}
