import GRPCCore
import GRPCProtobuf
import Testing
import VetsKit

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
  ])
  func aCommonRuleHasItsChinese(rule: String, chinese: String) {
    #expect(RefusalChinese.of(rule) == chinese)
  }

  @Test(arguments: [
    ("no case with id 'cas_0000000000000000'", "找不到编号为 cas_0000000000000000 的帮扶个案，请核对编号"),
    ("no person with id 'per_x' in the registry (person_id)", "找不到编号为 per_x 的人员，请核对编号"),
    ("no alliance enterprise with id 'ent_x'; add the enterprise first", "找不到编号为 ent_x 的拥军企业，请核对编号"),
    ("no fund 'relief'", "没有代码为 relief 的基金账户"),
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

  @Test func aRuleWithoutChineseHasNone() {
    #expect(RefusalChinese.of("the first message must carry the options") == nil)
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
