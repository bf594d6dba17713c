import Foundation
import VetsAPI
import VetsKit

/// 汶上县 (370830): its real towns and streets, with plausible codes and villages.
enum DemoCounty {
  struct Town {
    let code: String
    let name: String
    let villages: [String]
  }

  struct Village {
    let code: String
    let name: String
    let town: Town
  }

  static let code = "370830"

  static let towns: [Town] = [
    Town(code: "370830001", name: "中都街道", villages: ["东关村", "西关村", "南关村", "北关村"]),
    Town(code: "370830002", name: "汶上街道", villages: ["刘楼村", "马村", "孙庄村", "后堂村"]),
    Town(code: "370830003", name: "南站镇", villages: ["南站村", "火头湾村", "张坡村", "前海子村"]),
    Town(code: "370830004", name: "南旺镇", villages: ["南旺村", "柳林闸村", "十里闸村", "邢通村"]),
    Town(code: "370830005", name: "次丘镇", villages: ["次丘村", "辛店村", "前营村", "马庄村"]),
    Town(code: "370830006", name: "寅寺镇", villages: ["寅寺村", "大营村", "前集村", "黄庄村"]),
    Town(code: "370830007", name: "郭楼镇", villages: ["郭楼村", "高庄村", "王楼村", "吴村"]),
    Town(code: "370830008", name: "康驿镇", villages: ["康驿村", "花园村", "大吴村", "鹿庄村"]),
    Town(code: "370830009", name: "苑庄镇", villages: ["苑庄村", "赵庄村", "后营村", "西庄村"]),
    Town(code: "370830010", name: "义桥镇", villages: ["义桥村", "辛庄村", "苗庄村", "寺前村"]),
    Town(code: "370830011", name: "白石镇", villages: ["白石村", "东张村", "小楼村", "郝庄村"]),
    Town(code: "370830012", name: "杨店镇", villages: ["杨店村", "韩庄村", "南杨村", "徐庄村"]),
    Town(code: "370830013", name: "郭仓镇", villages: ["郭仓村", "梁庄村", "胡楼村", "石村"]),
    // 𠮷 is outside the Basic Multilingual Plane (CJK Extension B): names must survive byte for byte.
    Town(code: "370830014", name: "军屯乡", villages: ["军屯村", "北旺村", "东营村", "𠮷家村"]),
  ]

  static let villages: [Village] = towns.flatMap { town in
    town.villages.enumerated().map { index, name in
      Village(code: town.code + String(format: "%03d", index + 1), name: name, town: town)
    }
  }

  static func village(_ code: String) -> Village? { villages.first { $0.code == code } }

  /// The villages where the demo's assistance cases are, so that a few approvers cover them.
  static let focusVillages = ["370830001001", "370830001002", "370830004001", "370830004002"]

  static var divisionsCSV: Data {
    let rows = towns.map { "\($0.code),\($0.name)" } + villages.map { "\($0.code),\($0.name)" }
    return Data(((["code,name"] + rows).joined(separator: "\n") + "\n").utf8)
  }

  /// The county centre, a service station and a talk room (老兵话吧) in every town, and a talk
  /// room in every village: (key, station).
  static var stations: [(String, Vets_Registry_V1_Station)] {
    func station(_ name: String, _ kind: Vets_Registry_V1_StationKind, _ code: String, _ address: String) -> Vets_Registry_V1_Station {
      var s = Vets_Registry_V1_Station()
      s.name = name
      s.kind = kind
      s.divisionCode = code
      s.address = address
      return s
    }
    var all = [("centre", station("汶上县退役军人服务中心", .countyCentre, towns[0].code, "汶上县中都大街"))]
    for town in towns {
      all.append(("town-\(town.code)", station("\(town.name)退役军人服务站", .town, town.code, "\(town.name)便民服务中心")))
      all.append(("talk-\(town.code)", station("\(town.name)老兵话吧", .talkRoom, town.code, "\(town.name)退役军人服务站内")))
    }
    for village in villages {
      all.append(("talk-\(village.code)", station("\(village.name)老兵话吧", .talkRoom, village.code, "\(village.name)村委会")))
    }
    return all
  }

