import Foundation
import TestSupport
import Testing
import VetsKit

// Issue 18, "done when": a town clerk's day (南旺镇) through the real vetsctl in Chinese. Every
// value is typed as a clerk says it — Chinese words, people's names or the last 6 characters
// of an ID number, station and village names — and no id printed by one command is copied
// into the next.
@Suite struct ClerkDayTests {
  static let nanwang = "370830002001"

  @Test func aTownClerksDayIsDoneInChineseWithNamesNotIDs() async throws {
    // Follow-ups three days apart fall inside the worklist's week.
    try await TestDaemon.with(config: "[modules.relief]\nfollow_up_every_days = 3\n") { daemon in
      /// A command as the clerk types it: Chinese (no --lang), the given token, and it must succeed.
      func typed(_ arguments: [String], _ token: String? = nil) async throws -> String {
        let run = try await daemon.vetsctl(arguments, tokenFile: token, language: nil)
        try #require(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
        return run.stdout
      }
      func refused(_ arguments: [String], _ token: String? = nil) async throws -> Finished {
        let run = try await daemon.vetsctl(arguments, tokenFile: token, language: nil)
        #expect(run.status != 0, "\(arguments.joined(separator: " ")) should be refused: \(run.stdout)")
        return run
      }

      // The operator's morning: two towns, each with a 东关村, a station, the fund and the tokens.
      let divisions = daemon.root.appendingPathComponent("区划.csv").path
      try "代码,名称\n370830001,中都街道\n370830001001,东关村\n370830002,南旺镇\n370830002001,南旺村\n370830002002,东关村\n"
        .write(toFile: divisions, atomically: true, encoding: .utf8)
      _ = try await typed(["registry", "division", "import", divisions])
      let twoPlaces = try await refused(["registry", "station", "add", "--name", "东关村老兵话吧", "--kind", "老兵话吧", "--division", "东关村"])
      #expect(twoPlaces.stderr.contains("--division “东关村”有 2 处") && twoPlaces.stderr.contains("南旺镇东关村（370830002002）"), "\(twoPlaces.stderr)")
      _ = try await typed(["registry", "station", "add", "--name", "南旺村退役军人服务站", "--kind", "村(社区)退役军人服务站", "--division", "南旺镇南旺村"])
      _ = try await typed(["relief", "fund", "create", "assistance", "--name", "退役军人帮扶基金"])
      _ = try await typed(["relief", "fund", "create", "army-support", "--name", "爱国拥军协会", "--kind", "资金来源"])
      _ = try await typed(["relief", "fund", "deposit", "--fund", "assistance", "--from", "army-support", "--amount", "20000.00"])
      let clerk = try await daemon.createToken(role: "clerk", scope: "town:370830002", name: "南旺镇经办人").file
      let villageApprover = try await daemon.createToken(role: "approver", scope: "village:\(Self.nanwang)", name: "村审批").file
      let townApprover = try await daemon.createToken(role: "approver", scope: "town:370830002", name: "镇审批").file
      let countyApprover = try await daemon.createToken(role: "approver", scope: "county", name: "县审批").file
      // Another 荣庆华, in the other town's 东关村: the county sees two people of that name.
      let otherRong = residentID(born: "1961-08-20", sequence: "051")
      _ = try await typed(["registry", "person", "add", "--id-number", otherRong, "--name", "荣庆华", "--category", "退役士兵", "--village", "中都街道东关村"])

      // 1. The spreadsheet the village sent, as Excel writes it: dates in three forms, Chinese labels.
      let rong = residentID(born: "1950-03-12", sequence: "001")
      let sheet = daemon.root.appendingPathComponent("南旺村.csv").path
      try ("\u{FEFF}身份证号,姓名,出生日期,类别,村代码,标签\r\n"
        + "\(rong),荣庆华,1950/3/12,退役士兵,\(Self.nanwang),兵支书\r\n"
        + "\(residentID(born: "1952-07-01", sequence: "002")),王秀英,1952年7月1日,无,\(Self.nanwang),\r\n"
        + "\(residentID(born: "1948-01-05", sequence: "003")),郭明德,1948.1.5,参战参试人员,\(Self.nanwang),\r\n")
        .write(toFile: sheet, atomically: true, encoding: .utf8)
      let imported = try await typed(["registry", "import", sheet], clerk)
      #expect(imported.contains("3"), "\(imported)")

      // 2. Find people: a surname finds the town's 荣庆华, with the village's name beside him.
      let found = try await typed(["registry", "person", "search", "--name", "荣"], clerk)
      #expect(found.contains("荣庆华") && found.contains("南旺村") && found.contains("退役士兵"), "\(found)")
      #expect(!found.contains("东关村"), "the town clerk sees only the town: \(found)")
      let nobody = try await daemon.vetsctl(["registry", "person", "search", "--name", "赵"], tokenFile: clerk, language: nil)
      #expect(nobody.stderr.contains("没有找到姓名以“赵”开头的人；加 --contains"), "\(nobody.stderr)")

      // 3. The household, named by its people.
      _ = try await typed(["registry", "household", "create", "--head", "荣庆华"], clerk)
      _ = try await typed(["registry", "household", "add-member", "荣庆华", "王秀英", "--relation", "配偶"], clerk)
      let stranger = try await refused(["registry", "household", "add-member", "荣庆华", "赵四", "--relation", "子女"], clerk)
      #expect(stranger.stderr.contains("没有找到“赵四”") && stranger.stderr.contains("身份证号后 6 位"), "\(stranger.stderr)")

      // 4. A visit, dated today.
      let visit = try await typed(["relief", "visit", "record", "--person", "荣庆华", "--unit", "南旺村退役军人服务站", "--notes", "老人腿脚不便"], clerk)
      #expect(visit.contains(CalendarDate.localDay(of: Date()).iso), "\(visit)")

      // 5. The case, from intake to payment, each step naming the household by a person in it.
      _ = try await typed(["relief", "case", "open", "--household", "王秀英", "--source", "走访发现", "--reported-by", "南旺村退役军人服务站"], clerk)
      _ = try await typed(["relief", "case", "assess", "荣庆华", "--illness", "癌症", "--needs", "医疗费"], clerk)
      _ = try await typed(["relief", "case", "plan", "荣庆华", "--measures", "帮扶基金救助", "--amount", "5000"], clerk)
      let submitted = try await typed(["relief", "case", "submit", "荣庆华"], clerk)
      #expect(submitted.contains("审核中"), "\(submitted)")
      let waiting = try await typed(["today"], villageApprover)
      #expect(waiting.contains("待我审批") && waiting.contains("荣庆华户") && waiting.contains("南旺镇南旺村"), "the village approver's worklist: \(waiting)")
      #expect(waiting.contains("帮扶个案等待村级初审"), "\(waiting)")
      _ = try await typed(["relief", "case", "approve", "荣庆华", "--comment", "属实"], villageApprover)
      _ = try await typed(["relief", "case", "approve", "荣庆华", "--comment", "同意"], townApprover)
      // The county sees both 荣庆华: it is told who they are and what to type instead.
      let two = try await refused(["relief", "case", "approve", "荣庆华"], countyApprover)
      #expect(two.stderr.contains("“荣庆华”找到 2 人") && two.stderr.contains("南旺村") && two.stderr.contains("东关村"), "\(two.stderr)")
      #expect(two.stderr.contains("请输入身份证号后 6 位或人员编号"), "\(two.stderr)")
      let approved = try await typed(["relief", "case", "approve", String(rong.suffix(6)), "--comment", "同意"], countyApprover)
      #expect(approved.contains("已批准"), "\(approved)")
      let paid = try await typed(["relief", "case", "pay", "荣庆华", "--payee", "王秀英", "--amount", "5000"], clerk)
      #expect(paid.contains("已发放"), "\(paid)")

      // The household file a clerk prints: names, relations, and the payment dated today.
      let file = try await typed(["registry", "household", "show", "王秀英"], clerk)
      #expect(file.contains("荣庆华") && file.contains("户主") && file.contains("王秀英") && file.contains("配偶"), "\(file)")
      #expect(file.contains("从退役军人帮扶基金发放") && file.contains("5000.00"), "\(file)")

      // 6. An appeal, received at the station named in words, followed by the person's name.
      _ = try await typed([
        "appeals", "receive", "--person", "郭明德", "--channel", "老兵话吧", "--category", "优抚待遇",
        "--summary", "咨询参战参试人员生活补助", "--station", "南旺村",
      ], clerk)
      _ = try await typed(["appeals", "determine", "郭明德", "--within", "--policy", "鲁退役军人发〔2019〕5号", "--explanation", "属于政策范围"], clerk)
      _ = try await typed(["appeals", "assign", "郭明德", "--department", "人社局", "--owner", "社保中心 李主任"], clerk)
      let appeals = try await typed(["appeals", "list", "--person", "郭明德"], clerk)
      #expect(appeals.contains("郭明德") && appeals.contains("办理中"), "\(appeals)")
      let reply = try await typed(["appeals", "reply", "郭明德"], clerk)
      #expect(reply.contains("退役军人诉求答复单") && reply.contains("诉求人：郭明德") && reply.contains("南旺村退役军人服务站"), "\(reply)")
      #expect(reply.contains("人力资源和社会保障局"), "\(reply)")

      // The clerk plans the follow-ups, and tomorrow's worklist names whom to visit.
      _ = try await typed(["relief", "case", "schedule", "荣庆华", "--count", "2"], clerk)
      let today = try await typed(["today"], clerk)
      #expect(today.contains("回访到期") && today.contains("荣庆华户") && today.contains("南旺镇南旺村"), "\(today)")
    }
  }
}
