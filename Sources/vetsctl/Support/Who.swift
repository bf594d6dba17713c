import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

/// What a clerk types to name a person, a household, a case or an appeal: the id a list
/// printed, or what the registry finds the person by — the name, the 18-character ID number or
/// its last 6 characters. A household is named by anyone in it, a case and an appeal by the
/// person they are for. One match is taken; none, or several, are said in words with what to
/// type instead, and nothing is sent.
struct Who: ExpressibleByArgument, Sendable {
  let typed: String

  init(argument: String) { typed = argument.trimmingCharacters(in: .whitespaces) }

  /// The id itself, when the clerk typed one of this kind ("hh_…" for a household).
  private func id(_ prefix: String) -> String? { typed.hasPrefix(prefix) ? typed : nil }

  func personID(_ c: Clients, _ flag: String = "") async throws -> String {
    if let id = id("per_") { return id }
    return try await person(c, flag).id
  }

  func householdID(_ c: Clients, _ flag: String = "") async throws -> String {
    if let id = id("hh_") { return id }
    let person = try await person(c, flag)
    guard !person.householdID.isEmpty else {
      throw refusal(flag, Language.say("\(person.data.name) 还不在任何家庭户中；先用 vetsctl registry household create 建户。",
                                       "\(person.data.name) is in no household yet; create one with vetsctl registry household create."))
    }
    return person.householdID
  }

  /// The household's case that is still under way (one plan per household), else its only one.
  func caseID(_ c: Clients, _ flag: String = "") async throws -> String {
    if let id = id("case_") { return id }
    let household = try await householdID(c, flag)
    let found = try await c.cases.listCases(.with { $0.householdID = household; $0.page.pageSize = 50 })
    let open = found.cases.filter { ![.closed, .rejected].contains($0.status) }
    let chosen = open.count == 1 ? open : found.cases.count == 1 ? found.cases : []
    if let only = chosen.first { return only.id }
    let whose = found.names[household] ?? typed
    guard !found.cases.isEmpty else {
      throw refusal(flag, Language.say("\(whose)还没有帮扶个案；用 vetsctl relief case open 立案。",
                                       "\(whose) has no case; open one with vetsctl relief case open."), exitCode: Exit.notFound)
    }
    let list = found.cases.map { "\($0.id)（\(word($0.status))）" }.joined(separator: Language.say("、", ", "))
    throw refusal(flag, Language.say("\(whose)有 \(found.cases.count) 个帮扶个案：\(list)；请输入其中一个个案编号。",
                                     "\(whose) has \(found.cases.count) cases: \(list); type one of their ids."))
  }

  /// The person's appeal that is still open, else their only one.
  func appealID(_ c: Clients, _ flag: String = "") async throws -> String {
    if let id = id("apl_") { return id }
    let person = try await personID(c, flag)
    let found = try await c.appeals.listAppeals(.with { $0.personID = person; $0.page.pageSize = 50 })
    let open = found.appeals.filter { ![.closed, .outOfPolicy].contains($0.state) }
    let chosen = open.count == 1 ? open : found.appeals.count == 1 ? found.appeals : []
    if let only = chosen.first { return only.id }
    let whose = found.names[person] ?? typed
    guard !found.appeals.isEmpty else {
      throw refusal(flag, Language.say("\(whose)没有登记过诉求。", "\(whose) has filed no appeal."), exitCode: Exit.notFound)
    }
    let list = found.appeals.map { "\($0.id)（\(word($0.state))）" }.joined(separator: Language.say("、", ", "))
    throw refusal(flag, Language.say("\(whose)有 \(found.appeals.count) 件诉求：\(list)；请输入其中一个诉求编号。",
                                     "\(whose) has \(found.appeals.count) appeals: \(list); type one of their ids."))
  }