  /// 17 digits and the GB 11643 check character.
  static func residentID(born: Vets_Common_V1_Date, sequence: Int) -> String {
    let first17 = code + String(format: "%04d%02d%02d%03d", born.year, born.month, born.day, sequence)
    return first17 + String(ResidentID.checkCharacter(first17) ?? "0")
  }

  /// The same person's number with the next sequence of the same sex, for a number that is
  /// already registered (another seed's county loaded with --force).
  static func nextResidentID(after id: String, born: Vets_Common_V1_Date) -> String {
    let sequence = Int(id.dropFirst(14).prefix(3)) ?? 1
    let next = sequence + 2 > 999 ? sequence % 2 == 0 ? 2 : 1 : sequence + 2
    return residentID(born: born, sequence: next)
  }

  /// 18 characters from the GB 32100 set with the right check character: 9 (registered by
  /// market regulation) or 5 (civil affairs), the kind, the county, nine random characters.
  static func creditCode(_ random: inout SeededRandom, authority: String = "91") -> String {
    let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    let body = authority + code + "MA" + String((0..<7).map { _ in random.pick(charset) })
    return body + String(CreditCode.checkCharacter(body) ?? "0")
  }

  /// The demo was written in 2026, so its history runs to 2025 ("last year"). Each year it
  /// names moves on by the years since then, so that on any day the demo's last year is last
  /// year and nothing in it is years stale.
  static let yearShift = CalendarDate.localDay(of: Date()).year - 2026

  /// `year` as the demo names it (2025: last year), moved to today.
  static func year(_ year: Int) -> Int { year + yearShift }

  /// A date the demo names, in its year moved to today (``year(_:)``).
  static func date(_ year: Int, _ month: Int, _ day: Int) -> Vets_Common_V1_Date {
    var d = Vets_Common_V1_Date()
    d.year = Int32(Self.year(year))
    d.month = Int32(month)
    d.day = Int32(day)
    return d
  }

  /// A time of day in the bureau's time zone (UTC+8).
  static func instant(_ year: Int, _ month: Int, _ day: Int, hour: Int) -> Date {
    let date = (try? CalendarDate(year: Self.year(year), month: month, day: day, field: "date"))?.startOfLocalDay ?? Date(timeIntervalSince1970: 0)
    return date.addingTimeInterval(Double(hour) * 3600)
  }

  static func money(yuan: Int64) -> Vets_Common_V1_Money { Money.proto(yuan * 100) }
}

/// Chinese names, phones and service dates for synthetic people.
enum DemoNames {
  static let surnames = Array("王李张刘陈杨赵孙周吴徐马朱胡郭何高林郑梁宋韩冯曹许邓田董袁于蒋杜程魏吕丁任姜崔孔颜闫贾侯孟秦尹房")
  static let male = Array("建国军华明伟强志勇庆文海新德成广永福春祥振东立兵忠宝世中长学保平峰涛磊刚鹏")
  static let female = Array("秀英兰芳玉华桂珍凤霞梅丽敏静燕红娟艳萍云莲淑琴")
  static let branches = ["陆军", "陆军", "陆军", "海军", "空军", "火箭军", "武警部队"]

  static func given(_ random: inout SeededRandom, male: Bool) -> String {
    let pool = male ? Self.male : Self.female
    return random.percent(70) ? String([random.pick(pool), random.pick(pool)]) : String(random.pick(pool))
  }

  static func name(_ random: inout SeededRandom, male: Bool, surname: Character? = nil) -> String {
    String(surname ?? random.pick(surnames)) + given(&random, male: male)
  }

  static func mobile(_ random: inout SeededRandom) -> String {
    random.pick(["138", "139", "135", "158", "159", "137", "152", "187", "188", "178"]) + String(format: "%08d", random.int(0...99_999_999))
  }
}
