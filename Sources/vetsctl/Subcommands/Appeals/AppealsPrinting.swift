import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

/// How appeals are printed.

struct AppealsReportCommand: Call {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: Language.say("全年诉求按类别和服务站统计：政策研判、按时办结、满意度、逾期。", "A year's appeals by category and by station: policy, timeliness, satisfaction, overdue."))
  @Option(help: .say("统计这一年受理的诉求，填年份，如 2026。", "The year the appeals were received, e.g. 2026.")) var year: Int32

  func call(_ c: Clients) async throws -> some Printable { try await c.appeals.getReport(.with { $0.year = year }) }
}

extension Vets_Appeals_V1_Report: Printable {
  func printTable() {
    let header = ["", "RECEIVED", "WITHIN POLICY", "RESOLVED ON TIME", "MEDIAN DAYS", "SATISFIED", "BASICALLY", "DISSATISFIED", "OVERDUE NOW"]
    Output.table(["CATEGORY"] + header.dropFirst(), (byCategory + [total]).map(Self.cells))
    print("")
    Output.table(["STATION"] + header.dropFirst(), byStation.map(Self.cells))
  }

  /// A share as "3/4 (75%)"; "-" when there is nothing to share.
  static func share(_ part: Int32, of whole: Int32) -> String {
    whole == 0 ? "-" : "\(part)/\(whole) (\(Int((Double(part) * 100 / Double(whole)).rounded()))%)"
  }

  static func cells(_ row: Vets_Appeals_V1_ReportRow) -> [String] {
    [
      row.label, String(row.received), share(row.withinPolicy, of: row.determined), share(row.resolvedOnTime, of: row.resolved),
      row.resolved == 0 ? "-" : String(format: "%g", row.medianDaysToResolution), String(row.satisfied), String(row.basicallySatisfied),
      String(row.dissatisfied), String(row.overdueNow),
    ]
  }
}

extension Vets_Appeals_V1_ListAppealsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["APPEAL", "PERSON", "CATEGORY", "STATE", "RECEIVED", "DUE", "OVERDUE", "SUMMARY"],
      appeals.map { a in
        [a.id, named(a.personID, names), word(a.category), word(a.state), Dates.time(a.receivedAt), Dates.text(a.dueOn),
         a.daysOverdue == 0 ? "-" : Language.say("\(a.daysOverdue)天", "\(a.daysOverdue) days"), a.summary]
      })
  }
}

extension Vets_Appeals_V1_Timeline: Printable {
  func printTable() {
    Output.fields([
      ("appeal", appealID), ("person", named(personID, names)), ("station", named(stationID, names)), ("request", summary),
      ("received", Dates.text(receivedOn)), ("due by", Dates.text(dueOn)), ("state", word(state)),
    ])
    print("")
    Output.table(["DATE", "EVENT", "DETAIL"], events.map { [Dates.time($0.at), word(code: $0.event, in: AppealEvent.terms), $0.detail] })
  }

