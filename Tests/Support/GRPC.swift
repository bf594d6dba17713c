import GRPCCore

/// The status code of a failed call, or nil when it succeeded.
public func statusCode(_ call: () async throws -> some Sendable) async -> RPCError.Code? {
  do {
    _ = try await call()
    return nil
  } catch let error as RPCError {
    return error.code
  } catch {
    return .unknown
  }
}

/// Raw message bytes both ways, so a test can send any bytes to any method and see exactly
/// what came back over the wire.
public struct RawBytes: MessageSerializer, MessageDeserializer {
  public init() {}
  public func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
  public func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
    serializedMessageBytes.withUnsafeBytes { Array($0) }
  }
}

/// One line of `vetsd access-rules --format json`: who may call a method, and where.
public struct AccessEntry: Decodable, Sendable {
  public var method: String
  public var isPublic: Bool
  public var mutates: Bool
  public var roles: [String]
  public var scope: String
}

/// Calls a method by name with one message of raw bytes (empty unless given), whatever its
/// kind; nil when it succeeds.
/// Streams that never end on their own (health Watch) stop at a deadline.
public func rawCall<Transport: ClientTransport>(
  _ client: GRPCClient<Transport>, _ method: String, metadata: Metadata, message: [UInt8] = []
) async -> RPCError.Code? {
  let parts = method.split(separator: "/").map(String.init)
  var options = CallOptions.defaults
  options.timeout = .seconds(5)
  do {
    return try await client.bidirectionalStreaming(
      request: StreamingClientRequest<[UInt8]>(metadata: metadata) { writer in try await writer.write(message) },
      descriptor: MethodDescriptor(fullyQualifiedService: parts[0], method: parts[1]),
      serializer: RawBytes(), deserializer: RawBytes(), options: options
    ) { response in
      for try await _ in response.messages {}
      return nil
    }
  } catch let error as RPCError {
    return error.code == .deadlineExceeded && method.hasSuffix("Health/Watch") ? nil : error.code
  } catch {
    return .unknown
  }
}
