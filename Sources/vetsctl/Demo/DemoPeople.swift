import Foundation
import VetsAPI
import VetsKit

/// One synthetic person: what a clerk would enter, and the relation to the household head.
struct DemoPerson {
  let key: String
  var input: Vets_Registry_V1_PersonInput
  /// 户主 for the head.
  let relation: String

  var isVeteran: Bool { input.categories.contains { (1...8).contains($0.category.rawValue) } }
  var isMale: Bool { input.sex == .male }
  var birthYear: Int { Int(input.birthDate.year) }
}

/// One household (一户一档): the head first.
struct DemoHousehold {
  enum Kind: CaseIterable {
    case rong, veteran, fatherAndSon, servingFamily, martyrFamily, dutyDeathFamily, illnessDeathFamily, transferredOfficer
    case retiredOfficer, retiredCivilianStaff, demobilised, disabledServiceman, disabledMilitia, redArmyVeteran
    case earlyMartyrChild, returnedIll
  }

  let key: String
  let kind: Kind
  let villageCode: String
  var members: [DemoPerson]
  var head: DemoPerson { members[0] }
}

/// The people of the demo county, grouped into households, all from the seed.
struct DemoPeople {
  /// How a person served: enlistment age and years of service.
  enum Service {
    case soldier, officer, career, demobilised, redArmy
  }

  typealias Category = (Vets_Registry_V1_Category, Vets_Registry_V1_Kinship)

  private(set) var households: [DemoHousehold] = []
  /// Heads who have died since registration (keys), marked deceased after the load.
  private(set) var deceased: [String] = []
  private var random: SeededRandom
  private var used: Set<String> = []
  private var count = 0
  /// People made so far, kept or not: each one's key.
  private var made = 0
  private let seed: UInt64

  /// Every kind at least once (so every category is present), then a realistic mix.
  static let weights: [(DemoHousehold.Kind, Int)] = [
    (.veteran, 30), (.fatherAndSon, 8), (.servingFamily, 12), (.martyrFamily, 6), (.dutyDeathFamily, 4),
    (.illnessDeathFamily, 4), (.transferredOfficer, 6), (.retiredOfficer, 5), (.retiredCivilianStaff, 3), (.demobilised, 3),
    (.disabledServiceman, 5), (.disabledMilitia, 3), (.earlyMartyrChild, 2), (.returnedIll, 6),
  ]

  init(seed: UInt64, people target: Int) {
    self.seed = seed
    random = SeededRandom(seed: seed, stream: "people")
    var index = 0
    while count < target {
      let kind = index < DemoHousehold.Kind.allCases.count ? DemoHousehold.Kind.allCases[index] : weightedKind()
      let village = index < 24 ? DemoCounty.focusVillages[index % DemoCounty.focusVillages.count] : random.pick(DemoCounty.villages).code
      var household = make(kind, key: String(format: "h%03d", index + 1), village: village)
      household.members = Array(household.members.prefix(target - count))
      count += household.members.count
      households.append(household)
      index += 1
    }
    // A few of the oldest, away from the cases, have died since they were registered.
    deceased = households.dropFirst(24).filter { [.demobilised, .retiredCivilianStaff].contains($0.kind) }.prefix(3).map(\.head.key)
  }

  private mutating func weightedKind() -> DemoHousehold.Kind {
    var roll = random.int(0...(Self.weights.map(\.1).reduce(0, +) - 1))
    for (kind, weight) in Self.weights {
      if roll < weight { return kind }
      roll -= weight
    }
    return .veteran
  }

