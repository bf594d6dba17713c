import ArgumentParser
import Synchronization

/// The language of what vetsctl prints for people: Chinese unless `--lang en` or
/// `VETSCTL_LANG=en`. Tables and CSV headers, enum words and record fields follow it;
/// `--output json` keeps the wire's codes and field names either way.
enum Language: String, ExpressibleByArgument, CaseIterable, Sendable {
  case zh, en

  /// Set from `--lang` (or the environment) as the options are parsed.
  static let current = Mutex(Language.zh)

  static var isChinese: Bool { current.withLock { $0 == .zh } }

  /// A column or field name in the current language; the English word is the key.
  static func heading(_ english: String) -> String {
    isChinese ? headings[english] ?? headings[english.uppercased()] ?? english : english
  }

  /// The Chinese for every column and field name vetsctl prints (GLOSSARY.md's words where it
  /// has them). A name missing here prints in English.
  static let headings: [String: String] = [
    "ACTIVE": "有效", "ACTIVITY": "活动", "ADDRESS": "地址", "AGE": "年龄", "AMOUNT": "金额", "APPEAL": "诉求",
    "APPROVED": "已审核", "ASSOCIATION": "所属协会", "BACKGROUND": "后台任务", "BENEFIT": "优待内容", "BORN": "出生日期",
    "BY": "经办人", "CAMPAIGN": "走访活动", "CASE": "个案", "CASH": "现金", "CATEGORIES": "类别", "CATEGORY": "类别",
    "CATEGORY TOWN": "类别 镇(街道)", "CODE": "代码", "CODES": "代码", "COLUMN": "列", "CONTACT": "联系人",
    "CORRECTS": "更正", "COUNT": "数量", "CREATED": "创建时间", "CREDIT CODE": "统一社会信用代码", "DATE": "日期",
    "DEPARTMENT": "承办部门", "DEPOSITED": "已入账", "DESCRIPTION": "说明", "DETAIL": "详情", "DIRECTION": "方向",
    "DIVISION": "区划", "DONATION": "捐赠", "DONOR": "捐赠方", "DUE": "到期", "ENDS": "结束", "ENTERED": "纳入日期",
    "ENTERPRISE": "拥军企业", "ENTERPRISES": "拥军企业", "ENTRY": "条目", "ERROR": "错误", "EVENT": "事件",
    "EXIT REASON": "退出原因", "EXITED": "退出日期", "EXPIRES": "到期时间", "FIELD": "字段", "FIGURE": "指标",
    "FOUNDED": "成立日期", "FROM": "自", "GOODS": "物资", "GREEN CHANNEL": "绿色通道", "GROUP": "服务队", "GROUPS": "服务队",
    "HOLD FROM": "暂缓自", "HOURS": "时长", "HOUSEHOLD": "家庭户", "ID": "编号", "ID NUMBER": "身份证号", "JOINED": "加入日期",
    "KIND": "种类", "LEADER": "队长", "LEVEL": "级别", "LIMIT": "次数上限", "LINE": "行", "LINK": "关联", "MEMBER": "成员",
    "MEMO": "摘要", "METHOD": "方法", "MODULE": "模块", "NAME": "姓名", "NEW": "新值", "NEXT REVIEW": "下次复核",
    "NOTE": "备注", "OFFER": "优待项目", "OLD": "原值", "ORGANISATION": "组织", "OUTCOME": "结果", "OVERDUE": "逾期",
    "OWNER": "负责人", "PAID": "已发放", "PEOPLE": "人数", "PERSON": "人员", "PERSON SEES": "本人可见", "PERSON-VISITS": "走访人次",
    "PHONE": "电话", "PLACE": "地点", "QUOTA": "名额", "REASON": "原因", "RECEIVED": "受理日期", "REDEMPTIONS": "使用次数",
    "RELATION": "与户主关系", "REQUEST": "请求", "REQUESTED": "申请金额", "REQUIRES": "需要", "RESUMED": "恢复日期",
    "REVOKED": "已吊销", "ROLE": "角色", "SCOPE": "范围", "SEQ": "序号", "SERVICE": "服务", "SEX": "性别", "SKILLS": "特长",
    "STARTS": "开始", "STATE": "状态", "STATION": "服务站", "STATUS": "状态", "SUBJECT": "事项", "SUMMARY": "摘要",
    "TARGETS": "对象", "TASK": "任务", "TIME": "时间", "TITLE": "标题", "TO": "至", "TOKEN": "令牌", "TOWN": "镇(街道)",
    "TYPE": "类型", "UNITS": "慰问单位", "UNTIL": "截至", "USED": "已用", "USES": "次数", "VALID": "有效期", "VALUE": "数值",
    "VERSION": "版本", "VETERAN": "退役军人", "VILLAGE": "村(社区)", "VISIT": "走访", "WORKING DAYS": "工作日",
    "YUAN": "金额(元)", "KEY": "键", "LABEL": "名称", "WORK": "事项", "FOR": "对象", "FROM NAME": "转出账户", "TO NAME": "转入账户", "RECORD": "记录",
    // Record fields and report figures.
    "active veteran volunteers": "在册退役军人志愿者", "activities": "活动", "amount paid": "已发放金额", "answer": "答复",
    "applied": "已生效", "available": "可用余额", "cases approved": "批准个案", "cases opened": "立案个案",
    "cases paid": "发放个案", "cases rejected": "未批准个案", "config": "配置", "due by": "办理时限",
    "estimated value": "估值", "fund": "账户", "goods raised": "募集物资", "green channel cases": "绿色通道个案",
    "head": "户主", "hours approved": "已审核时长", "hours pending": "待审核时长", "households served": "服务户数",
    "median days to approval": "审批天数中位数", "member units": "会员单位", "money raised": "募集爱心款",
    "override": "覆盖", "paid into relief": "转入帮扶", "party members": "党员", "pending": "预留", "period": "期间",
    "people served": "服务人数", "redemption": "使用记录", "reserved": "预留", "roster at year end": "年末在册",
    "service groups": "服务队", "social organisations": "社会化拥军组织", "towns": "镇(街道)数", "transfer": "流水",
    "unique beneficiaries": "受益人数", "unregistered served": "未登记服务人数", "villages": "村(社区)数",
    "visit value": "走访金额", "voided": "已撤销", "volunteers": "志愿者", "year": "年度", "received": "受理日期",
    "birth date": "出生日期", "branch": "军种", "bytes": "字节", "certificate": "优待证号", "channel": "受理渠道",
    "days to approval": "审批天数", "days to payment": "发放天数", "details": "详情", "died on": "死亡日期",
    "discharged": "退伍日期", "dry run": "试导入", "encoding": "编码", "enlisted": "入伍日期", "file": "文件",
    "follow-ups": "回访", "masked": "已遮蔽", "measures": "帮扶措施", "notes": "备注", "party member": "党员",
    "policy": "政策依据", "rejected": "未批准", "relation to head": "与户主关系", "relief case": "帮扶个案",
    "reopened": "重新办理", "reported by": "反映人", "resolved": "已办结", "return visit": "回访", "rows imported": "导入行数",
    "rows read": "读取行数", "rows valid": "有效行数", "secret": "密钥", "tags": "标签", "task force": "工作专班",
    "updated": "更新时间", "waiting for": "等待", "vetsctl": "vetsctl", "vetsd": "vetsd",
    "without category": "无优抚类别的家庭成员", "request": "诉求内容", "appeal": "诉求编号",
    // Accounts, sessions and tokens.
    "LOGIN": "用户名", "account": "账号", "session": "会话", "idle limit": "无操作失效", "ended": "结束时间",
    "must change password": "须修改密码", "one-time password": "一次性密码", "sessions ended": "已结束的会话",
    "old secret until": "旧密钥有效至",
  ]

