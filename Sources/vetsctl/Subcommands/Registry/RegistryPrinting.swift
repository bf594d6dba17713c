import Foundation
import VetsAPI

/// How the registry's answers are printed.

extension Vets_Registry_V1_Person: Printable {
  func printTable() { Output.fields(fields) }

  var fields: [(String, String)] {
    let d = data
    var pairs: [(String, String)] = [
      ("id", id), ("name", d.name), ("sex", word(d.sex)),
      ("birth date", Dates.text(d.birthDate, present: d.hasBirthDate)),
      ("id number", dash(d.idNumber)), ("phone", dash(d.phone)),
      ("categories", categoryList(d.categories)), ("village", dash(d.villageCode)), ("address", dash(d.address)),
      ("enlisted", Dates.text(d.enlistedOn, present: d.hasEnlistedOn)),
      ("discharged", Dates.text(d.dischargedOn, present: d.hasDischargedOn)),
      ("branch", dash(d.branch)), ("party member", Language.yes(d.partyMember)),
      ("certificate", dash(d.certificateNo)), ("tags", d.tags.isEmpty ? "-" : d.tags.joined(separator: ",")),
      ("notes", dash(d.notes)), ("status", word(status)),
    ]
    if hasDiedOn { pairs.append(("died on", Dates.text(diedOn))) }
    pairs += [
      ("household", dash(householdID)), ("relation to head", dash(relationToHead)),
      ("version", String(version)),
      ("created", Dates.stamp(hasCreatedAt ? createdAt : nil)),
      ("updated", Dates.stamp(hasUpdatedAt ? updatedAt : nil)),
    ]
    if masked { pairs.append(("masked", "yes: the ID number and phone are masked for your role")) }
    return pairs
  }
}

/// Categories as names joined by ",".
func categoryList(_ categories: [Vets_Registry_V1_PersonCategory]) -> String {
  categories.isEmpty ? Language.say("无（家庭成员）", "none (household member)") : categories.map(CategoryArgument.name).joined(separator: ",")
}

extension Vets_Registry_V1_SearchPersonsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["ID", "NAME", "SEX", "BORN", "ID NUMBER", "PHONE", "CATEGORIES", "VILLAGE", "STATUS", "VERSION"],
      persons.map { p in
        [p.id, p.data.name, word(p.data.sex), Dates.text(p.data.birthDate, present: p.data.hasBirthDate),
         dash(p.data.idNumber), dash(p.data.phone), categoryList(p.data.categories), named(p.data.villageCode, names),
         word(p.status), String(p.version)]
      })
  }
}

extension Vets_Registry_V1_ListPersonHistoryResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["SEQ", "TIME", "FIELD", "OLD", "NEW", "BY"],
      entries.map { e in
        [String(e.seq), Dates.stamp(e.hasAt ? e.at : nil), e.field, dash(e.oldValue), dash(e.newValue),
         e.tokenName.isEmpty ? dash(e.tokenID) : "\(e.tokenName) (\(e.tokenID))"]
      })
  }
}

extension Vets_Registry_V1_ListDuplicatesResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["GROUP", "NAME", "BORN", "ID", "ID NUMBER", "VILLAGE", "STATUS"],
      groups.enumerated().flatMap { index, group in
        group.persons.map { p in
          [String(index + 1), group.name, Dates.text(group.birthDate, present: group.hasBirthDate), p.id,
           p.data.idNumber, p.data.villageCode, word(p.status)]
        }
      })
  }
}

extension Vets_Registry_V1_Stats: Printable {
  func printTable() {
    Output.fields([
      ("people", String(people)), ("without category", String(withoutCategory)), ("party members", String(partyMembers)),
    ])
    print("")
    Output.table(
      ["TOWN", "CATEGORY", "ACTIVE"],
      byTownAndCategory.map { count in
        let parts = count.key.split(separator: " ", maxSplits: 1).map(String.init)
        return [parts.first ?? "-", parts.count > 1 ? parts[1] : "-", String(count.count)]
      })
    print("")
    Output.table(["STATUS", "PEOPLE"], byStatus.map { [$0.key, String($0.count)] })
    print("")
    Output.table(["AGE", "PEOPLE"], byAgeBand.map { [$0.key, String($0.count)] })
  }
}

extension Vets_Registry_V1_Household: Printable {
  func printTable() {
    let head = members.first { $0.personID == headPersonID }.map { "\($0.name) \(headPersonID)" } ?? headPersonID
    Output.fields([("household", id), ("head", head), ("village", dash(villageCode)), ("address", dash(address))])
    print("")
    Output.table(
      ["PERSON", "NAME", "RELATION", "STATUS"], members.map { [$0.personID, $0.name, dash($0.relation), word($0.status)] })
  }
}

extension Vets_Registry_V1_HouseholdFile: Printable {
  func printTable() {
    if Language.isChinese { print("一户一档\n") }
    household.printTable()
    for section in sections {
      print("")
      print(section.title.isEmpty ? section.module : section.title)
      if section.entries.isEmpty {
        print(Language.say("  （无记录）", "  (nothing recorded)"))
      } else {
        Output.fields(section.entries.map { ("  " + $0.label, $0.value) })
      }
    }
  }
}

extension Vets_Registry_V1_RowError {
  /// The reason in the clerk's language, where the daemon gave its Chinese.
  var said: String { Language.isChinese && !reasonChinese.isEmpty ? reasonChinese : reason }
}

extension Vets_Registry_V1_ImportDivisionsResponse: Printable {
  func printTable() {
    Output.fields([("towns", String(towns)), ("villages", String(villages))])
    if !errors.isEmpty {
      print("")
      Output.table(["LINE", "COLUMN", "REASON"], errors.map { [String($0.line), dash($0.column), $0.said] })
    }
  }
}

extension Vets_Registry_V1_ListDivisionsResponse: Printable, Paged {
  func printTable() { Output.table(["CODE", "NAME"], divisions.map { [$0.code, $0.name] }) }
}

extension Vets_Registry_V1_Station: Printable {
  func printTable() {
    Output.fields([
      ("id", id), ("name", name), ("kind", word(kind)), ("division", divisionCode), ("address", dash(address)),
      ("contact", dash(contact)),
    ])
  }
}

extension Vets_Registry_V1_ListStationsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["ID", "NAME", "KIND", "DIVISION", "ADDRESS", "CONTACT"],
      stations.map { s in [s.id, s.name, word(s.kind), s.divisionCode, dash(s.address), dash(s.contact)] })
  }
}
