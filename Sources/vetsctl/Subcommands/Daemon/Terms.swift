import ArgumentParser
import Foundation
import VetsKit

/// `vetsctl terms [KIND]`: the words a clerk may type for each choice, and the code programs
/// see. Read from the glossary compiled into vetsctl; no daemon is needed.
struct TermsCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "terms",
    abstract: Language.say("列出每种选项可填的词：代码、中文名称，以及经办人也可填写的其他说法。", "List the words each choice takes: its code, its Chinese word (中文) and other words a clerk may type."),
    discussion: Language.say("不填 KIND 时列出全部种类。取值为选项的参数（--sex、--category、--department……）可以填其中任何一个词。", "Without KIND, lists the kinds. Every option that takes a choice (--sex, --category, --department, …) takes any of them."))

  @Argument(help: .say("种类，如 sex、category、department；不填则列出全部种类。", "A kind, e.g. sex, category, department; omit to list the kinds.")) var kind: String?

  func check() throws {
    guard let kind, Glossary.kind(named: kind) == nil else { return }
    throw ValidationError(Language.say("KIND '\(kind)' 不是可选的种类；可填：\(Glossary.kinds.map(\.name).joined(separator: "、"))", "KIND '\(kind)' is not a kind; one of: \(Glossary.kinds.map(\.name).joined(separator: ", "))"))
  }

  func run(_ cli: CLI) async throws {
    let kinds = kind.flatMap(Glossary.kind(named:)).map { [$0] } ?? Glossary.kinds
    try cli.show(json: { try Self.json(kinds) }) {
      if kind == nil {
        Output.table(["KIND", "名称", "CODES"], kinds.map { [$0.name, $0.title, $0.rows.map(\.code).joined(separator: ",")] })
      } else {
        Output.table(["CODE", "中文", "也可写作"], kinds[0].rows.map { [$0.code, $0.label, dash($0.also.joined(separator: "、"))] })
      }
    }
  }

  struct Entry: Encodable {
    let kind, title: String
    let terms: [Term]
    struct Term: Encodable { let code, label: String; let also: [String] }
  }

  static func json(_ kinds: [Glossary.Kind]) throws -> String {
    let entries = kinds.map { k in Entry(kind: k.name, title: k.title, terms: k.rows.map { .init(code: $0.code, label: $0.label, also: $0.also) }) }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(entries), as: UTF8.self)
  }
}
