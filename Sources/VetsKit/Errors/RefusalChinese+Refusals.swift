// The Chinese of whole refusals: not found, registered already, a state or a scope that
// does not allow the step, and the limits of the daemon and of tokens.

extension RefusalChinese {
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
    "a reload is already running": "正在重新读取配置，请稍后再试",
    "the database is read-only; check the data folder's permissions (nothing was changed)": "数据库只能读不能写，请检查数据文件夹的权限（未做任何改动）",
    "the database file cannot be read or written; check the data folder (nothing was changed)": "数据库文件无法读写，请检查数据文件夹（未做任何改动）",
    // Signing in
    "this call needs a token: send 'authorization: Bearer <token>'; vetsctl reads .vetsd/admin.token by default, and an admin makes tokens with 'vetsctl admin token create'":
      "这项操作需要令牌：请求中要带 'authorization: Bearer <令牌>'；vetsctl 默认读取 .vetsd/admin.token，令牌由系统管理员用 'vetsctl admin token create' 生成",
    "the authorization header must be 'Bearer <token>': send 'authorization: Bearer <token>'; vetsctl reads .vetsd/admin.token by default, and an admin makes tokens with 'vetsctl admin token create'":
      "authorization 请求头应为 'Bearer <令牌>'：vetsctl 默认读取 .vetsd/admin.token，令牌由系统管理员用 'vetsctl admin token create' 生成",
    "the token is not valid; ask an admin for a token ('vetsctl admin token create')": "令牌无效，请向系统管理员申请令牌（'vetsctl admin token create'）",
  ]

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
    (#"member (\S+) is not in group (\S+)"#, "志愿者 $1 不在志愿服务队 $2 中"),
    (#"person (\S+) is already active"#, "人员 $1 已是“在册”状态"),
    (#"person (\S+) is already deceased"#, "人员 $1 已是“已故”状态"),
    (#"person (\S+) is already moved_out"#, "人员 $1 已是“迁出”状态"),
    (#"person (\S+) is already exited"#, "人员 $1 已是“退出”状态"),
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
}
