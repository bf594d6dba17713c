import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The appeals report and how an appeal is printed.

struct AppealsReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "A year's appeals by category and by station: policy, timeliness, satisfaction, overdue.")
  @OptionGroup var global: GlobalOptions
  @Option var year: Int32

  func run() async throws {
    var r = Vets_Appeals_V1_GetReportRequest()
    r.year = year
    let report = try await appealsCall(global) { c, m, o in try await c.getReport(r, metadata: m, options: o) }
    switch global.output {
    case .json: try Output.json(report)
    case .table, .csv:
      let header = ["", "RECEIVED", "WITHIN POLICY", "RESOLVED ON TIME", "MEDIAN DAYS", "SATISFIED", "BASICALLY", "DISSATISFIED", "OVERDUE NOW"]
      Output.table(["CATEGORY"] + header.dropFirst(), (report.byCategory + [report.total]).map(Self.cells))
      print("")
      Output.table(["STATION"] + header.dropFirst(), report.byStation.map(Self.cells))
    }
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

func printAppeals(_ response: Vets_Appeals_V1_ListAppealsResponse, _ global: GlobalOptions) throws {
  switch global.output {
  case .json: try Output.json(response)
  case .table, .csv:
    Output.table(
      ["APPEAL", "PERSON", "CATEGORY", "STATE", "RECEIVED", "DUE", "OVERDUE", "SUMMARY"],
      response.appeals.map { a in
        [a.id, a.personID, EnumNames.name(a.category), EnumNames.name(a.state), Dates.time(a.receivedAt), Dates.text(a.dueOn),
         a.daysOverdue == 0 ? "-" : "\(a.daysOverdue) days", a.summary]
      })
    Output.nextPage(response.nextPageToken)
  }
}

func printAppeal(_ a: Vets_Appeals_V1_Appeal, _ global: GlobalOptions) throws {
  switch global.output {
  case .json: try Output.json(a)
  case .table, .csv:
    var fields = [
      ("appeal", a.id), ("person", a.personID), ("state", EnumNames.name(a.state)), ("category", EnumNames.name(a.category)),
      ("channel", EnumNames.name(a.channel)), ("station", a.stationID), ("received", Dates.time(a.receivedAt)), ("summary", a.summary),
    ]
    if !a.details.isEmpty { fields.append(("details", a.details)) }
    if a.state != .received {
      let policy = a.policyReference.isEmpty ? "" : " (\(a.policyReference))"
      fields.append(("policy", (a.withinPolicy ? "within policy" : "outside policy") + policy + ": " + a.explanation))
    }
    fields.append(("due by", "\(Dates.text(a.dueOn)) (\(a.workingDays) working days)\(a.daysOverdue > 0 ? ", \(a.daysOverdue) days overdue" : "")"))
    if a.taskForce { fields.append(("task force", "yes")) }
    if !a.outcome.isEmpty {
      fields.append(("outcome", a.outcome))
      fields.append(("measures", a.measures))
      fields.append(("resolved", "\(Dates.time(a.resolvedAt)), \(a.resolvedOnTime ? "on time" : "late")"))
    }
    if a.satisfaction != .unspecified {
      fields.append(("return visit", EnumNames.name(a.satisfaction) + (a.satisfactionComment.isEmpty ? "" : ": \(a.satisfactionComment)")))
    }
    if a.reopened { fields.append(("reopened", a.reopenReason)) }
    if !a.reliefCaseID.isEmpty { fields.append(("relief case", "\(a.reliefCaseID) (\(a.reliefCaseStatus.isEmpty ? "relief module off" : a.reliefCaseStatus))")) }
    Output.fields(fields)
    if !a.tasks.isEmpty {
      print("")
      Output.table(
        ["TASK", "DEPARTMENT", "OWNER", "STATE", "NOTE"],
        a.tasks.map { t in
          [t.id, t.departmentName.isEmpty ? EnumNames.name(t.department) : "\(EnumNames.name(t.department)): \(t.departmentName)", t.owner,
           EnumNames.name(t.state), t.note.isEmpty ? "-" : t.note]
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
      a.timeline.map { [Dates.time($0.at), $0.event, $0.by, $0.visibleToPerson ? "yes" : "no", $0.detail] })
  }
}