  private mutating func make(_ kind: DemoHousehold.Kind, key: String, village: String) -> DemoHousehold {
    var members: [DemoPerson] = []
    func add(_ person: DemoPerson) { members.append(person) }
    let maleHead = random.percent(92)
    switch kind {
    case .rong:
      // The seed's Mr. Rong: enlisted 1968-03, discharged 1975-04, 32 years a village party
      // secretary, cancer since 2008, his wife paralysed; their son serves today.
      var rong = person(
        "户主", male: true, born: 1950...1950, [(.dischargedSoldier, .unspecified), (.ruralVeteranOver60, .unspecified),
                                                (.servingMemberFamily, .parent)], village: village, name: "荣庆华")
      rong.input.birthDate = DemoCounty.date(1950, 3, 12)
      rong.input.idNumber = uniqueID(born: rong.input.birthDate, male: true)
      rong.input.enlistedOn = DemoCounty.date(1968, 3, 1)
      rong.input.dischargedOn = DemoCounty.date(1975, 4, 1)
      rong.input.partyMember = true
      rong.input.tags = ["兵支书", "重病"]
      rong.input.notes = "任村党支部书记32年；2008年起患癌症，妻子瘫痪在床"
      add(rong)
      var wife = person("配偶", male: false, born: 1952...1952, [(.servingMemberFamily, .parent)], village: village, name: "王秀英")
      wife.input.tags = ["瘫痪"]
      add(wife)
    case .veteran:
      let born = random.int(1952...1996)
      var categories: [Category] = [(.dischargedSoldier, .unspecified)]
      if born <= 1964, random.percent(40) { categories.append((.warOrTestParticipant, .unspecified)) }
      if born <= 1965 { categories.append((.ruralVeteranOver60, .unspecified)) }
      add(person("户主", male: maleHead, born: born...born, categories, service: .soldier, village: village))
    case .fatherAndSon:
      let father = person(
        "户主", male: true, born: 1950...1965, [(.dischargedSoldier, .unspecified), (.ruralVeteranOver60, .unspecified)],
        service: .soldier, village: village)
      add(father)
      add(person("子女", male: true, born: 1980...1998, [(.dischargedSoldier, .unspecified)], service: .soldier, village: village,
                 surname: father.input.name.first))
    case .servingFamily:
      let head = person("户主", male: true, born: 1960...1978, [(.servingMemberFamily, .parent)], village: village)
      add(head)
      add(person("配偶", male: false, born: 1962...1980, [(.servingMemberFamily, .parent)], village: village))
      if random.percent(50) {
        add(person("儿媳", male: false, born: 1992...2000, [(.servingMemberFamily, .spouse)], village: village))
      }
    case .martyrFamily:
      let head = person("户主", male: random.percent(60), born: 1940...1958, [(.martyrFamily, .parent)], village: village)
      add(head)
      if random.percent(70) {
        add(person("配偶", male: !head.isMale, born: 1940...1958, [(.martyrFamily, .parent)], village: village))
      }
      if random.percent(60) { add(person("儿媳", male: false, born: 1970...1988, [(.martyrFamily, .spouse)], village: village)) }
      if random.percent(50) {
        add(person("孙子女", male: random.percent(50), born: 2006...2015, [(.martyrFamily, .child)], village: village,
                   surname: head.isMale ? head.input.name.first : nil))
      }
    case .dutyDeathFamily:
      let head = person("户主", male: random.percent(15), born: 1968...1990, [(.dutyDeathFamily, .spouse)], village: village)
      add(head)
      add(person("子女", male: random.percent(50), born: 1995...2015, [(.dutyDeathFamily, .child)], village: village))
    case .illnessDeathFamily:
      let head = person("户主", male: random.percent(60), born: 1945...1962, [(.illnessDeathFamily, .parent)], village: village)
      add(head)
      add(person("子女", male: random.percent(50), born: 1970...1990, [(.illnessDeathFamily, .sibling)], village: village,
                 surname: head.isMale ? head.input.name.first : nil))
    case .transferredOfficer:
      add(person("户主", male: maleHead, born: 1960...1980, [(.transferredOfficer, .unspecified)], service: .officer, village: village))
    case .retiredOfficer:
      add(person("户主", male: maleHead, born: 1945...1962, [(.retiredOfficer, .unspecified)], service: .career, village: village))
    case .retiredCivilianStaff:
      add(person("户主", male: random.percent(60), born: 1945...1962, [(.retiredCivilianStaff, .unspecified)], village: village))
    case .demobilised:
      var categories: [Category] = [(.demobilisedSoldier, .unspecified), (.warOrTestParticipant, .unspecified)]
      if random.percent(30) { categories.append((.returnedIll, .unspecified)) }
      add(person("户主", male: true, born: 1930...1935, categories, service: .demobilised, village: village))
    case .disabledServiceman:
      let born = random.int(1955...1990)
      var categories: [Category] = [(.disabledServiceman, .unspecified)]
      if born <= 1966, random.percent(50) { categories.append((.warOrTestParticipant, .unspecified)) }
      add(person("户主", male: true, born: born...born, categories, service: .soldier, village: village))
    case .disabledMilitia:
      add(person("户主", male: true, born: 1940...1965, [(.disabledMilitia, .unspecified)], village: village))
    case .redArmyVeteran:
      add(person("户主", male: true, born: 1920...1920, [(.redArmyVeteran, .unspecified)], service: .redArmy, village: village))
    case .earlyMartyrChild:
      add(person("户主", male: random.percent(50), born: 1935...1949, [(.earlyMartyrChild, .unspecified), (.martyrFamily, .child)],
                 village: village))
    case .returnedIll:
      let born = random.int(1950...1975)
      var categories: [Category] = [(.dischargedSoldier, .unspecified), (.returnedIll, .unspecified)]
      if born <= 1965 { categories.append((.ruralVeteranOver60, .unspecified)) }
      add(person("户主", male: maleHead, born: born...born, categories, service: .soldier, village: village))
    }
    return DemoHousehold(key: key, kind: kind, villageCode: village, members: members)
  }

