import GRPCCore
import GRPCProtobuf
import Testing
@testable import VetsKit

/// The Chinese of a field rule travels beside the English one, in the BadRequest's violation,
/// and of another refusal as a LocalizedMessage, for a client to show a clerk; a sentence
/// without Chinese travels in English alone.
@Suite struct RefusalChineseTests {
  @Test(arguments: [
    ("is required", "必须填写"),
    ("must not be in the future", "不能晚于今天"),
    ("must be between 1 and 60", "必须在1到60之间"),
    ("must be between 1 and 500 (0 for 50)", "必须在1到500之间（填0即50）"),
    ("must be at most 200 characters (got 201)", "最多200个字（现有201个）"),
    ("is not a real date: 1953-02-30 (February 1953 has 28 days)", "不是真实的日期：1953-02-30"),
    ("'5k' is not an amount in yuan such as 5000.00", "“5k”不是金额，应写作如 5000.00"),
    ("village 370830001999 has not been imported; import the county's divisions first", "村(社区) 370830001999 尚未导入，请先导入全县的区划"),
    ("year must be between 1900 and 2100 (got 1850)", "年份应在1900到2100之间（现为1850）"),
    ("must be between the birth date and today", "应在出生日期到今天之间"),
    ("must be between today (2026-05-06) and a year from now", "应在今天（2026-05-06）到一年以后之间"),
    ("must not be before enlisted_on (1968-03-01)", "不能早于入伍日期（1968-03-01）"),
    ("must be a 9-digit town code, e.g. 370830001 (got \"3708300x1\")", "应为9位镇(街道)代码，如 370830001（现为“3708300x1”）"),
    ("370830000 ends in 3 zeros, which names the level above, not a town", "370830000 末尾3位都是0，是上一级区划的代码，不是镇(街道)代码"),
    ("character 3 is 'O' (perhaps the digit 0); codes use only digits and the letters A-Y without I, O, S, V and Z",
     "第3位是“O”（也许是数字0）；代码只用数字和字母A-Y（不用I、O、S、V、Z）"),
    ("a mobile number must start with 13 to 19; a landline must start with its area code, e.g. 0537", "手机号应以13到19开头；固定电话应以区号开头，如 0537"),
    ("line 12: field 4 opens a quote that is never closed; add the closing quote", "第12行第4列的引号没有结束，请补上后引号"),
    ("line 1: unknown column '籍贯'", "第1行：没有“籍贯”这一列"),
    ("martyr_family needs the relation to the serviceman (parent, spouse, child or sibling)", "烈士遗属需要填写与军人的关系（父母、配偶、子女或兄弟姐妹）"),
    ("must be at most the activity's duration of 240 minutes (got 300)", "不能超过活动时长240分钟（现为300）"),
    ("must be 1-99", "应在1到99之间"),
    ("'donors' is a source account, not a fund", "“donors”是资金来源，不是基金账户"),
  ])
  func aCommonRuleHasItsChinese(rule: String, chinese: String) {
    #expect(RefusalChinese.of(rule) == chinese)
  }

