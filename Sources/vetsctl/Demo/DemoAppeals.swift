import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The demo's appeals (诉求): one in every state of the workflow, received at the county
/// centre and the talk rooms. Each is received at the load (a fixed received time would make
/// resolution "late"), except two received 45 and 60 days before the load and left open,
/// which are overdue by some working days whatever the day of the load.
struct DemoAppeal {
  enum End {
    case received, determined, inProgress, onHold, resolved, returnVisited, satisfied, basicallySatisfied, reopened, outOfPolicy
    case closedOutOfPolicy
  }
  let key: String
  let category: Vets_Appeals_V1_Category
  let channel: Vets_Appeals_V1_Channel
  let summary: String
  let end: End
  var departments: [Vets_Appeals_V1_Department] = [.veteransAffairs]
  var taskForce = false
  /// Days before the load it was received, for the overdue ones.
  var receivedDaysAgo: Int?
  var extendBy: Int32 = 0

  static let all: [DemoAppeal] = [
    DemoAppeal(key: "guo", category: .pensionBenefits, channel: .serviceHall, summary: "咨询参战退役人员生活补助政策", end: .satisfied),
    DemoAppeal(key: "medical", category: .medical, channel: .station, summary: "申请慢性病门诊医疗补助", end: .inProgress,
               departments: [.health, .veteransAffairs], taskForce: true),
    DemoAppeal(key: "housing", category: .housing, channel: .homeVisit, summary: "危房改造申请", end: .determined),
    DemoAppeal(key: "job", category: .resettlementEmployment, channel: .station, summary: "要求安排子女进入事业单位", end: .closedOutOfPolicy),
    DemoAppeal(key: "pension-rate", category: .pensionBenefits, channel: .phone, summary: "要求按副团职标准提高抚恤金", end: .outOfPolicy),
    DemoAppeal(key: "records", category: .records, channel: .serviceHall, summary: "补办退伍证", end: .basicallySatisfied),
    DemoAppeal(key: "wages", category: .rightsLegal, channel: .station, summary: "原单位拖欠工龄补偿", end: .inProgress,
               departments: [.petitionsOffice, .formerEmployer, .humanResourcesSocialSecurity], taskForce: true, extendBy: 10),
    DemoAppeal(key: "hardship", category: .hardship, channel: .homeVisit, summary: "家中突发变故，生活困难", end: .resolved,
               departments: [.civilAffairs]),
    DemoAppeal(key: "reopened", category: .pensionBenefits, channel: .station, summary: "定期生活补助计算有误", end: .reopened),
    DemoAppeal(key: "subsidy", category: .pensionBenefits, channel: .station, summary: "申请老党员生活补贴", end: .returnVisited),
    DemoAppeal(key: "house-survey", category: .housing, channel: .station, summary: "房屋漏雨申请维修补助", end: .onHold,
               departments: [.housing]),
    DemoAppeal(key: "online", category: .other, channel: .online, summary: "询问优待证办理进度", end: .received),
    DemoAppeal(key: "overdue-records", category: .records, channel: .station, summary: "查询入伍档案", end: .inProgress, receivedDaysAgo: 45),
    DemoAppeal(key: "overdue-pension", category: .pensionBenefits, channel: .phone, summary: "遗属抚恤金未到账", end: .received, receivedDaysAgo: 60),
  ]
}

