// Rules every request message obeys, whatever its method, checked once for all of them by
// walking the decoded message before the handler sees it:
// - an enum field holds one of its declared values (proto3 keeps unknown numbers, which a
//   handler would otherwise store or trip over later);
// - a repeated field has at most `maxEntries` entries, and none twice.
// A breach is INVALID_ARGUMENT naming the field's path, e.g. `person.categories[1].category`.

import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

enum RequestShape {
  static let maxEntries = 1000

  /// Checks the message, and returns its request_id (at the top or one message down, as in
  /// ImportPersons' options) for the audit record of a failed write.
  @discardableResult
  static func check(_ message: any SwiftProtobuf.Message) throws(VetsError) -> String? {
    var visitor = ShapeVisitor(type: type(of: message).protoMessageName, path: "")
    do {
      try message.traverse(visitor: &visitor)
      return visitor.requestID
    } catch let error as VetsError {
      throw error
    } catch {
      throw .invalidArgument(field: "", rule: "could not be read: \(error)")
    }
  }

  /// The request_id of a message that failed `check`, for its audit record.
  static func requestID(of message: any SwiftProtobuf.Message) -> String? {
    var visitor = ShapeVisitor(type: type(of: message).protoMessageName, path: "", checking: false)
    try? message.traverse(visitor: &visitor)
    return visitor.requestID
  }

  /// Field names by message full name and field number, from the descriptors the daemon serves.
  static let fieldNames: [String: [Int: String]] = {
    guard let data = Data(base64Encoded: VetsDescriptorSet.base64),
      let set = try? Google_Protobuf_FileDescriptorSet(serializedBytes: Array(data))
    else { return [:] }
    var names: [String: [Int: String]] = [:]
    func add(_ message: Google_Protobuf_DescriptorProto, prefix: String) {
      let full = prefix.isEmpty ? message.name : "\(prefix).\(message.name)"
      names[full] = Dictionary(message.field.map { (Int($0.number), $0.name) }, uniquingKeysWith: { a, _ in a })
      for nested in message.nestedType { add(nested, prefix: full) }
    }
    for file in set.file {
      for message in file.messageType { add(message, prefix: file.package) }
    }
    return names
  }()
}

private struct ShapeVisitor: SwiftProtobuf.Visitor {
  let type: String
  let path: String
  /// False to read the request_id only.
  var checking = true
  var requestID: String?

  func field(_ number: Int) -> String {
    let name = RequestShape.fieldNames[type]?[number] ?? "field \(number)"
    return path.isEmpty ? name : "\(path).\(name)"
  }

  func known<E: SwiftProtobuf.Enum>(_ value: E) -> Bool {
    guard let cases = value as? any (CaseIterable & Equatable) else { return true }
    return Self.contained(cases)
  }

  private static func contained<T: CaseIterable & Equatable>(_ value: T) -> Bool { T.allCases.contains(value) }

  func entries<T: Hashable>(_ values: [T], _ number: Int) throws(VetsError) {
    guard checking else { return }
    guard values.count <= RequestShape.maxEntries else {
      throw .invalidArgument(field: field(number), rule: "has \(values.count) entries; at most \(RequestShape.maxEntries)")
    }
    guard Set(values).count == values.count else {
      throw .invalidArgument(field: field(number), rule: "lists an entry more than once; give each once")
    }
  }

  mutating func nested<M: SwiftProtobuf.Message>(_ value: M, _ path: String) throws {
    var visitor = ShapeVisitor(type: M.protoMessageName, path: path, checking: checking)
    try value.traverse(visitor: &visitor)
    if requestID == nil, !path.contains(".") { requestID = visitor.requestID }
  }

  // Scalars hold no rule of their own.
  mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {}
  mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {}
  mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {}
  mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}
  mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {
    if RequestShape.fieldNames[type]?[fieldNumber] == "request_id" { requestID = value }
  }
  mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {}
  mutating func visitUnknown(bytes: Data) throws {}

  mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {
    guard !checking || known(value) else {
      throw VetsError.invalidArgument(field: field(fieldNumber), rule: "\(value.rawValue) is not one of its values")
    }
  }

  mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
    try nested(value, field(fieldNumber))
  }

  mutating func visitSingularGroupField<G: SwiftProtobuf.Message>(value: G, fieldNumber: Int) throws {
    try nested(value, field(fieldNumber))
  }

  mutating func visitRepeatedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
    for (i, entry) in value.enumerated() where checking && !known(entry) {
      throw VetsError.invalidArgument(field: "\(field(fieldNumber))[\(i)]", rule: "\(entry.rawValue) is not one of its values")
    }
    try entries(value.map(\.rawValue), fieldNumber)
  }

  mutating func visitPackedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
    try visitRepeatedEnumField(value: value, fieldNumber: fieldNumber)
  }

  mutating func visitRepeatedMessageField<M: SwiftProtobuf.Message>(value: [M], fieldNumber: Int) throws {
    for (i, entry) in value.enumerated() { try nested(entry, "\(field(fieldNumber))[\(i)]") }
    try entries(value.map { try $0.serializedBytes() as [UInt8] }, fieldNumber)
  }

  mutating func visitRepeatedGroupField<G: SwiftProtobuf.Message>(value: [G], fieldNumber: Int) throws {
    try visitRepeatedMessageField(value: value, fieldNumber: fieldNumber)
  }

  mutating func visitRepeatedStringField(value: [String], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitRepeatedBytesField(value: [Data], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitRepeatedInt32Field(value: [Int32], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitRepeatedInt64Field(value: [Int64], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitRepeatedUInt32Field(value: [UInt32], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitRepeatedUInt64Field(value: [UInt64], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitRepeatedBoolField(value: [Bool], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitPackedInt32Field(value: [Int32], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitPackedInt64Field(value: [Int64], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitPackedUInt32Field(value: [UInt32], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitPackedUInt64Field(value: [UInt64], fieldNumber: Int) throws { try entries(value, fieldNumber) }
  mutating func visitPackedBoolField(value: [Bool], fieldNumber: Int) throws { try entries(value, fieldNumber) }

  mutating func visitMapField<KeyType, ValueType: MapValueType>(
    fieldType: _ProtobufMap<KeyType, ValueType>.Type, value: _ProtobufMap<KeyType, ValueType>.BaseType, fieldNumber: Int
  ) throws {}

  mutating func visitMapField<KeyType, ValueType>(
    fieldType: _ProtobufEnumMap<KeyType, ValueType>.Type, value: _ProtobufEnumMap<KeyType, ValueType>.BaseType, fieldNumber: Int
  ) throws where ValueType.RawValue == Int {}

  mutating func visitMapField<KeyType, ValueType>(
    fieldType: _ProtobufMessageMap<KeyType, ValueType>.Type, value: _ProtobufMessageMap<KeyType, ValueType>.BaseType,
    fieldNumber: Int
  ) throws {}
}
