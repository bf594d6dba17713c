// The Chinese of the refusals a clerk meets most, for the status details: a field's rule as
// the BadRequest violation's localized message, any other refusal as a google.rpc
// LocalizedMessage (locale zh-CN). The English stays the status message; a sentence missing
// here is read in English.

import Foundation

/// The Chinese of a refusal's sentence, by its English text.
public enum RefusalChinese {
  public static let locale = "zh-CN"

  /// The Chinese of a field's rule ("must not be in the future") or of a whole message
  /// ("no case with id 'x'"), or nil.
  public static func of(_ english: String) -> String? {
    if let fixed = fixed[english] { return fixed }
    for (regex, template) in compiled {
      guard let match = try? regex.wholeMatch(in: english) else { continue }
      var said = template
      for index in (1..<match.output.count).reversed() {
        said = said.replacingOccurrences(of: "$\(index)", with: match.output[index].substring.map(String.init) ?? "")
      }
      return said
    }
    return nil
  }

  /// The patterns, compiled once: compiling them on each refusal cost milliseconds. A Regex is
  /// not Sendable, but these are only read after they are built.
  nonisolated(unsafe) private static let compiled: [(Regex<AnyRegexOutput>, String)] =
    (patterns + messages).map { pattern, template in (try! Regex(pattern), template) }

  static let fixed: [String: String] = [
    "is required": "必须填写",
    "must not be in the future": "不能晚于今天",
    "must not be before from": "不能早于起始日期",
    "must not be before the birth date": "不能早于出生日期",
    "must not contain control characters": "不能含有控制字符",
    "must be more than 0": "必须大于0",
    "must be more than 0 fen": "必须大于0",
    "must be male or female": "应为男或女",
    "must be 男 or 女 (male or female)": "应为男或女",
    "must be 是 or 否 (yes or no)": "应为是或否",
    "must be 17 digits followed by a digit or X": "应为17位数字，最后一位是数字或X",
    "must be a date such as 1962-02-02, 1962/2/2 or 1962年2月2日": "应为日期，如 1962-02-02、1962/2/2 或 1962年2月2日",
    "must be a date written YYYY-MM-DD, e.g. 1949-12-31": "应为日期，如 1949-12-31",
    "must contain a letter or digit; spaces and invisible characters alone are not a name": "必须含有文字或数字，只有空格不算姓名",
    "the last 6 characters are digits, the last may be X": "应为身份证号后6位：数字，最后一位可以是X",
    "the file is empty": "文件是空的",
    "name at least one field to change": "请至少给出一项要修改的内容",
    "is required: the version you read": "必须填写：你读到的版本号",
    "is required for a deceased person": "已故人员必须填写",
    "is given only for a deceased person": "只有已故人员才填写",
  ]

  /// A pattern over the English rule, and its Chinese with $1, $2… for the captured parts.
  static let patterns: [(String, String)] = [
    (#"must be between (\S+) and (\S+) \(0 for (\S+)\)"#, "必须在$1到$2之间（填0即$3）"),
    (#"must be between (\S+) and (\S+)"#, "必须在$1到$2之间"),
    (#"must be at most (\d+) characters \(got (\d+)\)"#, "最多$1个字（现有$2个）"),
    (#"must be 18 characters \(got (\d+)\)"#, "应为18位（现为$1位）"),
    (#"check character \(the last one\) is (\S+) but the first 17 (?:digits|characters) give ([^;]+); one of the characters is mistyped"#,
     "校验位（最后一位）是$1，按前17位应为$2，有一位填错了"),
    (#"is (\S+) but the ID number \(17th digit\) gives (\S+); correct one of them"#, "与身份证号（第17位）不符，请改正其中之一"),
    (#"is (\S+) but the ID number gives (\S+); correct one of them"#, "与身份证号中的出生日期 $2 不符，请改正其中之一"),
    (#"is not a real date: (\S+) \(.*\)"#, "不是真实的日期：$1"),
    (#"village (\d+) has not been imported; import the county's divisions first"#, "村(社区) $1 尚未导入，请先导入全县的区划"),
    (#"must be a 9-digit town code or a 12-digit village code, e\.g\. .* \(got (\d+) characters\)"#,
     "应为9位镇(街道)代码或12位村(社区)代码，如 370830001 或 370830001001（现为$1位）"),
    (#"a mobile number must be 11 digits, e\.g\. 13812345678 \(got (\d+) digits\)"#, "手机号应为11位，如 13812345678（现为$1位）"),
    (#"must be greater than zero \(got (\S+)\)"#, "必须大于0（现为$1）"),
    (#"must be at most (\S+) yuan \(the configured ceiling\)"#, "不能超过$1元（系统设定的上限）"),
    (#"'(.*)' is not an amount in yuan such as 5000\.00"#, "“$1”不是金额，应写作如 5000.00"),
    (#"'(.*)' must have at most 2 decimal places \(fen\)"#, "“$1”最多两位小数（到分）"),
    (#"month must be between 1 and 12 \(got (\d+)\)"#, "月份应在1到12之间（现为$1）"),
    (#"must be one of (.+)"#, "应为以下之一：$1"),
  ]

  /// Whole refusals: what was not found. The record's kind in the clerk's word.
  static let messages: [(String, String)] =
    kinds.map { kind, word in (#"no (?:registry |alliance )?"# + kind + #" with id '([^']*)'.*"#, "找不到编号为 $1 的\(word)，请核对编号") } + [
    (#"no fund '([^']*)'.*"#, "没有代码为 $1 的基金账户"),
    (#"no account '([^']*)'.*"#, "没有代码为 $1 的账户"),
    (#"appeal (\S+) has no task '([^']*)'.*"#, "诉求 $1 没有任务 $2"),
  ]

  /// The kinds of record in `messages`, as a clerk calls them.
  static let kinds: [String: String] = [
    "person": "人员", "household": "家庭户", "station": "服务站", "offer": "优待项目", "enterprise": "拥军企业", "member": "志愿者",
    "activity": "志愿服务活动", "organisation": "社会化拥军组织", "group": "志愿服务队", "case": "帮扶个案", "appeal": "诉求",
    "token": "令牌", "redemption": "优待使用记录", "donation": "捐赠", "campaign": "走访慰问活动",
  ]
}
