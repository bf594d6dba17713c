// The Chinese of a field's rule (a BadRequest violation's description): exact rules, rules
// worded per stored word, and patterns over rules with a varying part.

import VetsAPI

extension RefusalChinese {
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

  /// The rules worded per stored word: a registry category, a token's role.
  static let wordRules: [String: String] = Dictionary(categoryRules + roleRules, uniquingKeysWith: { first, _ in first })

  static let categoryRules: [(String, String)] = Vets_Registry_V1_Category.terms.labelled.flatMap { (word: String, label: String) -> [(String, String)] in
    [
      ("\(word) needs the relation to the serviceman (parent, spouse, child or sibling)", "\(label)需要填写与军人的关系（父母、配偶、子女或兄弟姐妹）"),
      ("\(word) takes no relation", "\(label)不填与军人的关系"),
      ("\(word) is listed twice", "\(label)填了两次"),
    ]
  }

  static let roleRules: [(String, String)] = Vets_Daemon_V1_Role.terms.labelled.map { (word: String, label: String) -> (String, String) in
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
  static let accountRules: [(String, String)] = Vets_Relief_V1_AccountKind.terms.labelled.flatMap { (found: String, foundWord: String) -> [(String, String)] in
    Vets_Relief_V1_AccountKind.terms.labelled.filter { $0.0 != found }.map { (wanted: String, wantedWord: String) -> (String, String) in
      ("'(.*)' is a \(found) account, not a \(wanted)", "“$1”是\(foundWord)，不是\(wantedWord)")
    }
  }
}