  /// A service station by its name, or by a part of it ("东关村" for 东关村退役军人服务站).
  func stationID(_ c: Clients, _ flag: String = "") async throws -> String {
    if let id = id("st_") { return id }
    var stations: [Vets_Registry_V1_Station] = []
    var request = Vets_Registry_V1_ListStationsRequest()
    request.page.pageSize = 500
    repeat {
      let page = try await c.divisions.listStations(request)
      stations += page.stations
      request.page.pageToken = page.nextPageToken
    } while !request.page.pageToken.isEmpty
    let exact = stations.filter { $0.name == typed }
    let found = exact.isEmpty ? stations.filter { $0.name.contains(typed) } : exact
    if found.count == 1 { return found[0].id }
    guard !found.isEmpty else {
      throw refusal(flag, Language.say("没有名称含“\(typed)”的服务站；vetsctl registry station list 列出全部服务站。",
                                       "no station's name contains '\(typed)'; vetsctl registry station list lists them."), exitCode: Exit.notFound)
    }
    let list = found.prefix(6).map { "\($0.name)（\($0.id)）" }.joined(separator: Language.say("、", ", "))
    throw refusal(flag, Language.say("“\(typed)”对应 \(found.count) 个服务站：\(list)；请输入完整名称或编号。",
                                     "'\(typed)' matches \(found.count) stations: \(list); type the full name or the id."))
  }

  /// The one registered person the typed words find.
  func person(_ c: Clients, _ flag: String = "") async throws -> Vets_Registry_V1_Person {
    var request = Vets_Registry_V1_SearchPersonsRequest()
    request.page.pageSize = 6
    if let id = id("per_") {
      return try await c.people.getPerson(.with { $0.id = id })
    } else if isIDNumber {
      request.idNumber = typed.uppercased()
    } else {
      request.name = typed
    }
    let found = try await c.people.searchPersons(request)
    if found.persons.count == 1 { return found.persons[0] }
    guard !found.persons.isEmpty else {
      throw refusal(flag, Language.say(
        "没有找到“\(typed)”：请输入登记的姓名、18 位身份证号、身份证号后 6 位或人员编号；可用 vetsctl registry person search --name \(typed.prefix(1)) 查找。",
        "nobody found for '\(typed)': type the registered name, the 18-character ID number, its last 6 characters or the person id; vetsctl registry person search --name \(typed.prefix(1)) finds names."),
        exitCode: Exit.notFound)
    }
    let more = found.nextPageToken.isEmpty ? "" : Language.say("等", " and more")
    let list = found.persons.map { p in
      let place = found.names[p.data.villageCode].map { Language.say("，\($0)", ", \($0)") } ?? ""
      return "\(p.data.name)（\(p.id)\(place)，\(Language.say("身份证号尾号", "ID number ending"))\(p.data.idNumber.suffix(4))）"
    }.joined(separator: Language.say("；", "; "))
    throw refusal(flag, Language.say(
      "“\(typed)”找到 \(found.persons.count) 人\(more)：\(list)。请输入身份证号后 6 位或人员编号。",
      "'\(typed)' finds \(found.persons.count) people\(more): \(list). Type the ID number's last 6 characters or the person id."))
  }

  /// 18 characters, or the last 6, of a resident ID number: digits, the last may be X.
  private var isIDNumber: Bool {
    guard typed.count == 18 || typed.count == 6 else { return false }
    return typed.dropLast().allSatisfy(\.isASCII) && typed.dropLast().allSatisfy(\.isNumber)
      && (typed.last?.isNumber == true || typed.last == "X" || typed.last == "x")
  }

}

/// A name that found nothing, or too much: the flag it was typed for, then the sentence.
private func refusal(_ flag: String, _ sentence: String, exitCode: Int32 = Exit.invalidArgument) -> CLIError {
  CLIError(flag.isEmpty ? sentence : Language.say("\(flag) \(sentence)", "\(flag): \(sentence)"), exitCode: exitCode)
}

extension [Who] {
  func personIDs(_ c: Clients, _ flag: String) async throws -> [String] {
    var ids: [String] = []
    for who in self { ids.append(try await who.personID(c, flag)) }
    return ids
  }

  func householdIDs(_ c: Clients, _ flag: String) async throws -> [String] {
    var ids: [String] = []
    for who in self { ids.append(try await who.householdID(c, flag)) }
    return ids
  }
}

extension ArgumentHelp {
  /// "户主：姓名、身份证号（或后 6 位）或人员编号。": what may be typed for a person.
  static func person(_ chinese: String, _ english: String) -> ArgumentHelp {
    .say("\(chinese)：姓名、身份证号（或后 6 位）或人员编号（per_…）。",
         "\(english): a name, an ID number (or its last 6 characters) or a person id (per_…).", valueName: "person")
  }

