// 拥军企业目录和优惠项目清单: the directory the bureau publishes, every active enterprise with
// the offers a veteran can use on a day, as a CSV a spreadsheet opens.

import GRDB
import VetsAPI
import VetsKit

enum PublishedDirectory {
  /// The CSV, with a byte-order mark (spreadsheets read UTF-8 by it) and formulas defused.
  static func csv(_ db: Database, on today: CalendarDate, category: String?, town: String?) throws -> String {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT e.name, e.credit_code, e.category, e.town_code, e.address, e.contact, o.title, o.benefit, o.percent_off, o.amount_off,
          o.benefit_text, o.valid_from, o.valid_to
        FROM alliance_enterprises e JOIN alliance_offers o ON o.enterprise_id = e.id
        WHERE e.status = 'active' AND o.status = 'active' AND o.valid_from <= ? AND ? <= o.valid_to
          AND (? IS NULL OR e.category = ?) AND (? IS NULL OR e.town_code = ?)
        ORDER BY e.category, e.town_code, e.name, o.title
        """,
      arguments: [today.iso, today.iso, category, category, town, town]
    ).map { row -> [String] in
      let benefit = BenefitWords.say(
        Vets_Alliance_V1_BenefitKind.terms.value(row["benefit"]) ?? .other, percentOff: row["percent_off"],
        amountOffFen: row["amount_off"], text: row["benefit_text"])
      return [
        row["name"], row["credit_code"], Vets_Alliance_V1_EnterpriseCategory.terms.label(ofWord: row["category"]), row["town_code"], row["address"], row["contact"], row["title"], benefit,
        row["valid_from"], row["valid_to"],
      ]
    }
    var csv = "\u{FEFF}" + CSV.line(["企业名称", "统一社会信用代码", "类别", "镇街", "地址", "联系方式", "优惠项目", "优惠内容", "开始", "结束"])
    for row in rows { csv += CSV.line(row, guardFormulas: true) }
    return csv
  }
}
