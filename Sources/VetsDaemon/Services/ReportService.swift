import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The county report: every running module's summary for a year, in start order.
struct ReportService: Vets_Daemon_V1_ReportService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "GetCountyReport": .read(.admin, .clerk, .approver, .auditor, .system).countyWide
  ]

  let modules: [any VetsModule]
  let clock: any WallClock

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_ReportService.descriptor, rules: Self.rules)
  }

  func getCountyReport(request: Vets_Daemon_V1_GetCountyReportRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_CountyReport
  {
    let year = try Validate.reportYear(request.year)
    var report = Vets_Daemon_V1_CountyReport()
    report.year = request.year
    report.generatedAt = Google_Protobuf_Timestamp(date: clock.now())
    for module in modules {
      if let section = try await module.countySummary(year: year) { report.sections.append(section) }
    }
    return report
  }
}