  static func household(_ chinese: String, _ english: String) -> ArgumentHelp {
    .say("\(chinese)：户内任一人的姓名、身份证号（或后 6 位），或家庭户编号（hh_…）。",
         "\(english): the name or ID number (or its last 6 characters) of anyone in it, or the household id (hh_…).", valueName: "household")
  }

  static let reliefCase = ArgumentHelp.say(
    "个案：户内任一人的姓名、身份证号（或后 6 位），或个案编号（case_…），用 vetsctl relief case list 查到。",
    "The case: the name or ID number (or its last 6 characters) of anyone in the household, or the case id (case_…) from vetsctl relief case list.",
    valueName: "case")

  static func station(_ chinese: String, _ english: String) -> ArgumentHelp {
    .say("\(chinese)：服务站名称（或其中几个字，如 东关村）或编号（st_…）。",
         "\(english): the station's name (or part of it) or its id (st_…).", valueName: "station")
  }

  static let appeal = ArgumentHelp.say(
    "诉求：诉求人的姓名、身份证号（或后 6 位），或诉求编号（apl_…），用 vetsctl appeals list 查到。",
    "The appeal: the name or ID number (or its last 6 characters) of the person who filed it, or the appeal id (apl_…) from vetsctl appeals list.",
    valueName: "appeal")
}

/// A town or village as a clerk names it: its code, its name (东关村, 中都街道), or the town and
/// the village together (中都街道东关村) where two towns have a village of the same name.
struct Place: ExpressibleByArgument, Sendable {
  let typed: String

  init(argument: String) { typed = argument.trimmingCharacters(in: .whitespaces) }

  func code(_ c: Clients, _ flag: String, village: Bool = false) async throws -> String {
    // A code is sent as typed: the daemon checks it and names the field.
    if typed.allSatisfy(\.isASCII) { return typed }
    let towns = try await divisions(c, town: "")
    var found = village ? [] : towns.filter { $0.name == typed }
    if found.isEmpty, let town = towns.first(where: { typed.hasPrefix($0.name) && typed != $0.name }) {
      let rest = typed.dropFirst(town.name.count).trimmingCharacters(in: .whitespaces)
      found = try await divisions(c, town: town.code).filter { $0.name == rest }
    }
    if found.isEmpty {
      for town in towns { found += try await divisions(c, town: town.code).filter { $0.name == typed } }
    }
    if found.count == 1 { return found[0].code }
    let kind = village ? Language.say("村(社区)", "village") : Language.say("镇(街道)或村(社区)", "town or village")
    guard !found.isEmpty else {
      throw refusal(flag, Language.say(
        "没有名为“\(typed)”的\(kind)；vetsctl registry division list 列出各镇(街道)及其代码。",
        "no \(kind) is named '\(typed)'; vetsctl registry division list lists the towns and their codes."), exitCode: Exit.notFound)
    }
    let list = found.map { d in
      "\(towns.first { d.code.hasPrefix($0.code) }?.name ?? "")\(d.name)（\(d.code)）"
    }.joined(separator: Language.say("、", ", "))
    throw refusal(flag, Language.say(
      "“\(typed)”有 \(found.count) 处：\(list)；请在前面加上镇(街道)名，或输入代码。",
      "'\(typed)' is \(found.count) places: \(list); put the town's name first, or type the code."))
  }

  private func divisions(_ c: Clients, town: String) async throws -> [Vets_Registry_V1_Division] {
    var all: [Vets_Registry_V1_Division] = []
    var request = Vets_Registry_V1_ListDivisionsRequest.with { $0.townCode = town; $0.page.pageSize = 500 }
    repeat {
      let page = try await c.divisions.listDivisions(request)
      all += page.divisions
      request.page.pageToken = page.nextPageToken
    } while !request.page.pageToken.isEmpty
    return all
  }
}

extension ArgumentHelp {
  static func village(_ chinese: String, _ english: String) -> ArgumentHelp {
    .say("\(chinese)：村(社区)名称（如 东关村；重名时写 中都街道东关村）或 12 位代码。",
         "\(english): the village's name (东关村, or 中都街道东关村 where two towns have one) or its 12-digit code.", valueName: "village")
  }

  static func place(_ chinese: String, _ english: String) -> ArgumentHelp {
    .say("\(chinese)：镇(街道)或村(社区)的名称，或 9 位、12 位代码。",
         "\(english): a town's or village's name, or its 9- or 12-digit code.", valueName: "place")
  }
}
