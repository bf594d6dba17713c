// The words a module stores for a protobuf enum, the Chinese a clerk reads for each, and the
// other words a clerk may type for it: one table per enum, read both ways. The tables for the
// wire's enums are the glossary (`Glossary/`), which the daemon and vetsctl share.

import Foundation

public struct Terms<Value: Equatable & Sendable>: Sendable {
  public struct Term: Sendable {
    public let value: Value
    /// The stable word stored and sent to programs, e.g. "in_review".
    public let word: String
    /// The clerk's word (GLOSSARY.md), e.g. "审核中"; nil where none is set yet.
    public let label: String?
    /// Other words a clerk may write for it, e.g. "人社局" for 人力资源和社会保障局.
    public let also: [String]
  }

  public let terms: [Term]
  /// Each term's place by its stored word, and by every spelling `value(typed:)` accepts
  /// (squeezed); the first term wins a spelling two share. Rows are read through these, so a
  /// lookup is one hash, not a walk over the table comparing strings.
  private let byWord: [String: Int]
  private let bySpelling: [String: Int]

  public init(_ pairs: [(Value, String)]) { self.init(pairs.map { Term(value: $0.0, word: $0.1, label: nil, also: []) }) }
  /// `also` gives, by stored word, the synonyms a clerk may type.
  public init(_ triples: [(Value, String, String)], also: [String: [String]] = [:]) {
    self.init(triples.map { Term(value: $0.0, word: $0.1, label: $0.2, also: also[$0.1] ?? []) })
  }

  private init(_ terms: [Term]) {
    self.terms = terms
    var byWord: [String: Int] = [:]
    var bySpelling: [String: Int] = [:]
    for (index, term) in terms.enumerated() {
      if byWord[term.word] == nil { byWord[term.word] = index }
      for spelling in [term.word] + [term.label].compactMap({ $0 }) + term.also where bySpelling[Self.squeezed(spelling)] == nil {
        bySpelling[Self.squeezed(spelling)] = index
      }
    }
    self.byWord = byWord
    self.bySpelling = bySpelling
  }

  /// The values in table order, with their words.
  public var pairs: [(Value, String)] { terms.map { ($0.value, $0.word) } }
  public var words: [String] { terms.map(\.word) }
  /// The stored words in table order, each with the clerk's word (the stored word where none is set).
  public var labelled: [(word: String, label: String)] { terms.map { ($0.word, $0.label ?? $0.word) } }

  /// The stored word for a value a client sent; unspecified and unknown values are refused.
  @discardableResult
  public func word(_ value: Value, field: String) throws(VetsError) -> String {
    guard let word = word(of: value) else {
      throw .invalidArgument(field: field, rule: "must be one of \(words.joined(separator: ", "))")
    }
    return word
  }

  /// The word, or nil for "any" (the enum's unspecified value) in a filter.
  public func filter(_ value: Value, unspecified: Value, field: String) throws(VetsError) -> String? {
    value == unspecified ? nil : try word(value, field: field)
  }

  /// The stored word of a value, nil for one the table does not hold (unspecified).
  public func word(of value: Value) -> String? { terms.first { $0.value == value }?.word }
  /// The clerk's word of a value, falling back to the stored word.
  public func label(of value: Value) -> String? { terms.first { $0.value == value }.map { $0.label ?? $0.word } }

  /// The value of a stored word.
  public func value(_ word: String) -> Value? { byWord[word].map { terms[$0].value } }
  /// The clerk's word (Chinese label) of a stored word; the word itself if the table lacks it.
  public func label(ofWord word: String) -> String { byWord[word].map { terms[$0].label ?? word } ?? word }
  /// The value of a word a clerk typed or a file holds: the stored word (in any case, with
  /// "-" or a space for "_"), the Chinese label or one of its synonyms (full-width brackets
  /// read as ASCII ones).
  public func value(typed text: String) -> Value? {
    value(text) ?? bySpelling[Self.squeezed(text)].map { terms[$0].value }
  }

  /// What two spellings of one word share: lower case, no separators, ASCII brackets.
  static func squeezed(_ text: String) -> String {
    String(
      text.lowercased().compactMap { character -> Character? in
        switch character {
        case "_", "-", " ", "\u{3000}": nil
        case "（": "("
        case "）": ")"
        default: character
        }
      })
  }

  /// The stored words of some values, in table order.
  public func words(of values: some Sequence<Value>) -> [String] {
    let values = Array(values)
    return terms.filter { term in values.contains(term.value) }.map(\.word)
  }
}

extension String {
  /// A stored word as an English sentence says it: "hours_approved" → "hours approved".
  public var spoken: String { replacingOccurrences(of: "_", with: " ") }
}