extension DemoLoader {
  func loadAppeals() async throws {
    Self.progress("appeals: requests at the stations, answers, departments and return visits")
    let service = Vets_Appeals_V1_AppealService.Client(wrapping: client)
    let veterans = livingHouseholds.flatMap(\.members).filter(\.isVeteran)
    var ends: [DemoAppeal.End: Int] = [:]
    for (index, a) in DemoAppeal.all.enumerated() {
      let person = veterans[(index * 7) % veterans.count]
      let village = registered[person.key]?.villageCode ?? person.input.villageCode
      func id(_ step: String) -> String { requestID("appeal", a.key, step) }

      var receive = Vets_Appeals_V1_ReceiveAppealRequest()
      receive.requestID = id("receive")
      (receive.personID, receive.category, receive.channel, receive.summary) = (personIDs[person.key]!, a.category, a.channel, a.summary)
      receive.stationID = stationIDs[a.channel == .serviceHall ? "centre" : "talk-\(village)"] ?? stationIDs["centre"]!
      if let days = a.receivedDaysAgo {
        receive.receivedAt = Google_Protobuf_Timestamp(date: today.adding(days: -days).startOfLocalDay.addingTimeInterval(9 * 3600))
      }
      let appeal = try await service.receiveAppeal(receive, metadata: admin, options: options).id
      ends[a.end, default: 0] += 1
      guard a.end != .received else { continue }

      var determine = Vets_Appeals_V1_DetermineAppealRequest()
      (determine.requestID, determine.appealID) = (id("determine"), appeal)
      if a.end == .outOfPolicy || a.end == .closedOutOfPolicy {
        determine.policyReference = a.category == .resettlementEmployment ? "《退役士兵安置条例》第二十八条" : "《军人抚恤优待条例》第三十四条"
        determine.explanation = "所提要求不在现行政策范围内，已当面说明政策依据"
        _ = try await service.determineAppeal(determine, metadata: admin, options: options)
        if a.end == .closedOutOfPolicy { _ = try await service.closeAppeal(.with { $0.requestID = id("close"); $0.appealID = appeal }, metadata: admin, options: options) }
        continue
      }
      determine.withinPolicy = true
      determine.policyReference = "《退役军人保障法》"
      determine.explanation = "属于政策范围，依规办理并限期答复"
      _ = try await service.determineAppeal(determine, metadata: admin, options: options)
      guard a.end != .determined else { continue }

      var assign = Vets_Appeals_V1_AssignAppealRequest()
      (assign.requestID, assign.appealID, assign.taskForce) = (id("assign"), appeal, a.taskForce)
      assign.tasks = a.departments.map { department in
        .with {
          $0.department = department
          $0.departmentName = department == .formerEmployer ? "汶上县机械厂" : ""
          $0.owner = "经办人\(department.rawValue)"
        }
      }
      var current = try await service.assignAppeal(assign, metadata: admin, options: options)
      if a.extendBy > 0 {
        let extend = Vets_Appeals_V1_ExtendAppealRequest.with {
          ($0.requestID, $0.appealID, $0.workingDays, $0.reason) = (id("extend"), appeal, a.extendBy, "需原单位出具工龄证明")
        }
        current = try await service.extendAppeal(extend, metadata: admin, options: options)
      }
      let note = Vets_Appeals_V1_AddNoteRequest.with {
        ($0.requestID, $0.appealID, $0.text, $0.visibleToPerson) = (id("note"), appeal, "已电话告知办理进度", true)
      }
      _ = try await service.addNote(note, metadata: admin, options: options)
      guard a.end != .inProgress else { continue }
      if a.end == .onHold {
        // The hold's last day follows today's date, so a second load leaves an existing hold be.
        let state = try await service.getAppeal(.with { $0.id = appeal }, metadata: admin, options: options).state
        if state == .inProgress {
          let hold = Vets_Appeals_V1_HoldAppealRequest.with {
            ($0.requestID, $0.appealID, $0.reason, $0.until) = (id("hold-\(today.iso)"), appeal, "等待住建部门现场核查", today.adding(days: 14).proto)
          }
          _ = try await service.holdAppeal(hold, metadata: admin, options: options)
        }
        continue
      }

      for task in current.tasks {
        let done = Vets_Appeals_V1_UpdateTaskRequest.with {
          ($0.requestID, $0.appealID, $0.taskID, $0.state) = (id("task-\(task.id)"), appeal, task.id, .done)
        }
        _ = try await service.updateTask(done, metadata: admin, options: options)
      }
      let resolve = Vets_Appeals_V1_ResolveAppealRequest.with {
        ($0.requestID, $0.appealID, $0.outcome, $0.measures) = (id("resolve"), appeal, "已按政策办结", "书面答复并落实相关待遇")
      }
      _ = try await service.resolveAppeal(resolve, metadata: admin, options: options)
      guard a.end != .resolved else { continue }

      let satisfaction: Vets_Appeals_V1_Satisfaction =
        switch a.end {
        case .satisfied: .satisfied
        case .basicallySatisfied: .basicallySatisfied
        default: .dissatisfied
        }
      let visit = Vets_Appeals_V1_RecordReturnVisitRequest.with {
        ($0.requestID, $0.appealID, $0.satisfaction) = (id("visit"), appeal, satisfaction)
        $0.comment = satisfaction == .dissatisfied ? "认为补助金额计算有误" : "感谢及时办理"
      }
      _ = try await service.recordReturnVisit(visit, metadata: admin, options: options)
      if a.end == .returnVisited { continue }
      if a.end == .reopened {
        let reopen = Vets_Appeals_V1_ReopenAppealRequest.with { ($0.requestID, $0.appealID, $0.reason) = (id("reopen"), appeal, "复核补助计算") }
        _ = try await service.reopenAppeal(reopen, metadata: admin, options: options)
      } else {
        _ = try await service.closeAppeal(.with { $0.requestID = id("close"); $0.appealID = appeal }, metadata: admin, options: options)
      }
    }
    summary.add("appeals", "appeals", DemoAppeal.all.count)
    summary.add("appeals", "closed", (ends[.satisfied] ?? 0) + (ends[.basicallySatisfied] ?? 0) + (ends[.closedOutOfPolicy] ?? 0))
    summary.add("appeals", "outside_policy", (ends[.outOfPolicy] ?? 0) + (ends[.closedOutOfPolicy] ?? 0))
    summary.add("appeals", "overdue", DemoAppeal.all.count { $0.receivedDaysAgo != nil })
  }
}
