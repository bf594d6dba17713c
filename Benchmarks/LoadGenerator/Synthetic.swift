// Synthetic people with valid resident ID numbers, deterministic by index, spread over ten
// towns and 300 villages of one county.

import Foundation
import VetsKit

enum Synthetic {
  static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段").map(String.init)
  static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国庆红志民德福春生海东林荣").map(String.init)
  static let header = "身份证号,姓名,性别,出生日期,类别,村代码\n"

  static func residentID(_ first17: String) -> String { first17 + String(ResidentID.checkCharacter(first17)!) }

  static func village(_ i: Int) -> String { String(format: "370830%03d%03d", 1 + i % 10, 1 + (i / 10) % 30) }

  static var divisions: String {
    var csv = "code,name\n"
    for t in 1...10 { csv += String(format: "370830%03d,镇%d\n", t, t) }
    for i in 0..<300 { csv += "\(village(i)),村\(i)\n" }
    return csv
  }

  /// Person i's ID number: a unique (birth date, sequence) pair, so every number is distinct.
  static func idNumber(_ i: Int) -> (id: String, birth: String) {
    let day = i % 20_000
    let sequence = (i / 20_000) % 1000
    let birth = Date(timeIntervalSince1970: -1_104_537_600 + Double(day) * 86_400)  // from 1935-01-01
    let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: birth)
    let ymd = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
    return (residentID("370830" + ymd + String(format: "%03d", sequence)), String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!))
  }

  static func name(_ i: Int) -> String { surnames[i % surnames.count] + given[(i / 7) % given.count] + given[(i / 331) % given.count] }

  static func row(_ i: Int) -> String {
    let (id, birth) = idNumber(i)
    let sex = (i / 20_000) % 2 == 1 ? "男" : "女"
    return "\(id),\(name(i)),\(sex),\(birth),discharged_soldier,\(village(i))\n"
  }

  static func csv(people: Int) -> Data {
    var csv = header
    csv.reserveCapacity(people * 80)
    for i in 0..<people { csv += row(i) }
    return Data(csv.utf8)
  }

  /// A credit code with a valid check character: civil affairs' "91", this county, "MA",
  /// and seven characters from `n`.
  static func creditCode(_ n: Int) -> String {
    let body = "91370830MA" + String(format: "%07d", n % 10_000_000)
    return body + String(CreditCode.checkCharacter(body)!)
  }
}
