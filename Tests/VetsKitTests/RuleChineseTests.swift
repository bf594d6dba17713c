import GRPCCore
import GRPCProtobuf
import Testing
import VetsKit

/// The Chinese of a field rule travels beside the English one, in the BadRequest's violation,
/// for a client to show a clerk; a rule without Chinese travels in English alone.
@Suite struct RuleChineseTests {
  @Test(arguments: [
    ("is required", "必须填写"),
    ("must not be in the future", "不能晚于今天"),
    ("must be between 1 and 60", "必须在1到60之间"),
    ("must be between 1 and 500 (0 for 50)", "必须在1到500之间（填0即50）"),
    ("must be at most 200 characters (got 201)", "最多200个字（现有201个）"),
    ("is not a real date: 1953-02-30 (February 1953 has 28 days)", "不是真实的日期：1953-02-30"),
    ("'5k' is not an amount in yuan such as 5000.00", "“5k”不是金额，应写作如 5000.00"),
    ("village 370830001999 has not been imported; import the county's divisions first", "村(社区) 370830001999 尚未导入，请先导入全县的区划"),
  ])
  func aCommonRuleHasItsChinese(rule: String, chinese: String) {
    #expect(RuleChinese.of(rule) == chinese)
  }

  @Test func aRuleWithoutChineseHasNone() {
    #expect(RuleChinese.of("the first message must carry the options") == nil)
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