  @Test(arguments: [
    ("no case with id 'cas_0000000000000000'", "找不到编号为 cas_0000000000000000 的帮扶个案，请核对编号"),
    ("no person with id 'per_x' in the registry (person_id)", "找不到编号为 per_x 的人员，请核对编号"),
    ("no alliance enterprise with id 'ent_x'; add the enterprise first", "找不到编号为 ent_x 的拥军企业，请核对编号"),
    ("no fund 'relief'", "没有代码为 relief 的基金账户"),
    ("no pending transfer 'case:case_x:reserve'", "没有编号为 case:case_x:reserve 的预留款项"),
    ("person per_x is at version 3, but the change was based on version 2; read it again and retry", "人员 per_x 的信息已是第3版，你的修改依据的是第2版；请重新查看后再改"),
    ("person per_x is in 370830001001, outside this token's scope village:370830002001",
     "人员 per_x 属于 370830001001，超出你的令牌范围（village:370830002001）；请交由负责该地的人员办理"),
    ("case case_x waits for a town-level approver; this token's scope is village:370830001001",
     "帮扶个案 case_x 正等待镇(街道)审核，你的令牌范围是 village:370830001001；请交由镇(街道)审批人审批"),
    ("fund 'assistance' has 1000.00 yuan available (received 10000.00, reserved 5000.00, paid 4000.00); the transfer would overdraw it",
     "基金账户 assistance 可用余额1000.00元（入账10000.00元，预留5000.00元，已发放4000.00元），这笔资金会透支，请核对金额"),
    ("pending transfer case:case_x:reserve has 100.00 yuan left to pay; 200.00 is more", "预留款项 case:case_x:reserve 只剩100.00元可发放，200.00元超出了"),
    ("deposit dep-1 was already reversed by rev-1", "入账 dep-1 已由 rev-1 冲正过"),
    ("payee 张小三 (per_x) is 12, under 18: a minor is not paid directly; pay an adult member of household hh_x, who receives the money for the child",
     "领款人 张小三（per_x）12岁，未满18岁：未成年人不直接领款，请由家庭户 hh_x 的成年成员代领"),
    ("household hh_x already has an open case, case_y: one plan per household", "家庭户 hh_x 已有未结案的帮扶个案 case_y：一户一策"),
    ("a person with this resident ID number is already registered as per_x", "这个身份证号已经登记过（人员 per_x），请勿重复登记"),
    ("only a hardship appeal opens a relief case; appeal apl_x is about pension benefits", "诉求 apl_x 属于优抚待遇类，只有生活困难类诉求才能转为帮扶个案"),
    ("the database is busy; retry (nothing was changed)", "数据库正忙，请重试（未做任何改动）"),
    ("member mem_x is not in group grp_y", "志愿者 mem_x 不在志愿服务队 grp_y 中"),
    ("person per_x is already deceased", "人员 per_x 已是“已故”状态"),
    ("a reload is already running", "正在重新读取配置，请稍后再试"),
  ])
  func aCommonRefusalHasItsChinese(message: String, chinese: String) {
    #expect(RefusalChinese.of(message) == chinese)
  }

  @Test func aNotFoundCarriesItsChineseAsALocalizedMessage() throws {
    let refusal = VetsError.notFound("no appeal with id 'apl_x'")
    let error = RPCError(code: refusal.code, message: refusal.message, metadata: refusal.rpcErrorMetadata)
    let status = try #require(try error.unpackGoogleRPCStatus())
    #expect(status.message == "no appeal with id 'apl_x'")
    #expect(status.details.first?.localizedMessage == ErrorDetails.LocalizedMessage(locale: "zh-CN", message: "找不到编号为 apl_x 的诉求，请核对编号"))
    #expect(VetsError.notFound("no such thing").rpcErrorMetadata.isEmpty, "nothing to add where there is no Chinese")
  }

  @Test func everyPatternCompiles() {
    #expect(RefusalChinese.patternsThatDoNotCompile.isEmpty)
  }

  @Test func aRuleWithoutChineseHasNone() {
    #expect(RefusalChinese.of("the first message must carry the options") == nil)
  }

  /// A refusal whose rule wrote its Chinese carries that Chinese, not a pattern's.
  @Test func aRefusalWithItsOwnChineseCarriesIt() throws {
    let refusal = VetsError.said(.failedPrecondition("no case with id 'cas_x'"), chinese: "规则自己写的中文")
    #expect(refusal.code == .failedPrecondition && refusal.message == "no case with id 'cas_x'")
    let error = RPCError(code: refusal.code, message: refusal.message, metadata: refusal.rpcErrorMetadata)
    let status = try #require(try error.unpackGoogleRPCStatus())
    #expect(status.details.first?.localizedMessage == ErrorDetails.LocalizedMessage(locale: "zh-CN", message: "规则自己写的中文"))
  }

  @Test func theStatusDetailsCarryBothLanguages() throws {
    let refusal = VetsError.invalidArgument(field: "visited_on", rule: "must not be in the future")
    let error = RPCError(code: refusal.code, message: refusal.message, metadata: refusal.rpcErrorMetadata)
    let status = try #require(try error.unpackGoogleRPCStatus())
    let violation = try #require(status.details.first?.badRequest?.violations.first)
    #expect(violation.field == "visited_on" && violation.violationDescription == "must not be in the future")
    #expect(violation.localizedMessage == ErrorDetails.LocalizedMessage(locale: "zh-CN", message: "不能晚于今天"))
  }
}