  private mutating func person(
    _ relation: String, male: Bool, born years: ClosedRange<Int>, _ categories: [Category], service: Service? = nil, village: String,
    surname: Character? = nil, name: String? = nil
  ) -> DemoPerson {
    made += 1
    let key = String(format: "p%04d", made)
    var p = Vets_Registry_V1_PersonInput()
    p.birthDate = DemoCounty.date(random.int(years), random.int(1...12), random.int(1...28))
    p.idNumber = uniqueID(born: p.birthDate, male: male)
    p.name = name ?? DemoNames.name(&random, male: male, surname: surname)
    // One name with a CJK Extension B character, as real registries hold.
    if name == nil, key == "p0007" { p.name = String(p.name.prefix(1)) + "𠮷" + String(p.name.dropFirst().prefix(1)) }
    p.sex = male ? .male : .female
    p.categories = categories.map { category, kinship in
      var c = Vets_Registry_V1_PersonCategory()
      c.category = category
      c.kinship = kinship
      return c
    }
    p.villageCode = village
    let place = DemoCounty.village(village)?.name ?? ""
    p.address = "\(place)\(random.int(1...120))号"
    if random.percent(85) { p.phone = DemoNames.mobile(&random) }
    if let service { serve(&p, service) }
    let veteran = categories.contains { (1...8).contains($0.0.rawValue) }
    if veteran {
      p.partyMember = random.percent(service == .officer || service == .career ? 90 : 35)
      p.certificateNo = "YDZ\(seed % 100_000)-\(key.dropFirst())"
    }
    if Int(p.birthDate.year) <= 1950, random.percent(30) { p.tags.append("高龄") }
    return DemoPerson(key: key, input: p, relation: relation)
  }

  private mutating func serve(_ p: inout Vets_Registry_V1_PersonInput, _ service: Service) {
    let born = Int(p.birthDate.year)
    let (enlisted, years): (Int, Int) =
      switch service {
      case .soldier: (born + random.int(18...20), random.int(2...5))
      case .officer: (born + 18, random.int(16...22))
      case .career: (born + 18, random.int(24...30))
      case .demobilised: (born + random.int(17...19), random.int(3...6))
      case .redArmy: (1937, 18)
      }
    p.enlistedOn = DemoCounty.date(enlisted, random.int(1...12), 1)
    p.dischargedOn = DemoCounty.date(enlisted + years, random.int(1...12), 1)
    p.branch = service == .redArmy ? "红军" : random.pick(DemoNames.branches)
  }

  /// An unused number for this birth date and sex (odd sequence for men, even for women).
  private mutating func uniqueID(born: Vets_Common_V1_Date, male: Bool) -> String {
    while true {
      var sequence = random.int(1...499) * 2 - (male ? 1 : 0)
      if sequence == 0 { sequence = 2 }
      let id = DemoCounty.residentID(born: born, sequence: sequence)
      if used.insert(String(id.prefix(17))).inserted { return id }
    }
  }
}
