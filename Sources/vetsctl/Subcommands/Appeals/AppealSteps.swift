import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// The appeal's later steps: notes, the outcome, the return visit, and what it leads to.
extension AppealsCommand {
  struct Note: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "note", abstract: Language.say("登记办理进展；加 --visible 则写入本人可查看的办理经过。", "Record progress; --visible puts it in the timeline the person reads."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("办理进展的内容。", "What was done or learned.")) var text: String
    @Flag(help: .say("本人可以查看（默认仅内部可见）。", "The person may read it (default: internal).")) var visible = false

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.addNote(c.write { r in
        r.appealID = appeal
        r.text = text
        r.visibleToPerson = visible
      })
    }
  }

  struct Resolve: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: Language.say("登记办理结果和采取的措施。", "Record the outcome and the measures taken."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("办理结果，印在答复单上，如 已按政策办结。", "The outcome, printed on the reply.")) var outcome: String
    @Option(help: .say("采取的措施，印在答复单上，如 书面答复并落实相关待遇。", "The measures taken, printed on the reply.")) var measures: String

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.resolveAppeal(c.write { r in
        r.appealID = appeal
        r.outcome = outcome
        r.measures = measures
      })
    }
  }

  struct ReturnVisit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "return-visit", abstract: Language.say("登记回访结果：本人是否满意。", "Record whether the person is satisfied."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("satisfied 满意、basically_satisfied 基本满意或 dissatisfied 不满意。", "satisfied, basically_satisfied or dissatisfied.")) var satisfaction: Word<Vets_Appeals_V1_Satisfaction>
    @Option(help: .say("本人的意见（不满意时必填）。", "What the person said (required when dissatisfied).")) var comment = ""

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.recordReturnVisit(c.write { r in
        r.appealID = appeal
        r.satisfaction = satisfaction.value
        r.comment = comment
      })
    }
  }

  struct Reopen: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: Language.say("回访不满意后重新办理（只能一次）。", "Reopen once after a dissatisfied return visit."))
    @Argument(help: .appeal) var appeal: Who
    @Option(help: .say("重新办理的原因，如 复核补助计算。", "Why it is reopened.")) var reason: String

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.reopenAppeal(c.write {
        $0.appealID = appeal
        $0.reason = reason
      })
    }
  }

  struct Close: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "close", abstract: Language.say("关闭已回访或政策外（已说明）的诉求。", "Close a return-visited or out-of-policy appeal."))
    @Argument(help: .appeal) var appeal: Who

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.closeAppeal(c.write { $0.appealID = appeal })
    }
  }

  struct ReliefCase: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "relief-case", abstract: Language.say("为生活困难诉求的家庭户立帮扶个案（须启用帮扶模块）。", "Open an assistance case for the household of a hardship appeal (needs the relief module)."))
    @Argument(help: .appeal) var appeal: Who

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.openReliefCase(c.write { $0.appealID = appeal })
    }
  }

}

/// Reading appeals.
extension AppealsCommand {
  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.say("查看一件诉求及其交办任务、暂缓记录和全部办理经过。", "An appeal with its tasks, holds and whole timeline."))
    @Argument(help: .appeal) var appeal: Who

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.getAppeal(.with { $0.id = appeal })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出本令牌范围内的诉求。", "List appeals in your scope."))
    @Option(help: .say("只列出这一状态的诉求，如 办理中、暂缓、已办结。", "Only appeals in this state.")) var state: Word<Vets_Appeals_V1_AppealState>?
    @Option(help: .say("只列出这一诉求类别。", "Only this category.", valueName: "category")) var category: Word<Vets_Appeals_V1_Category>?
    @Option(help: .station("只列出这个服务站受理的诉求", "Only appeals received at this station")) var station: Who?
    @Option(help: .person("只列出这个人的诉求", "Only this person's appeals")) var person: Who?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      let station = try await self.station?.stationID(c, "--station") ?? ""
      let person = try await self.person?.personID(c, "--person") ?? ""
      return try await c.appeals.listAppeals(.with { r in
        if let state { r.state = state.value }
        if let category { r.category = category.value }
        r.stationID = station
        r.personID = person
        r.page = page.proto
      })
    }
  }

  struct Overdue: Call {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: Language.say("已超过办理时限的诉求，逾期最久的排在前面。", "Appeals past their due date, most overdue first."))
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.listOverdue(.with { $0.page = page.proto }) }
  }

  struct Timeline: Call {
    static let configuration = CommandConfiguration(
      commandName: "timeline", abstract: Language.say("本人可查看的办理经过，供打印答复用；不含内部备注。", "What the person may read, for a printed reply: internal notes left out."))
    @Argument(help: .appeal) var appeal: Who

    func call(_ c: Clients) async throws -> some Printable {
      let appeal = try await self.appeal.appealID(c)
      return try await c.appeals.getTimeline(.with { $0.appealID = appeal })
    }
  }

  struct Reply: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "reply",
      abstract: Language.say("打印交给本人的答复单（中文）：诉求内容、办理经过、答复意见。", "Print the written reply (答复单) to hand to the person, in Chinese: the request, what was done, the answer."))
    @Argument(help: .appeal) var appeal: Who

    func run(_ cli: CLI) async throws {
      let timeline = try await cli.call { c in
        let appeal = try await appeal.appealID(c)
        return try await c.appeals.getTimeline(.with { $0.appealID = appeal })
      }
      try cli.show(timeline) { print(timeline.reply) }
    }
  }
}