  /// One sentence or word in the current language.
  static func say(_ chinese: String, _ english: String) -> String { isChinese ? chinese : english }

  /// Chosen before the command line is parsed, so that `--help` speaks it too: `--lang` (or
  /// `--lang=`) anywhere on the line, else VETSCTL_LANG, else Chinese. Parsing sets the same.
  static func chooseBeforeParsing(_ arguments: [String], environment: [String: String]) {
    var typed: String?
    for (index, argument) in arguments.enumerated() {
      if argument == "--lang", index + 1 < arguments.count { typed = arguments[index + 1] }
      if argument.hasPrefix("--lang=") { typed = String(argument.dropFirst("--lang=".count)) }
    }
    let chosen = typed.flatMap { Language(rawValue: $0.lowercased()) }
      ?? environment["VETSCTL_LANG"].flatMap { Language(rawValue: $0.lowercased()) } ?? .zh
    current.withLock { $0 = chosen }
  }

  static func yes(_ flag: Bool) -> String { flag ? say("是", "yes") : say("否", "no") }
}

extension ArgumentHelp {
  /// An option's help in the current language: `@Option(help: .say("中文", "English"))`.
  static func say(_ chinese: String, _ english: String, valueName: String? = nil) -> ArgumentHelp {
    ArgumentHelp(Language.say(chinese, english), valueName: valueName)
  }
}
