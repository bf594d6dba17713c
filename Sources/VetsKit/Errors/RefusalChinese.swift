// The Chinese of the refusals a clerk meets, for the status details: a field's rule as the
// BadRequest violation's localized message, any other refusal as a google.rpc
// LocalizedMessage (locale zh-CN). The English stays the status message; a sentence missing
// here is read in English (the stream protocol's rules, raw enum numbers, the daemon's own
// start-up and config reload, which only programs and the operator meet).

import Foundation
import Synchronization

/// The Chinese of a refusal's sentence, by its English text.
public enum RefusalChinese {
  public static let locale = "zh-CN"

  /// The Chinese of a field's rule ("must not be in the future") or of a whole message
  /// ("no case with id 'x'"), or nil.
  public static func of(_ english: String) -> String? {
    if let fixed = fixed[english] { return fixed }
    for (index, entry) in table.enumerated() where english.utf8.starts(with: entry.start.utf8) {
      let captures: [String]? = compiled.withLock { compiled in
        let regex = compiled[index] ?? (try! Regex(entry.pattern))
        compiled[index] = regex
        guard let match = try? regex.wholeMatch(in: english) else { return nil }
        return (0..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
      }
      guard let captures else { continue }
      var said = entry.template
      for i in (1..<captures.count).reversed() { said = said.replacingOccurrences(of: "$\(i)", with: captures[i]) }
      return said
    }
    return nil
  }

  /// Every pattern with its Chinese and the text its matches start with, so that `of` tries
  /// only the patterns that can match: trying all three hundred cost a refusal without
  /// Chinese 0.15 ms, the filter 0.05 ms (swiftc -O on this machine).
  static let table: [(pattern: String, template: String, start: String)] =
    (patterns + messages + duplicates + refusals + stateRefusals + scopeRefusals + limits).map { ($0, $1, literalStart($0)) }

  /// Each pattern compiled the first time it is tried, then kept: compiling them on each
  /// refusal cost milliseconds, and all of them at a daemon's first refusal 150 ms (debug build).
  private static let compiled = Mutex<[Int: Regex<AnyRegexOutput>]>([:])

  /// The patterns that are not valid regular expressions (none, a test checks).
  static var patternsThatDoNotCompile: [String] {
    table.compactMap { entry in (try? Regex(entry.pattern)) == nil ? entry.pattern : nil }
  }

  /// The pattern's text up to its first special character, less one a quantifier makes
  /// optional ("is an? " starts "is a"); nothing for a pattern of alternatives.
  static func literalStart(_ pattern: String) -> String {
    var start = ""
    for character in pattern {
      if "?*{".contains(character) { return String(start.dropLast()) }
      if character == "|" { return "" }
      if #"\()[].+^$"#.contains(character) { return start }
      start.append(character)
    }
    return start
  }

  /// Every exact sentence: the field rules, the whole refusals, and the rules worded per stored
  /// word (a category, a role).
  static let fixed: [String: String] = fixedRules.merging(fixedRefusals) { first, _ in first }.merging(wordRules) { first, _ in first }

  /// Field rules without a varying part.
  static let fixedRules: [String: String] = [
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
    // Dates, times and text
    "must be between the birth date and today": "应在出生日期到今天之间",
    "must not be before starts_on": "不能早于开始日期",
    "must be after starts_at": "应晚于开始时间",
    "must be a time between 2000 and 2100": "应为2000年至2100年之间的时间",
    "is required when discharged_on is given": "填写了退伍日期时必须填写",
    "is required: when the household is reviewed next": "必须填写：下次复核这户的日期",
    "must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)":
      "不能含有改变文字方向的控制字符（U+202A-U+202E、U+2066-U+2069、U+200E、U+200F、U+061C）",
    // Phone numbers
    "must be a mobile number (11 digits, e.g. 13812345678) or a landline (e.g. 0537-7212345); only digits, hyphens and a leading +86 are allowed":
      "应为手机号（11位，如 13812345678）或固定电话（如 0537-7212345）；只能有数字、“-”和开头的 +86",
    "a mobile number must be 11 digits without hyphens, e.g. 13812345678": "手机号应为11位数字，不带“-”，如 13812345678",
    "a mobile number must start with 13 to 19; a landline must start with its area code, e.g. 0537": "手机号应以13到19开头；固定电话应以区号开头，如 0537",
    "the extension after the last hyphen must be 1-6 digits": "最后一个“-”后的分机号应为1到6位数字",
    "a landline must be an area code (0 and 2-3 digits), a hyphen and a 7-8 digit number, with an optional extension, e.g. 0537-7212345 or 0537-7212345-123":
      "固定电话应为区号（0加2到3位数字）、“-”和7到8位号码，可加分机号，如 0537-7212345 或 0537-7212345-123",
    // Files a clerk imports
    "the file starts with a UTF-8 byte-order mark but is not valid UTF-8; save it again as CSV UTF-8": "文件开头标明是 UTF-8，内容却不是有效的 UTF-8；请重新另存为“CSV UTF-8”",
    "the file is UTF-16 (\"Unicode text\"); save it as CSV UTF-8 or plain CSV": "文件是 UTF-16 编码（“Unicode 文本”），请另存为“CSV UTF-8”或普通 CSV",
    "is empty: write the categories, or 无 for a household member with none": "是空的：请填写类别，没有优抚类别的家庭成员填“无”",
    // People, households and stations
    "must be active, moved_out or exited (deaths are recorded with MarkDeceased)": "应为在册（active）、迁出（moved_out）或退出（exited）；去世请用“登记去世”（person mark-deceased）办理",
    "village_code changes with MovePerson, which records the move": "村(社区)代码不在这里改，请用“迁移”（person move）办理，以留下迁移记录",
    "户主 is given by set-head, not as a relation": "“户主”要用“设为户主”（household set-head）指定，不能作为与户主关系填写",
    "is a wider search than name_prefix; set one of them": "与按姓名开头查询同时填写时范围更宽，两者只填一个",
    "needs a name to use as the prefix": "请填写姓名的开头几个字",
    "needs a name to look for": "请填写要查找的姓名",
    "must not be below min_age": "不能小于最小年龄",
    "must be yes, no or empty": "应为 yes（是）、no（否）或不填",
    "must be county_centre, town, village or talk_room":
      "应为县退役军人服务中心（county_centre）、镇(街道)退役军人服务站（town）、村(社区)退役军人服务站（village）或老兵话吧（talk_room）",
    // Appeals
    "must name 1 to 20 departments": "应指定1到20个承办部门",
    "give a state, an owner or a note to change": "请给出要改的任务状态、承办人或说明",
    // Volunteers
    "must name 1-20 service groups": "应指定1到20个志愿服务队",
    "an activity lasts at most 7 days": "一次活动最长7天",
    "at most 500 people and 500 households; give the rest as head_count": "最多列出500人和500户，其余的计入人数（head_count）",
    "an association is not a member unit of another": "协会不能作为另一个协会的会员单位",
    "at most 20 skills": "最多20项技能",
    "at most 20 groups": "最多20个志愿服务队",
    "at most 1000 entries": "最多1000条",
    "must be 0 (the year alone) or between 2000 and year": "应为0（只统计当年）或2000年到统计年份之间",
    // Alliance
    "must be percent_off, amount_off, free_service or other": "应为折扣（percent_off）、立减（amount_off）、免费服务（free_service）或其他（other）",
    "valid_from and valid_to are required, in order": "必须填写开始日期和结束日期，且开始日期不能晚于结束日期",
    "must be 0 (ever) to 3660": "应为0（不限期）到3660天",
    "must be 0 (none) or a positive count": "应为0（不限名额）或正整数",
    "give the certificate_no or the id_number": "请填写优待证号或身份证号",
    // Relief and the fund
    "must be 1-40 lower-case letters, digits or '-', e.g. assistance": "应为1到40个小写字母、数字或“-”，如 assistance",
    "must not contain ':'": "不能含有“:”",
    "a green-channel decision must say why it cannot wait for the normal review": "走绿色通道必须写明为什么不能等正常审批",
    "must be fund, source or payout": "应为基金账户（fund）、资金来源（source）或发放（payout）",
    "income and debts must not be negative": "收入和债务不能为负数",
    "name 1-20 visiting units (bureau, civil affairs, youth league…)": "请填写1到20个走访单位（退役军人事务局、民政局、团县委……）",
    "must be between 0 and the configured ceiling": "应在0到系统设定的上限之间",
    // Paging, lists and tokens
    "is not a token this server issued; start again without it": "不是本系统给出的翻页标记，请不带它重新查询",
    "belongs to a different listing; start again without it": "是另一种列表的翻页标记，请不带它重新查询",
    "lists an entry more than once; give each once": "有重复的项，每项只写一次",
    "must be county, town:<9-digit code>, village:<12-digit code> or enterprise:<id>":
      "应为 county（全县）、town:<9位镇(街道)代码>、village:<12位村(社区)代码>或 enterprise:<企业编号>",
    "an enterprise token needs scope enterprise:<id>": "拥军企业令牌的范围应为 enterprise:<企业编号>",
    "only enterprise tokens take an enterprise scope": "只有拥军企业令牌才能用 enterprise: 范围",
    "admin tokens must have scope county": "系统管理员令牌的范围必须是 county（全县）",
    "auditor tokens must have scope county": "审计员令牌的范围必须是 county（全县）",
  ]

  /// Whole refusals without a varying part.
  static let fixedRefusals: [String: String] = [
    "no towns have been imported yet; import the divisions first (vetsctl registry division import)":
      "还没有导入镇(街道)，请先导入区划（vetsctl registry division import）",
    "the relief module is not enabled, so no relief case can be opened; enable [modules.relief] or refer the household by hand":
      "未启用困难帮扶模块，不能转为帮扶个案；请启用 [modules.relief]，或另行转介该户",
    "the relief module is off; enable it in the daemon's config to pay donations into a relief fund":
      "未启用困难帮扶模块，不能把捐赠转入帮扶基金；请在 vetsd 的配置中启用",
    "this enterprise token may read only its own enterprise": "拥军企业令牌只能查看本企业",
    "this enterprise token may act only on its own offers": "拥军企业令牌只能办理本企业的优待项目",
    "only an admin may accept a credit code whose check character fails": "校验位不符的统一社会信用代码只有系统管理员才能录入",
    "enterprise tokens need the alliance module, which is not enabled": "拥军企业令牌要用拥军联盟模块，但该模块未启用",
    // The database, when it cannot answer now
    "the disk holding the database is full; free space and retry (nothing was changed)": "存放数据库的磁盘已满，请腾出空间后重试（未做任何改动）",
    "the database is busy; retry (nothing was changed)": "数据库正忙，请重试（未做任何改动）",
    "the database is read-only; check the data folder's permissions (nothing was changed)": "数据库只能读不能写，请检查数据文件夹的权限（未做任何改动）",
    "the database file cannot be read or written; check the data folder (nothing was changed)": "数据库文件无法读写，请检查数据文件夹（未做任何改动）",
    // Signing in
    "this call needs a token: send 'authorization: Bearer <token>'; vetsctl reads .vetsd/admin.token by default, and an admin makes tokens with 'vetsctl admin token create'":
      "这项操作需要令牌：请求中要带 'authorization: Bearer <令牌>'；vetsctl 默认读取 .vetsd/admin.token，令牌由系统管理员用 'vetsctl admin token create' 生成",
    "the authorization header must be 'Bearer <token>': send 'authorization: Bearer <token>'; vetsctl reads .vetsd/admin.token by default, and an admin makes tokens with 'vetsctl admin token create'":
      "authorization 请求头应为 'Bearer <令牌>'：vetsctl 默认读取 .vetsd/admin.token，令牌由系统管理员用 'vetsctl admin token create' 生成",
    "the token is not valid; ask an admin for a token ('vetsctl admin token create')": "令牌无效，请向系统管理员申请令牌（'vetsctl admin token create'）",
  ]

  /// The rules worded per stored word: a registry category, a token's role.
  static let wordRules: [String: String] = Dictionary(categoryRules + roleRules, uniquingKeysWith: { first, _ in first })

  static let categoryRules: [(String, String)] = categories.flatMap { (word: String, label: String) -> [(String, String)] in
    [
      ("\(word) needs the relation to the serviceman (parent, spouse, child or sibling)", "\(label)需要填写与军人的关系（父母、配偶、子女或兄弟姐妹）"),
      ("\(word) takes no relation", "\(label)不填与军人的关系"),
      ("\(word) is listed twice", "\(label)填了两次"),
    ]
  }

  static let roleRules: [(String, String)] = roles.map { (word: String, label: String) -> (String, String) in
    ("is required for a \(word) token: county, town:<code> or village:<code>", "\(label)令牌必须填写范围：county（全县）、town:<镇(街道)代码>或 village:<村(社区)代码>")
  }

  /// A pattern over the English rule, and its Chinese with $1, $2… for the captured parts.
  static let patterns: [(String, String)] = [
    (#"must be between 0 \(never expires\) and (\d+) \(10 years\)"#, "应在0（永不过期）到$1秒（10年）之间"),
    (#"must be between today \((\S+)\) and a year from now"#, "应在今天（$1）到一年以后之间"),
    (#"must be between (\S+) and (\S+) \(0 for (\S+)\)"#, "必须在$1到$2之间（填0即$3）"),
    (#"must be between (\S+) and (\S+)"#, "必须在$1到$2之间"),
    (#"must be at most (\d+) characters \(got (\d+)\)"#, "最多$1个字（现有$2个）"),
    (#"must be 18 characters \(got (\d+)\)"#, "应为18位（现为$1位）"),
    (#"check character \(the last one\) is (\S+) but the first 17 (?:digits|characters) give ([^;]+); one of the characters is mistyped"#,
     "校验位（最后一位）是$1，按前17位应为$2，有一位填错了"),
    (#"character (\d+) is a space or control character; codes use only digits and the letters A-Y without I, O, S, V and Z"#,
     "第$1位是空格或控制字符；代码只用数字和字母A-Y（不用I、O、S、V、Z）"),
    (#"character (\d+) is '(.+)' \(perhaps the digit (\d)\); codes use only digits and the letters A-Y without I, O, S, V and Z"#,
     "第$1位是“$2”（也许是数字$3）；代码只用数字和字母A-Y（不用I、O、S、V、Z）"),
    (#"character (\d+) is '(.+)'; codes use only digits and the letters A-Y without I, O, S, V and Z"#,
     "第$1位“$2”不能用；代码只用数字和字母A-Y（不用I、O、S、V、Z）"),
    (#"holds birth date (\d+) \(characters 7-14\), which is not a real date"#, "第7到14位的出生日期 $1 不是真实的日期"),
    (#"is (\S+) but the ID number \(17th digit\) gives (\S+); correct one of them"#, "与身份证号（第17位）不符，请改正其中之一"),
    (#"is (\S+) but the ID number gives (\S+); correct one of them"#, "与身份证号中的出生日期 $2 不符，请改正其中之一"),
    (#"is not a real date: (\S+) \(.*\)"#, "不是真实的日期：$1"),
    (#"year must be between (\d+) and (\d+) \(got (-?\d+)\)"#, "年份应在$1到$2之间（现为$3）"),
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
    // Request ids, which vetsctl makes, and transfer ids, which a clerk may type
    (#"must be 1-(\d+) printable ASCII characters without spaces"#, "应为1到$1个英文字母、数字或符号，不能有空格"),
    // Files a clerk imports
    (#"the file is neither UTF-8 nor GB18030/GBK: it ends in the middle of a character at byte (\d+); save it as CSV UTF-8"#,
     "文件既不是 UTF-8 也不是 GB18030/GBK：第$1个字节处有半个字；请另存为“CSV UTF-8”"),
    (#"the file is neither UTF-8 nor GB18030/GBK: it has bytes that are not text at byte (\d+); save it as CSV UTF-8"#,
     "文件既不是 UTF-8 也不是 GB18030/GBK：第$1个字节处不是文字；请另存为“CSV UTF-8”"),
    (#"line (\d+): field (\d+) opens a quote that is never closed; add the closing quote"#, "第$1行第$2列的引号没有结束，请补上后引号"),
    (#"line (\d+): field (\d+) has text after its closing quote; a quote inside a quoted field must be doubled \(""\)"#,
     #"第$1行第$2列的后引号后面还有文字；引号里的引号要连写两个（""）"#),
    (#"line 1: unknown column '(.*)'"#, "第1行：没有“$1”这一列"),
    (#"line 1: column '(.*)' appears twice"#, "第1行：“$1”列出现了两次"),
    (#"line 1: the column (\S+) \((\S+)\) is required"#, "第1行：缺少“$1”列（$2）"),
    // People and stations
    (#"must be on or after the person's 16th birthday \(born (\S+)\)"#, "不能早于本人年满16周岁之日（出生日期 $1）"),
    (#"must not be before enlisted_on \((\S+)\)"#, "不能早于入伍日期（$1）"),
    (#"at most (\d+) tags"#, "最多$1个标签"),
    (#"'(.*)' is not a person field \((.*)\)"#, "“$1”不是可修改的人员信息（可改：$2）"),
    (#"'(.*)' is not a category"#, "“$1”不是优抚对象类别"),
    (#"'(.*)' is not a status"#, "“$1”不是人员状态"),
    (#"(\S+) is not this county \((\d+)\); leave it empty for the county centre"#, "$1 不是本县（$2）的代码；县服务中心请留空"),
    (#"(\S+) has not been imported"#, "$1 尚未导入，请先导入全县的区划"),
    // Volunteers
    (#"must be at most the activity's duration of (\d+) minutes \(got (-?\d+)\)"#, "不能超过活动时长$1分钟（现为$2）"),
    (#"must be 0 \(all years\) or (\d+)-(\d+)"#, "应为0（所有年份）或$1到$2之间"),
    (#"must be (\d+)-(\d+)"#, "应在$1到$2之间"),
    // Relief and the fund
    (#"must be at most the relief fund's deposit ceiling of (\S+) yuan"#, "不能超过帮扶基金单笔入账上限$1元"),
    (#"'(.*)' is not a fund"#, "“$1”不是基金账户"),
    (#"a rejection needs a policy reason, one of: (.+)"#, "不予批准必须给出政策依据，可选：$1"),
    (#"must be after today \((\S+)\)"#, "应晚于今天（$1）"),
  ] + divisionRules + organisationRules + accountRules

  /// A division code of the wrong form, per level.
  static let divisionRules: [(String, String)] = [
    ("county", "6", "370830", "县"), ("town", "9", "370830001", "镇(街道)"), ("village", "12", "370830001001", "村(社区)"),
  ].flatMap { (level: String, count: String, example: String, word: String) -> [(String, String)] in
    [
      ("must be a \(count)-digit \(level) code, e\\.g\\. \(example) \\(got \"(.*)\"\\)", "应为\(count)位\(word)代码，如 \(example)（现为“$1”）"),
      (#"(\d+) ends in (\d) zeros, which names the level above, not a "# + level, "$1 末尾$2位都是0，是上一级区划的代码，不是\(word)代码"),
    ]
  }

  /// A member unit's association that is no association.
  static let organisationRules: [(String, String)] =
    [("social", "社会化拥军组织"), ("enterprise_unit", "会员单位（企业）"), ("government_unit", "会员单位（机关事业单位）")].map {
      (type: String, word: String) -> (String, String) in
      (#"(\S+) is an? "# + type + " organisation, not an association", "$1 是\(word)，不是协会")
    }

  /// An account of the wrong kind, per kind found and kind wanted.
  static let accountRules: [(String, String)] = accountKinds.flatMap { (found: String, foundWord: String) -> [(String, String)] in
    accountKinds.filter { $0.0 != found }.map { (wanted: String, wantedWord: String) -> (String, String) in
      ("'(.*)' is a \(found) account, not a \(wanted)", "“$1”是\(foundWord)，不是\(wantedWord)")
    }
  }

  /// Whole refusals: what was not found. The record's kind in the clerk's word.
  static let messages: [(String, String)] =
    kinds.map { kind, word in (#"no (?:registry |alliance )?"# + kind + #" with id '([^']*)'.*"#, "找不到编号为 $1 的\(word)，请核对编号") } + [
    (#"no fund '([^']*)'.*"#, "没有代码为 $1 的基金账户"),
    (#"no account '([^']*)'.*"#, "没有代码为 $1 的账户"),
    (#"appeal (\S+) has no task '([^']*)'.*"#, "诉求 $1 没有任务 $2"),
    (#"no pending transfer '([^']*)'"#, "没有编号为 $1 的预留款项"),
    (#"no transfer '([^']*)'"#, "没有编号为 $1 的资金变动"),
  ]

  /// The kinds of record in `messages`, as a clerk calls them.
  static let kinds: [String: String] = [
    "person": "人员", "household": "家庭户", "station": "服务站", "offer": "优待项目", "enterprise": "拥军企业", "member": "志愿者",
    "activity": "志愿服务活动", "organisation": "社会化拥军组织", "group": "志愿服务队", "case": "帮扶个案", "appeal": "诉求",
    "token": "令牌", "redemption": "优待使用记录", "donation": "捐赠", "campaign": "走访慰问活动",
  ]

  /// Whole refusals: what is registered already.
  static let duplicates: [(String, String)] = [
    (#"a person with this resident ID number is already registered as (\S+)"#, "这个身份证号已经登记过（人员 $1），请勿重复登记"),
    (#"certificate_no is already recorded for (\S+)"#, "这个优待证号已登记在人员 $1 名下，请核对"),
    (#"the same resident ID number is on line (\d+) of this file"#, "本文件第$1行也是这个身份证号"),
    (#"the same certificate_no is on line (\d+) of this file"#, "本文件第$1行也是这个优待证号"),
    (#"credit code (\S+) is already registered as (\S+)"#, "统一社会信用代码 $1 已经登记过（$2），请勿重复登记"),
    (#"organisation (\S+) already has a group named '(.*)' \((\S+)\)"#, "组织 $1 已有名为“$2”的志愿服务队（$3）"),
    (#"registry person (\S+) is already member (\S+)"#, "人员 $1 已是志愿者（$2）"),
    (#"member (\S+) is already in group (\S+)"#, "志愿者 $1 已在志愿服务队 $2 中"),
    (#"this visit \(request_id (\S+)\) is already recorded as (\S+)"#, "这次走访（request_id $1）已登记为 $2"),
    (#"account '(.*)' already exists"#, "账户“$1”已存在"),
  ]

  /// Whole refusals: the record's state forbids the step, module by module.
  static let refusals: [(String, String)] = personStatusRefusals + satisfactionRefusals + appealCategoryRefusals + reversalRefusals + [
    (#"request_id '(.*)' was already used for a different request; use a new request_id"#, "请求编号“$1”已用于另一项请求，请换一个新的请求编号"),
    (#"token (\S+) is already revoked"#, "令牌 $1 已吊销"),
    // Registry
    (#"person (\S+) is at version (\d+), but the change was based on version (\d+); read it again and retry"#,
     "人员 $1 的信息已是第$2版，你的修改依据的是第$3版；请重新查看后再改"),
    (#"person (\S+) is already recorded as deceased"#, "人员 $1 已登记为已故"),
    (#"person (\S+) is recorded as deceased; changing that is a correction: set correction and give a reason"#,
     "人员 $1 已登记为已故；要改动属于更正，请选择更正并写明理由"),
    (#"person (\S+) already belongs to household (\S+); remove them there first"#, "人员 $1 已属于家庭户 $2，请先从该户移出"),
    (#"person (\S+) already belongs to household (\S+)"#, "人员 $1 已属于家庭户 $2"),
    (#"person (\S+) is not a member of household (\S+); add them first"#, "人员 $1 不是家庭户 $2 的成员，请先加入该户"),
    (#"person (\S+) is not a member of household (\S+)"#, "人员 $1 不是家庭户 $2 的成员"),
    (#"person (\S+) is the head of household (\S+); set another head first"#, "人员 $1 是家庭户 $2 的户主，请先另设户主"),
    (#"person (\S+) is already the head of household (\S+)"#, "人员 $1 已是家庭户 $2 的户主"),
    // Appeals
    (#"appeal (\S+) still has tasks not done: (.+)"#, "诉求 $1 还有未完成的任务：$2"),
    (#"appeal (\S+) was reopened once already \((.*)\); it may be reopened only once"#, "诉求 $1 已重新办理过一次（$2），只能重新办理一次"),
    (#"appeal (\S+) is outside policy but names no policy reference; determine it again"#, "诉求 $1 属政策外，但没有写明政策依据；请重新研判"),
    (#"person (\S+) belongs to no household in the registry; add the household first"#, "人员 $1 还没有登记家庭户，请先建立家庭户"),
    (#"appeal (\S+) already opened relief case (\S+)"#, "诉求 $1 已转为帮扶个案 $2"),
    // Volunteers
    (#"minutes: the volunteer already has (\d+) minutes on (\S+); (\d+) more would pass 24 hours in a day"#,
     "该志愿者 $2 已登记$1分钟，再加$3分钟就超过一天24小时"),
    (#"donation (\S+) is goods; only money is paid into a relief fund"#, "捐赠 $1 是爱心物资，只有爱心款才能转入帮扶基金"),
    (#"donation (\S+) is already deposited into fund (\S+) as transfer (\S+)"#, "捐赠 $1 已转入基金账户 $2（资金变动 $3）"),
    (#"organisation (\S+) is inactive"#, "组织 $1 已退出"),
    (#"group (\S+) is inactive"#, "志愿服务队 $1 已退出"),
    (#"member (\S+) is inactive"#, "志愿者 $1 已退出"),
    (#"activity (\S+) starts at (\S+); it has not started yet"#, "志愿服务活动 $1 的开始时间是 $2，还没有开始，请开始后再登记"),
    (#"member (\S+) already has hours entry (\S+) at activity (\S+); to change it, record a correction that names it \(corrects\)"#,
     "志愿者 $1 在活动 $3 已有时长记录 $2；要修改，请登记更正并注明被更正的记录（corrects）"),
    (#"corrects: (\S+) is not the entry in force for member (\S+) at activity (\S+) \(that is (\S+)\)"#,
     "corrects：$1 不是志愿者 $2 在活动 $3 的现行时长记录（现行的是 $4）"),
    (#"corrects: (\S+) is not the entry in force for member (\S+) at activity (\S+)"#, "corrects：$1 不是志愿者 $2 在活动 $3 的现行时长记录"),
    (#"activity (\S+) has no pending hours"#, "志愿服务活动 $1 没有待审核的时长"),
    (#"entry_ids: (.+) is not a pending entry in force at activity (\S+)"#, "entry_ids：$1 不是活动 $2 待审核的时长记录"),
    (#"activity (\S+) already has hours or money raised recorded; complete it instead of cancelling"#,
     "志愿服务活动 $1 已登记时长或募集款物，不能取消，请登记为已开展"),
    // Alliance
    (#"enterprise (\S+) has withdrawn; that is final"#, "拥军企业 $1 已退出，不能再恢复"),
    (#"redemption (\S+) is older than the (\d+)-day window for voiding"#, "优待使用记录 $1 已超过$2天，不能再撤销"),
    (#"offer (\S+) has already been used (\d+) times; the quota cannot be lower"#, "优待项目 $1 已使用$2次，名额不能少于这个数"),
    (#"redemption (\S+) is already void"#, "优待使用记录 $1 已撤销"),
    // Relief cases
    (#"payee (.+) \((\S+)\) is not an active, living person in the registry; choose another member"#, "领款人 $1（$2）不是在册的在世人员，请另选家庭成员"),
    (#"payee (.+) \((\S+)\) is not a member of household (\S+)"#, "领款人 $1（$2）不是家庭户 $3 的成员"),
    (#"payee (.+) \((\S+)\) is (\d+), under (\d+): a minor is not paid directly; pay an adult member of household (\S+), who receives the money for the child"#,
     "领款人 $1（$2）$3岁，未满$4岁：未成年人不直接领款，请由家庭户 $5 的成年成员代领"),
    (#"case (\S+) has no level left to decide"#, "帮扶个案 $1 已没有待审批的层级"),
    (#"the plan asks for (\S+) yuan, more than the green-channel limit of (\S+) yuan; use the normal review"#, "方案申请$1元，超过绿色通道限额$2元，请走正常审批"),
    (#"household (\S+) is already on the roster; exit it first to change its entry"#, "家庭户 $1 已在困难名册中；要修改，请先退出名册"),
    (#"household (\S+) is not on the roster"#, "家庭户 $1 不在困难名册中"),
    (#"case (\S+) is for household (\S+), not this person's"#, "帮扶个案 $1 属于家庭户 $2，不是此人所在的户"),
    (#"household (\S+) already has an open case, (\S+): one plan per household"#, "家庭户 $1 已有未结案的帮扶个案 $2：一户一策"),
    (#"case (\S+) has no plan"#, "帮扶个案 $1 还没有帮扶方案，请先制定方案"),
    (#"case (\S+) has no reservation"#, "帮扶个案 $1 没有预留款项"),
    (#"person (\S+) is not an active, living person in the registry; cash cannot be given"#, "人员 $1 不是在册的在世人员，不能发放现金"),
    // The fund ledger
    (#"transfer_id '(.*)' is already used by a different transfer; choose a new transfer_id"#, "资金变动编号“$1”已被另一笔资金变动使用，请换一个新编号"),
    (#"fund '([^']*)' has (\S+) yuan available \(received (\S+), reserved (\S+), paid (\S+)\); the transfer would overdraw it"#,
     "基金账户 $1 可用余额$2元（入账$3元，预留$4元，已发放$5元），这笔资金会透支，请核对金额"),
    (#"pending transfer (\S+) has (\S+) yuan left to pay; (\S+) is more"#, "预留款项 $1 只剩$2元可发放，$3元超出了"),
    (#"pending transfer (\S+) is already fully paid or voided"#, "预留款项 $1 已全部发放或已撤销"),
    (#"deposit (\S+) was already reversed by (\S+)"#, "入账 $1 已由 $2 冲正过"),
  ]

  /// A person set to the status they have, and an appeal from a person who is not active
  /// (the general pattern last).
  static let personStatusRefusals: [(String, String)] = alreadyInStatus + notActive + [
    (#"person (\S+) is not active in the registry \((\S+)\); an appeal needs a living, registered person"#, "人员 $1 不在册（$2），只有在册的在世人员才能登记诉求")
  ]

  static let alreadyInStatus: [(String, String)] = [("active", "在册"), ("moved_out", "迁出"), ("exited", "退出")].map {
    (status: String, word: String) -> (String, String) in
    (#"person (\S+) is already "# + status, "人员 $1 已是\(word)状态，不用再改")
  }

  static let notActive: [(String, String)] = [("deceased", "已故"), ("movedOut", "已迁出"), ("exited", "已退出")].map {
    (status: String, word: String) -> (String, String) in
    (#"person (\S+) is not active in the registry \("# + status + #"\); an appeal needs a living, registered person"#,
     "人员 $1 \(word)，只有在册的在世人员才能登记诉求")
  }

  /// An appeal reopened after a return visit that was not dissatisfied.
  static let satisfactionRefusals: [(String, String)] = [("satisfied", "满意"), ("basically satisfied", "基本满意")].map {
    (said: String, word: String) -> (String, String) in
    (#"appeal (\S+) may be reopened only after a dissatisfied return visit; it was "# + said,
     "诉求 $1 回访结果是“\(word)”，只有回访不满意的诉求才能重新办理")
  }

  /// A relief case asked of an appeal that is not about hardship, by its category spoken.
  static let appealCategoryRefusals: [(String, String)] = [
    ("pension benefits", "优抚待遇"), ("resettlement employment", "安置就业"), ("medical", "医疗保障"), ("housing", "住房"),
    ("rights legal", "权益维护"), ("records", "档案身份"), ("other", "其他"),
  ].map { (category: String, word: String) -> (String, String) in
    (#"only a hardship appeal opens a relief case; appeal (\S+) is about "# + category, "诉求 $1 属于\(word)类，只有生活困难类诉求才能转为帮扶个案")
  }

  /// A reversal of what is not a deposit, by the transfer's kind.
  static let reversalRefusals: [(String, String)] =
    [("pending", "预留"), ("post", "发放"), ("void", "撤销预留"), ("reversal", "冲正")].map { (kind: String, word: String) -> (String, String) in
      (#"only deposits are reversed; (\S+) is a "# + kind + #" \(void a pending transfer instead\)"#,
       "只有入账才能冲正，$1 是一笔“\(word)”；预留的款项请改为撤销预留")
    }

  /// A workflow's states: the stored word, the clerk's word in a list of states, and how a
  /// refusal says the record is in it now ("已暂缓" for on_hold).
  typealias State = (word: String, label: String, now: String)
  /// A workflow's step: as the refusal names it, in the clerk's word, and the states it needs.
  typealias Step = (english: String, chinese: String, allowed: Set<String>)

  static let caseStates: [State] = [
    ("open", "已立案", "已立案"), ("assessed", "已评估", "已评估"), ("planned", "已制定方案", "已制定方案"), ("in_review", "审核中", "审核中"),
    ("approved", "已批准", "已批准"), ("paid", "已发放", "已发放"), ("closed", "已结案", "已结案"), ("rejected", "未批准", "未批准"),
  ]
  static let caseSteps: [Step] = [
    ("an assessment", "评估", ["open", "assessed"]), ("a plan", "制定方案", ["assessed", "planned"]),
    ("submission for review", "提交审批", ["planned"]), ("a decision", "审批", ["in_review"]),
    ("a green-channel decision", "走绿色通道审批", ["planned", "in_review"]), ("a payment", "发放", ["approved"]),
    ("scheduling follow-ups", "安排回访", ["paid"]), ("a follow-up visit", "登记回访", ["paid"]),
    ("closing", "结案", ["open", "assessed", "planned", "approved", "paid"]),
  ]
  static let appealStates: [State] = [
    ("received", "已受理", "已受理"), ("determined", "已研判", "已研判"), ("in_progress", "办理中", "办理中"), ("on_hold", "暂缓", "已暂缓"),
    ("resolved", "已办结", "已办结"), ("return_visited", "已回访", "已回访"), ("closed", "已关闭", "已关闭"),
    ("out_of_policy", "政策外(已说明)", "属政策外(已说明)"),
  ]
  static let appealSteps: [Step] = [
    ("determine", "研判", ["received"]), ("assign", "交办", ["determined", "in_progress"]),
    ("update a task of", "更新任务", ["in_progress", "on_hold"]), ("hold", "暂缓", ["in_progress"]), ("resume", "恢复办理", ["on_hold"]),
    ("extend", "延期", ["received", "determined", "in_progress", "on_hold"]),
    ("add a note to", "添加说明", ["received", "determined", "in_progress", "on_hold", "resolved", "return_visited", "out_of_policy"]),
    ("resolve", "办结", ["in_progress"]), ("record a return visit for", "登记回访", ["resolved"]), ("reopen", "重新办理", ["return_visited"]),
    ("close", "关闭", ["return_visited", "out_of_policy"]), ("open a relief case for", "转为帮扶个案", ["determined", "in_progress", "on_hold"]),
  ]
  static let activityStates: [State] = [
    ("planned", "计划中", "计划中"), ("done", "已开展", "已开展"), ("hours_approved", "时长已审核", "时长已审核"), ("cancelled", "已取消", "已取消"),
  ]
  static let activitySteps: [Step] = [
    ("complete", "登记为已开展", ["planned"]), ("cancel", "取消", ["planned"]),
    ("record hours for", "登记时长", ["planned", "done", "hours_approved"]),
    ("approve hours for", "审核时长", ["done", "hours_approved"]),
    ("record money or goods for", "登记募集的款物", ["planned", "done", "hours_approved"]),
  ]

  /// Whole refusals: a step the record's state does not allow (`StateTable.require`), one
  /// pattern per step and state, worded as CaseWorkflow, AppealWorkflow and ActivityWorkflow
  /// word them: "帮扶个案 case_x 已批准，只有审核中的个案才能审批".
  static let stateRefusals: [(String, String)] = caseRefusals + appealRefusals + activityRefusals

  static let caseRefusals = stepRefusals(caseStates, caseSteps) { (step: String, state: String, allowed: [String]) -> String in
    #"case (\S+) is "# + state + "; \(step) needs it to be " + allowed.joined(separator: " or ")
  } chinese: { (step: String, now: String, allowed: String) -> String in "帮扶个案 $1 \(now)，只有\(allowed)的个案才能\(step)" }

  static let appealRefusals = stepRefusals(appealStates, appealSteps) { (step: String, state: String, allowed: [String]) -> String in
    "cannot \(step) appeal " + #"(\S+): it is "# + state + "; allowed when " + allowed.joined(separator: ", ")
  } chinese: { (step: String, now: String, allowed: String) -> String in "诉求 $1 \(now)，只有\(allowed)的诉求才能\(step)" }

  static let activityRefusals = stepRefusals(activityStates, activitySteps) { (step: String, state: String, allowed: [String]) -> String in
    #"activity (\S+) is "# + spoken(state) + "; you can \(step) it only when it is " + allowed.map(spoken).joined(separator: " or ")
  } chinese: { (step: String, now: String, allowed: String) -> String in "志愿服务活动 $1 \(now)，只有\(allowed)的活动才能\(step)" }

  /// A stored word as the activity's refusal says it: "hours_approved" → "hours approved".
  static func spoken(_ word: String) -> String { word.replacingOccurrences(of: "_", with: " ") }

  /// Each step's refusal from each state it is not allowed in: the English from the step, the
  /// state and the allowed states (stored words, in table order); the Chinese from the step's
  /// word, the state now and the allowed states' words ("已立案或已评估").
  static func stepRefusals(
    _ states: [State], _ steps: [Step], english: (String, String, [String]) -> String, chinese: (String, String, String) -> String
  ) -> [(String, String)] {
    steps.flatMap { step in
      let allowed = states.filter { step.allowed.contains($0.word) }
      let words = allowed.map(\.label)
      let either = words.count < 2 ? words.joined() : words.dropLast().joined(separator: "、") + "或" + words.last!
      return states.filter { !step.allowed.contains($0.word) }.map { state in
        (english(step.english, state.word, allowed.map(\.word)), chinese(step.chinese, state.now, either))
      }
    }
  }

  /// Whole refusals: a token's scope or duties do not cover the record (PERMISSION_DENIED).
  static let scopeRefusals: [(String, String)] = recordScopes + otherScopes + levelRefusals

  /// A record outside the scope, by its kind.
  static let recordScopes: [(String, String)] = [
    ("person", "人员"), ("household", "家庭户"), ("appeal", "诉求"), ("activity", "志愿服务活动"), ("enterprise", "拥军企业"), ("case", "帮扶个案"),
  ].map { (kind: String, word: String) -> (String, String) in
    (kind + #" (\S+) is in (\d+), outside this token's scope (\S+)"#, "\(word) $1 属于 $2，超出你的令牌范围（$3）；请交由负责该地的人员办理")
  }

  static let otherScopes: [(String, String)] = [
    (#"town (\d+) is in \d+, outside this token's scope (\S+)"#, "镇(街道) $1 超出你的令牌范围（$2）；请交由负责该地的人员办理"),
    (#"village_code is in (\d+), outside this token's scope (\S+)"#, "村(社区) $1 超出你的令牌范围（$2）；请交由负责该地的人员办理"),
    (#"household is in (\d+), outside this token's scope (\S+)"#, "该家庭户属于 $1，超出你的令牌范围（$2）；请交由负责该地的人员办理"),
    (#"an organisation is in (\d+), outside this token's scope (\S+)"#, "该组织属于 $1，超出你的令牌范围（$2）；请交由负责该地的人员办理"),
    (#"an activity is in (\d+), outside this token's scope (\S+)"#, "活动地点 $1 超出你的令牌范围（$2）；请交由负责该地的人员办理"),
    (#"(\S+) concerns the whole county and needs a county-scoped token; this token's scope is (\S+)"#, "$1 涉及全县，要用全县范围的令牌；你的令牌范围是 $2"),
    (#"the fund ledger is the county's; this token's scope is (\S+)"#, "基金账目由县里管理，要用全县范围的令牌；你的令牌范围是 $1"),
    (#"nobody decides a case they opened \(case (\S+), opened by (.+)\)"#, "不能审批自己立案的个案（帮扶个案 $1，立案人 $2）"),
    (#"(.+) set the amount of case (\S+) and may not also approve it; another approver decides \(\[modules\.relief\] planner_may_approve\)"#,
     "$1 制定了帮扶个案 $2 的金额，不能再审批；请由其他审批人审批（[modules.relief] planner_may_approve）"),
    (#"(.+) approved case (\S+) and may not also pay it; a clerk who did not decide it pays \(\[modules\.relief\] approver_may_pay\)"#,
     "$1 审批了帮扶个案 $2，不能再发放；请由未参与审批的经办人发放（[modules.relief] approver_may_pay）"),
    (#"(.+) has already decided case (\S+)"#, "$1 已审批过帮扶个案 $2，请由其他审批人审批"),
  ]

  /// A case waiting for an approver of another level.
  static let levelRefusals: [(String, String)] = [("village", "村级初审", "村级"), ("town", "镇(街道)审核", "镇(街道)"), ("county", "县级审批", "县级")].map {
    (level: String, step: String, who: String) -> (String, String) in
    (#"case (\S+) waits for a "# + level + #"-level approver; this token's scope is (\S+)"#,
     "帮扶个案 $1 正等待\(step)，你的令牌范围是 $2；请交由\(who)审批人审批")
  }

  /// Whole refusals: too many calls, the database unable to answer, a token not accepted.
  static let limits: [(String, String)] = [
    (#"too many lookups of people by ID or certificate number from this token; at most (\d+) a minute \(burst (\d+)\), counting eligibility checks and redemptions; wait a minute"#,
     "本令牌按身份证号或优待证号查人太频繁：每分钟最多$1次（短时最多$2次），资格核验和优待登记都算在内；请等一分钟再试"),
    (#"too many refused writes from this token; at most (\d+) a minute are answered \(\[daemon\.limits\] refused_writes_per_minute\); wait a minute and check the token's role and scope \(vetsctl admin token list\)"#,
     "本令牌被拒绝的写入太多：每分钟最多答复$1次（[daemon.limits] refused_writes_per_minute）；请等一分钟，并核对令牌的角色和范围（vetsctl admin token list）"),
    (#"the file is larger than (\d+) MiB; split it"#, "文件超过$1 MiB，请拆成几个文件分别导入"),
    (#"the database file (.+) was deleted or replaced while vetsd was running; nothing was written\. Restore the data folder from a backup and restart vetsd"#,
     "vetsd 运行期间数据库文件 $1 被删除或替换，未写入任何内容；请从备份恢复数据文件夹并重启 vetsd"),
    (#"token (\S+) was revoked at (\S+); ask an admin for a new one"#, "令牌 $1 已于 $2 吊销，请向系统管理员申请新令牌"),
    (#"token (\S+) expired at (\S+); ask an admin for a new one"#, "令牌 $1 已于 $2 过期，请向系统管理员申请新令牌"),
  ]

  /// The registry's categories, as stored and as a clerk calls them (GLOSSARY.md).
  static let categories: [(String, String)] = [
    ("transferred_officer", "军队转业干部"), ("discharged_soldier", "退役士兵"), ("retired_officer", "军队离退休干部和退休士官"),
    ("retired_civilian_staff", "军队无军籍离退休退职职工"), ("demobilised_soldier", "复员军人"), ("red_army_veteran", "退伍红军老战士"),
    ("disabled_serviceman", "残疾军人"), ("disabled_militia", "伤残民兵民工"), ("martyr_family", "烈士遗属"),
    ("duty_death_family", "因公牺牲军人遗属"), ("illness_death_family", "病故军人遗属"), ("serving_member_family", "现役军人家属"),
    ("war_or_test_participant", "参战参试退役人员"), ("returned_ill", "带病回乡退伍军人"), ("rural_veteran_over_60", "农村籍60周岁以上退役士兵"),
    ("early_martyr_child", "部分烈士子女"),
  ]

  /// The roles a token has, as stored and as a clerk calls them.
  static let roles: [(String, String)] = [
    ("admin", "系统管理员"), ("clerk", "经办人"), ("approver", "审批人"), ("auditor", "审计员"), ("enterprise", "拥军企业"),
    ("coordinator", "志愿服务协调员"), ("system", "外部系统"),
  ]

  /// The fund ledger's account kinds.
  static let accountKinds: [(String, String)] = [("fund", "基金账户"), ("source", "资金来源"), ("payout", "发放")]
}
