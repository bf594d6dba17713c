import Foundation
import GRPCCore
import ProbeModule
import TestSupport

extension TestDaemon {
  /// Starts a daemon, runs `body`, and always stops the daemon and removes its folder.
  static func with<T: Sendable>(
    _ arguments: [String] = [], config: String? = nil, root: URL? = nil, socketPath: String? = nil, environment: [String: String] = [:],
    _ body: (TestDaemon) async throws -> T
  ) async throws -> T {
    let daemon = try await start(arguments, config: config, root: root, socketPath: socketPath, environment: environment)
    do {
      let result = try await body(daemon)
      await daemon.finish()
      return result
    } catch {
      await daemon.finish()
      throw error
    }
  }

  /// The probe module's mutating call, made directly over gRPC.
  func addNote(_ text: String, requestID: String, tokenFile: String? = nil) async throws -> Vets_Probe_V1_Note {
    var request = Vets_Probe_V1_AddNoteRequest()
    request.text = text
    request.requestID = requestID
    let metadata = try metadata(tokenFile: tokenFile)
    return try await withClient { client in
      try await Vets_Probe_V1_ProbeService.Client(wrapping: client).addNote(request, metadata: metadata)
    }
  }

  func getNote(_ id: Int64, tokenFile: String? = nil) async throws -> Vets_Probe_V1_Note {
    var request = Vets_Probe_V1_GetNoteRequest()
    request.id = id
    let metadata = try metadata(tokenFile: tokenFile)
    return try await withClient { client in
      try await Vets_Probe_V1_ProbeService.Client(wrapping: client).getNote(request, metadata: metadata)
    }
  }
}
