// gRPC server reflection over the descriptor set `make proto` embeds, so that generic tools
// (grpcurl, Postman, the Python reflection client) can list the services and fetch their
// schemas. grpc.reflection.v1 is the standard; v1alpha has the same messages and is still
// what some clients ask for, so it is answered by converting through the wire format.

import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The embedded files, and which file declares each message, enum, service and method.
struct DescriptorIndex: Sendable {
  let files: [String: Google_Protobuf_FileDescriptorProto]
  let symbols: [String: String]

  static let embedded: DescriptorIndex = {
    let set = try! Google_Protobuf_FileDescriptorSet(serializedBytes: Array(Data(base64Encoded: VetsDescriptorSet.base64)!))
    return DescriptorIndex(set)
  }()

  init(_ set: Google_Protobuf_FileDescriptorSet) {
    var files: [String: Google_Protobuf_FileDescriptorProto] = [:]
    var symbols: [String: String] = [:]
    for file in set.file {
      files[file.name] = file
      let prefix = file.package.isEmpty ? "" : file.package + "."
      func add(_ messages: [Google_Protobuf_DescriptorProto], _ scope: String) {
        for message in messages {
          symbols[scope + message.name] = file.name
          for e in message.enumType { symbols[scope + message.name + "." + e.name] = file.name }
          add(message.nestedType, scope + message.name + ".")
        }
      }
      add(file.messageType, prefix)
      for e in file.enumType { symbols[prefix + e.name] = file.name }
      for service in file.service {
        symbols[prefix + service.name] = file.name
        for method in service.method { symbols[prefix + service.name + "." + method.name] = file.name }
      }
    }
    self.files = files
    self.symbols = symbols
  }

  /// The file and every file it imports, directly or not, the file first.
  func withDependencies(_ name: String) throws -> [Data] {
    var order: [String] = []
    var seen: Set<String> = []
    func visit(_ name: String) {
      guard seen.insert(name).inserted, let file = files[name] else { return }
      order.append(name)
      file.dependency.forEach(visit)
    }
    visit(name)
    return try order.compactMap { files[$0] }.map { try $0.serializedData() }
  }
}

struct ReflectionService: Grpc_Reflection_V1_ServerReflection.SimpleServiceProtocol {
  typealias Request = Grpc_Reflection_V1_ServerReflectionRequest
  typealias Response = Grpc_Reflection_V1_ServerReflectionResponse

  static let rules: AccessRules = ["ServerReflectionInfo": .anyone]

  let index: DescriptorIndex
  /// The services served where this instance is served.
  let services: [String]

  /// Both names of the service, for one transport.
  static func registrations(services: [String], exposure: Exposure) -> [ServiceRegistration] {
    let v1 = ReflectionService(index: .embedded, services: services + ["grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"])
    return [
      ServiceRegistration(v1, descriptor: Grpc_Reflection_V1_ServerReflection.descriptor, rules: rules, exposure: exposure),
      ServiceRegistration(
        ReflectionAlphaService(v1: v1), descriptor: Grpc_Reflection_V1alpha_ServerReflection.descriptor, rules: rules, exposure: exposure),
    ]
  }

  func serverReflectionInfo(request: RPCAsyncSequence<Request, any Error>, response: RPCWriter<Response>, context: ServerContext) async throws {
    for try await message in request {
      try await response.write(answer(message))
    }
  }

  func answer(_ request: Request) -> Response {
    var response = Response()
    response.validHost = request.host
    response.originalRequest = request
    func error(_ code: RPCError.Code, _ message: String) {
      response.errorResponse.errorCode = Int32(code.rawValue)
      response.errorResponse.errorMessage = message
    }
    func files(_ name: String) {
      do {
        response.fileDescriptorResponse.fileDescriptorProto = try index.withDependencies(name)
      } catch {
        response.errorResponse.errorCode = Int32(RPCError.Code.internalError.rawValue)
        response.errorResponse.errorMessage = "cannot encode \(name)"
      }
    }
    switch request.messageRequest {
    case .listServices:
      response.listServicesResponse.service = services.sorted().map { name in
        var service = Grpc_Reflection_V1_ServiceResponse()
        service.name = name
        return service
      }
    case .fileByFilename(let name):
      if index.files[name] != nil { files(name) } else { error(.notFound, "no file named \(quoted: name)") }
    case .fileContainingSymbol(let symbol):
      if let name = index.symbols[symbol] { files(name) } else { error(.notFound, "no symbol \(quoted: symbol)") }
    case .fileContainingExtension(let e):
      error(.notFound, "no extension \(e.extensionNumber) of \(quoted: e.containingType): vetsd's protos declare no extensions")
    case .allExtensionNumbersOfType(let type):
      if index.symbols[type] != nil {
        response.allExtensionNumbersResponse.baseTypeName = type
      } else {
        error(.notFound, "no type \(quoted: type)")
      }
    case nil:
      error(.invalidArgument, "set one of the message_request fields")
    }
    return response
  }
}

/// The pre-release name of the same service; the messages are the same on the wire.
struct ReflectionAlphaService: Grpc_Reflection_V1alpha_ServerReflection.SimpleServiceProtocol {
  let v1: ReflectionService

  func serverReflectionInfo(
    request: RPCAsyncSequence<Grpc_Reflection_V1alpha_ServerReflectionRequest, any Error>,
    response: RPCWriter<Grpc_Reflection_V1alpha_ServerReflectionResponse>, context: ServerContext
  ) async throws {
    for try await message in request {
      let asked = try ReflectionService.Request(serializedBytes: try message.serializedBytes() as [UInt8])
      try await response.write(try .init(serializedBytes: try v1.answer(asked).serializedBytes() as [UInt8]))
    }
  }
}
