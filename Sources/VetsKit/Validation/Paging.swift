public import VetsAPI
import Foundation

/// The one paging rule: a bounded page size and an opaque keyset token.
///
/// The token wraps the last key of the previous page; the store continues after it with a
/// keyset condition (`WHERE key > ?`), never with OFFSET.
public struct Page: Sendable, Equatable {
  public static let defaultSize = 50
  public static let maxSize = 500

  public var size: Int
  /// The key after which this page starts, or nil for the first page.
  public var after: String?

  public init(_ request: Vets_Common_V1_PageRequest, field: String = "page") throws(VetsError) {
    switch request.pageSize {
    case 0: size = Self.defaultSize
    case 1...Int32(Self.maxSize): size = Int(request.pageSize)
    default:
      throw .invalidArgument(field: "\(field).page_size", rule: "must be between 1 and \(Self.maxSize) (0 for \(Self.defaultSize))")
    }
    if request.pageToken.isEmpty {
      after = nil
    } else {
      guard let key = Self.decode(request.pageToken) else {
        throw .invalidArgument(field: "\(field).page_token", rule: "is not a token this server issued; start again without it")
      }
      after = key
    }
  }

  /// The token for the page after the one whose last key is given; empty when the page was
  /// not full (no more results).
  public func nextToken(lastKey: String?, count: Int) -> String {
    guard count == size, let lastKey else { return "" }
    return "p1." + Data(lastKey.utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// The typed key after which this page starts, nil on the first page; refused when the
  /// token holds no key of that type (it was made for another listing).
  public func after<Key: PageKey>(_ type: Key.Type, field: String = "page") throws(VetsError) -> Key? {
    guard let after else { return nil }
    guard let key = Key(pageKey: after) else {
      throw .invalidArgument(field: "\(field).page_token", rule: "belongs to a different listing; start again without it")
    }
    return key
  }

  /// The token after a page whose last row has the typed key `last`.
  public func nextToken<Key: PageKey>(last: Key?, count: Int) -> String {
    nextToken(lastKey: last?.pageKey, count: count)
  }

  /// The key of a page ordered by several columns, e.g. (created_at, id): the values joined
  /// with a separator no stored text holds.
  public static func key(_ parts: String...) -> String { parts.joined(separator: "\u{1F}") }

  /// The `count` values of a several-column `after` key (``key(_:)``), empty strings (before
  /// every row) on the first page; refused when the token was made for another ordering.
  public func after(columns count: Int, field: String = "page") throws(VetsError) -> [String] {
    try Self.columns(after, count: count, field: field)
  }

  /// The same for a key handed on by itself.
  public static func columns(_ key: String?, count: Int, field: String = "page") throws(VetsError) -> [String] {
    guard let key else { return Array(repeating: "", count: count) }
    let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == count else {
      throw .invalidArgument(field: "\(field).page_token", rule: "belongs to a different listing; start again without it")
    }
    return parts
  }

  static func decode(_ token: String) -> String? {
    guard token.hasPrefix("p1."), token.utf8.count <= 1024 else { return nil }
    var base64 = String(token.dropFirst(3)).replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    guard let data = Data(base64Encoded: base64) else { return nil }
    return String(data: data, encoding: .utf8)
  }
}

/// A key a listing pages by: a text id, a sequence number, or several columns (`Page.key`).
public protocol PageKey {
  init?(pageKey: String)
  var pageKey: String { get }
}

extension String: PageKey {
  public init?(pageKey: String) { self = pageKey }
  public var pageKey: String { self }
}

extension Int64: PageKey {
  public init?(pageKey: String) { self.init(pageKey) }
  public var pageKey: String { String(self) }
}
