import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

/// `vetsctl appeals ...`: veterans' requests, from receipt to the return visit.
struct AppealsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "appeals",
    abstract: Language.say("退役军人诉求：政策答复、承办部门、办理时限、办理进展和回访。", "Veterans' requests (诉求): policy answers, departments, deadlines, progress and the return visit."),
    subcommands: [
      Leaf<Receive>.self, Leaf<Determine>.self, Leaf<Assign>.self, Leaf<TaskUpdate>.self, Leaf<Hold>.self, Leaf<Resume>.self,
      Leaf<Extend>.self, Leaf<Note>.self, Leaf<Resolve>.self, Leaf<ReturnVisit>.self, Leaf<Reopen>.self, Leaf<Close>.self,
      Leaf<ReliefCase>.self, Leaf<Show>.self, Leaf<List>.self, Leaf<Overdue>.self, Leaf<Timeline>.self, Leaf<Reply>.self, Leaf<AppealsReportCommand>.self,
    ])

  /// `--department civil_affairs` or `--department former_employer:县机械厂`, with `--owner`.
  struct DepartmentArgument: ExpressibleByArgument {
    let department: Vets_Appeals_V1_Department
    let name: String

    init?(argument: String) {
      let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard let department = Vets_Appeals_V1_Department.value(typed: parts[0]) else { return nil }
      self.department = department
      name = parts.count == 2 ? parts[1] : ""
    }

    static var allValueStrings: [String] { Vets_Appeals_V1_Department.typeable }
  }

  struct Receive: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "receive", abstract: Language.say("受理并登记本人提出的诉求。", "Record a request a person made."))
    @Option(help: .person("诉求人", "The person who appeals")) var person: Who
    @Option(help: .say("受理渠道：station 服务站(老兵话吧)、service_hall 服务中心大厅、phone 电话、home_visit 上门走访或 online 网上。", "station, service_hall, phone, home_visit or online.")) var channel: Word<Vets_Appeals_V1_Channel>
    @Option(help: .say("诉求类别。", "What the request is about.", valueName: "category")) var category: Word<Vets_Appeals_V1_Category>
    @Option(help: .say("一句话写明本人的诉求。", "One line: what the person asks for.")) var summary: String
    @Option(help: .say("诉求的详细情况（可不填）。", "The request in full (optional).")) var details = ""
    @Option(help: .station("受理的服务站", "The registry station that received it")) var station: Who
    @Option(help: .say("提出时间，格式 'YYYY-MM-DD HH:MM'，北京时间（默认为现在）。", "When it was made, 'YYYY-MM-DD HH:MM' China time (default now).")) var receivedAt: String?

    func call(_ c: Clients) async throws -> some Printable {
      let station = try await self.station.stationID(c, "--station")
      let person = try await self.person.personID(c, "--person")
      return try await c.appeals.receiveAppeal(c.write { r in
        r.personID = person
        r.channel = channel.value
        r.category = category.value
        r.summary = summary
        r.details = details
        r.stationID = station
        if let receivedAt { r.receivedAt = try Dates.parseTime(receivedAt, option: "--received-at") }
      })
    }
  }

  struct Determine: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "determine", abstract: Language.say("作出政策研判：--within 属于政策范围；--outside 为政策外，并用 --policy 写明依据的政策。", "Give the policy answer: --within, or --outside with --policy naming what it falls outside."))
    @Argument(help: .appeal) var appeal: Who
    @Flag(exclusivity: .exclusive, help: .say("属于政策范围，或政策外。", "Within policy, or outside it.")) var determination: Determination
    @Option(help: .say("答复所依据的政策文件和条款（用 --outside 时必填）。", "The policy document and article the answer rests on (required with --outside).")) var policy = ""
    @Option(help: .say("向本人作的解释说明。", "What the person was told.")) var explanation: String

    enum Determination: String, EnumerableFlag { case within, outside }

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.determineAppeal(c.write { r in
        r.appealID = appeal
        r.withinPolicy = determination == .within
        r.policyReference = policy
        r.explanation = explanation
      })
    }
  }

  struct Assign: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "assign", abstract: Language.say("把诉求交办给承办部门，每个部门一项任务；--department 和 --owner 成对重复填写。", "Send the appeal to departments, each a task; repeat --department and --owner in pairs."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("承办部门；原工作单位或其他部门写作 former_employer:NAME / other:NAME（NAME 为单位名称）。", "A department, or former_employer:NAME / other:NAME.", valueName: "department")) var department: [DepartmentArgument]
    @Option(help: .say("该部门的经办人，每个 --department 对应一个。", "Who handles it there, one per --department.")) var owner: [String]
    @Flag(help: .say("复杂诉求成立多部门工作专班。", "A multi-department task force for a complex case.")) var taskForce = false

    func check() throws {
      guard department.count == owner.count else {
        throw ValidationError(Language.say("每个 --department 要对应一个 --owner（现有 \(department.count) 个部门、\(owner.count) 个责任人）", "give one --owner for each --department (\(department.count) departments, \(owner.count) owners)"))
      }
    }

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.assignAppeal(c.write { r in
        r.appealID = appeal
        r.taskForce = taskForce
        r.tasks = zip(department, owner).map { d, owner in
          var t = Vets_Appeals_V1_TaskAssignment()
          t.department = d.department
          t.departmentName = d.name
          t.owner = owner
          return t
        }
      })
    }
  }

  struct TaskUpdate: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "task", abstract: Language.say("修改任务的状态、经办人或备注。", "Change a task's state, owner or note."))
    @Argument(help: .appeal) var appeal: Who
    @Argument(help: .say("任务编号，如 T1。", "The task's id, e.g. T1.")) var task: String
    @Option(help: .say("open 待办、working 办理中或 done 已完成。", "open, working or done.")) var state: Word<Vets_Appeals_V1_TaskState>?
    @Option(help: .say("改由这位经办人办理（不填则不变）。", "The task's new owner (unchanged when left out).")) var owner = ""
    @Option(help: .say("任务备注，替换原来的备注（不填则不变）。", "The task's note, replacing the old one (unchanged when left out).")) var note = ""

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.updateTask(c.write { r in
        r.appealID = appeal
        r.taskID = task
        if let state { r.state = state.value }
        r.owner = owner
        r.note = note
      })
    }
  }

  struct Hold: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "hold", abstract: Language.say("暂缓计时到某一天，须写明原因。", "Pause the deadline until a date, with a reason."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("暂缓计时的原因，如 等待住建部门现场核查。", "Why the deadline is paused.")) var reason: String
    @Option(help: .say("暂缓的最后一天，格式 YYYY-MM-DD。", "The hold's last day, YYYY-MM-DD.")) var until: String

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.holdAppeal(c.write { r in
        r.appealID = appeal
        r.reason = reason
        r.until = try Dates.parse(until, option: "--until")
      })
    }
  }

  struct Resume: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "resume", abstract: Language.say("今天结束暂缓；暂缓的天数顺延办理时限。", "End a hold today; the days it lasted move the due date."))
    @Argument(help: .appeal) var appeal: Who

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.resumeAppeal(c.write { $0.appealID = appeal })
    }
  }

  struct Extend: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "extend", abstract: Language.say("办理时限延期若干个工作日，须写明原因。", "Move the due date by some working days, with a reason."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("延期的工作日数，1 至 60。", "How many working days to add, 1 to 60.")) var workingDays: Int32
    @Option(help: .say("延期的原因，如 需原单位出具工龄证明。", "Why the due date moves.")) var reason: String

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.extendAppeal(c.write { r in
        r.appealID = appeal
        r.workingDays = workingDays
        r.reason = reason
      })
    }
  }

}