  /// The written reply handed to the person (诉求答复单): always in Chinese, from what the
  /// person may read, dated today (China time), to be signed and stamped by the station.
  var reply: String {
    let station = names[stationID] ?? stationID
    let person = names[personID] ?? personID
    let day = { (t: Google_Protobuf_Timestamp) in CalendarDate.localDay(of: t.date).chinese }
    let due = (try? CalendarDate(dueOn, field: "").chinese) ?? "-"
    var lines = [
      "退役军人诉求答复单", "",
      "编号：\(appealID)",
      "诉求人：\(person)",
      "受理单位：\(station)",
      "受理日期：\((try? CalendarDate(receivedOn, field: "").chinese) ?? "-")",
      "答复期限：\(due)（\(workingDays)个工作日）",
      "办理状态：\(Vets_Appeals_V1_AppealState.terms.label(of: state) ?? "-")", "",
      "诉求内容：", "  \(summary)", "",
      "办理经过：",
    ]
    lines += events.map { "  \(day($0.at))  \(AppealEvent.terms.label(ofWord: $0.event))：\($0.detail)" }
    lines += ["", "答复意见："]
    if !outcome.isEmpty {
      lines += ["  办理结果：\(outcome)", "  采取措施：\(measures)"]
    } else if let answer = events.last(where: { $0.event == "determined" }), state == .outOfPolicy || state == .closed {
      lines.append("  \(answer.detail)")
    } else {
      lines.append("  您的诉求正在办理中，将于\(due)前答复。")
    }
    lines += [
      "", "如对答复有疑问，请与受理单位联系。", "",
      "\(station)（盖章）".leftPadded(to: 40),
      CalendarDate.localDay(of: Date()).chinese.leftPadded(to: 40),
    ]
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// Right-aligned in a line of `width` columns, a CJK character counting two.
  fileprivate func leftPadded(to width: Int) -> String {
    let columns = reduce(0) { $0 + ($1.unicodeScalars.first!.value > 0x2E80 ? 2 : 1) }
    return String(repeating: " ", count: max(0, width - columns)) + self
  }
}

extension Vets_Appeals_V1_Appeal: Printable {
  func printTable() {
    let a = self
    var fields = [
      ("appeal", a.id), ("person", a.personID), ("state", word(a.state)), ("category", word(a.category)),
      ("channel", word(a.channel)), ("station", a.stationID), ("received", Dates.time(a.receivedAt)), ("summary", a.summary),
    ]
    if !a.details.isEmpty { fields.append(("details", a.details)) }
    if a.state != .received {
      let policy = a.policyReference.isEmpty ? "" : " (\(a.policyReference))"
      fields.append(("policy", (a.withinPolicy ? "within policy" : "outside policy") + policy + ": " + a.explanation))
    }
    fields.append(("due by", "\(Dates.text(a.dueOn)) (\(a.workingDays) working days)\(a.daysOverdue > 0 ? ", \(a.daysOverdue) days overdue" : "")"))
    if a.taskForce { fields.append(("task force", Language.yes(true))) }
    if !a.outcome.isEmpty {
      fields.append(("outcome", a.outcome))
      fields.append(("measures", a.measures))
      fields.append(("resolved", "\(Dates.time(a.resolvedAt)), \(a.resolvedOnTime ? "on time" : "late")"))
    }
    if a.satisfaction != .unspecified {
      fields.append(("return visit", word(a.satisfaction) + (a.satisfactionComment.isEmpty ? "" : ": \(a.satisfactionComment)")))
    }
    if a.reopened { fields.append(("reopened", a.reopenReason)) }
    if !a.reliefCaseID.isEmpty { fields.append(("relief case", "\(a.reliefCaseID) (\(a.reliefCaseStatus.isEmpty ? "relief module off" : a.reliefCaseStatus))")) }
    Output.fields(fields)
    if !a.tasks.isEmpty {
      print("")
      Output.table(
        ["TASK", "DEPARTMENT", "OWNER", "STATE", "NOTE"],
        a.tasks.map { t in
          [t.id, t.departmentName.isEmpty ? word(t.department) : "\(word(t.department)): \(t.departmentName)", t.owner,
           word(t.state), t.note.isEmpty ? "-" : t.note]
        })
    }
    if !a.holds.isEmpty {
      print("")
      Output.table(
        ["HOLD FROM", "UNTIL", "RESUMED", "WORKING DAYS", "REASON"],
        a.holds.map { h in
          [Dates.text(h.fromDate), Dates.text(h.until), Dates.text(h.resumedOn), h.resumedOn.year == 0 ? "-" : String(h.workingDays), h.reason]
        })
    }
    print("")
    Output.table(
      ["TIME", "EVENT", "BY", "PERSON SEES", "DETAIL"],
      a.timeline.map { [Dates.time($0.at), word(code: $0.event, in: AppealEvent.terms), $0.by, Language.yes($0.visibleToPerson), $0.detail] })
  }
}
