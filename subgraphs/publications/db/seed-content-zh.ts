/**
 * The Chinese side of the demo publications, keyed by the English title: [title, summary], written
 * the way a government press office in a Chinese-speaking city would write them (not word for word).
 */
export const DEMO_PUBLICATIONS_ZH: Record<string, [string, string]> = {
  // Civil Registry Office
  'Online birth registration now available around the clock': ['出生登记全天候网上办理', '父母可于婴儿出生后30日内在网上办理出生登记，无需前往柜台。'],
  'Civil Registry counters closed for system upgrade on Saturday': ['民事登记处柜台周六因系统升级暂停服务', '人口登记系统迁移至新服务器，柜台暂停服务一天。'],
  'New rules for residence registration of students': ['学生居住登记新规', '离家就读的学生须登记第二居所，主要居所仍随家庭登记。'],
  'Public notice of intended marriages, October': ['十月拟结婚人士公告', '十月递交结婚通知的新人名单现予公布，进入法定异议期。'],
  'Identity card waiting times down to five working days': ['身份证轮候时间缩短至五个工作日', '制证提速并增设一台登记设备，新身份证的轮候时间减半。'],
  'Appointment booking required for passport photos': ['柜台拍摄护照相片须预约', '自下月起，在柜台拍摄护照相片须先在网上预约。'],
  'Name change procedure simplified': ['更改姓名手续简化', '成年人可通过声明更改名字一次，无需法院命令。'],
  'Record number of civil weddings in city hall this summer': ['今夏市政厅婚礼人数创新高', '六月至八月间，逾900对新人在市政厅婚礼厅登记结婚。'],
  'Correction of the electoral roll before the municipal elections': ['市议会选举前更正选民登记册', '居民可于月底前查阅及更正本人的选民登记资料。'],
  'Death certificates now issued electronically to funeral directors': ['死亡证明书改以电子方式发给殡仪馆', '殡仪馆将收到已签署的电子证明书，不再使用纸本副本。'],
  'Mobile registry office visits rural villages': ['流动登记车走进乡村', '登记车每月巡回十二个村落，办理证件及证明书。'],
  'Retention policy for civil status records': ['民事身份记录保存政策', '出生、婚姻及死亡记录永久保存，相关文件保存30年。'],
  'Lost documents handed in during the third quarter': ['第三季度拾获证件招领', '市民拾获并交回的身份证件，失主可凭身份证明领回。'],
  // Commerce and Business Registration
  'Company registration in one day becomes the norm': ['公司注册一日办结成常态', '上季度九成有限公司在一个工作日内完成注册。'],
  'New online portal for trade permits opens': ['营业许可网上平台启用', '摊贩及街头小贩可在新平台申请及续期许可证。'],
  'Small business licence fees reduced for the first year': ['小型企业首年营业执照费减免', '雇员少于十人的企业，首年只需缴付一半执照费。'],
  'Tender: catering services for municipal canteens': ['招标：市政食堂餐饮服务', '供应商可于截止日期前就四间市政食堂的餐饮服务投标。'],
  'Start-up advice days return in spring': ['创业咨询日春季重开', '每月第一个星期二提供免费的一对一创业顾问面谈。'],
  'Annual report filing deadline approaching': ['年度报告提交期限将至', '已注册公司须于下月底前提交年度报告。'],
  'Opening hours policy for retail shops': ['零售商店营业时间政策', '四月至十月期间，旅游区商店可于星期日营业。'],
  'Struck off: companies that did not file for three years': ['撤销注册：连续三年未提交报告的公司', '名单上的公司如未于60日内提交报告，将从注册册中剔除。'],
  'Farmers market licences renewed for another season': ['农夫市集牌照续期一季', '四十个摊主获续发周六农夫市集的牌照。'],
  'Business licence applications accept electronic signatures': ['营业执照申请接受电子签名', '以合格电子签名签署的申请无需另交纸本正本。'],
  'Consultation: rules for short-term rental businesses': ['公众咨询：短期租赁业务规则', '规则草案要求短租业务登记，并在每则广告中注明牌照号码。'],
  'Export support programme opens to craft businesses': ['出口支援计划向手工艺企业开放', '手工艺及食品生产商现可申请参加商展的资助。'],
  'Public hearing on the new market hall concession': ['新街市大楼经营权公开听证会', '街市大楼经营权的公开听证会在市政厅举行。'],
  // Housing and Urban Development
  'Building permit decisions now within 30 days': ['建筑许可30日内作出决定', '今年建筑许可的平均审批时间由52日缩短至30日。'],
  'Housing assistance applications open for winter heating': ['冬季取暖住房援助接受申请', '低收入家庭可于十一月至二月申请取暖津贴。'],
  'Updated zoning plan for the riverside district': ['河畔区分区规划更新', '河畔区准许住宅与商业混合用途，楼高最多六层。'],
  'Public inspection of the draft zoning plan': ['分区规划草案公开展示', '分区规划草案公开展示30日，任何人均可提交意见。'],
  'Two hundred affordable homes completed in North Park': ['北园两百个可负担住房单位落成', '北园项目最后一座可负担出租住房已交付使用。'],
  'Inspection bookings move online': ['工地检验改为网上预约', '建筑商可在网上预约工地检验，并以电子邮件收取报告。'],
  'Energy efficiency requirements for renovations': ['翻新工程能源效益要求', '大型翻新工程须达到C级能效；隔热工程费用可获部分资助。'],
  'Demolition notice: former textile factory on Mill Lane': ['拆卸通告：磨坊巷前纺织厂', '磨坊巷已荒废的工厂将予拆卸，邻近居民可于14日内提出反对。'],
  'Rent support reaches 4,000 households': ['租金援助惠及四千户家庭', '租金援助计划首年已帮助逾四千户家庭。'],
  'Simplified permits for solar panels on roofs': ['屋顶太阳能板许可简化', '住宅屋顶安装太阳能板只需通知，无需申请许可。'],
  'Accessibility standard for new public buildings': ['新建公共建筑无障碍标准', '新建公共建筑须提供无台阶通道，每层均设无障碍洗手间。'],
  'Heritage facade grants awarded in the old town': ['旧城区历史建筑外墙资助获批', '三十名业主获资助修复旧城区的历史建筑外墙。'],
  'Tender: roof repairs of municipal housing blocks': ['招标：公共屋邨屋顶维修', '承建商可就六座公共屋邨的屋顶维修工程投标。'],
  // Revenue and Taxation
  'Tax refunds paid within ten days for online returns': ['网上报税退税十日内发放', '无须查询的网上个人所得税申报，平均十日内获退税。'],
  'Income tax return deadline extended to 15 May': ['个人所得税申报期限延至5月15日', '个人可于5月15日前提交所得税申报，不会被罚款。'],
  'Property tax rates for the coming year': ['来年物业税税率', '物业税税率维持0.35%，退休人士继续享有优惠税率。'],
  'Property tax assessments sent out': ['物业税评税通知书已寄出', '本年度物业税评税通知书已经寄出，如有异议须于30日内提出。'],
  'Pre-filled tax returns for all employees': ['全体雇员享有预填报税表', '雇员的报税表已预先填上薪金及银行资料，只需确认即可。'],
  'Payment plans available for tax arrears': ['欠税可申请分期缴付', '有困难的纳税人可将欠税分为最多24期按月缴付。'],
  'Consultation: tax deduction for home office costs': ['公众咨询：在家办公开支扣税', '规则草案建议雇员每个在家办公日可扣除定额开支。'],
  'Interest rate on late tax payments': ['逾期缴税利率', '自一月起，逾期缴税的年利率定为4%。'],
  'Tax help desk extends evening hours in April': ['税务咨询台四月延长晚间服务', '报税季节期间，咨询台于工作日开放至晚上七时。'],
  'Beware of fake tax refund emails': ['慎防虚假退税电邮', '税务局从不以电邮索取银行卡资料，如收到可疑电邮请举报。'],
  'Vehicle tax based on emissions from next year': ['明年起车辆税按排放量计算', '车辆税将按二氧化碳排放量计算，电动车只缴最低税额。'],
  'Tax gap shrinks as e-invoicing spreads': ['电子发票普及，税收缺口收窄', '电子发票帮助追回约四千万元未缴增值税。'],
  'Public auction of seized goods': ['扣押物品公开拍卖', '因欠税而扣押的物品将在税务局仓库公开拍卖。'],
  // Transport
  'Driving licence renewal now fully online': ['驾驶执照续期全面网上办理', '驾驶人可上载数码相片在网上续期，新执照以邮寄方式送达。'],
  'Road works on Station Square from Monday': ['车站广场周一起进行道路工程', '车站广场更换电车路轨，禁止车辆通行六周。'],
  'Low emission zone in the city centre': ['市中心低排放区', '明年起，较旧的柴油车辆于工作日不得驶入市中心。'],
  'Temporary traffic order for the marathon': ['马拉松临时交通管制', '马拉松路线沿途街道于星期日上午七时至下午三时封闭。'],
  'New night bus lines connect the suburbs': ['新增夜间巴士线连接郊区', '三条夜间巴士线于星期五及星期六晚每30分钟一班。'],
  'Vehicle registration offices adopt appointment system': ['车辆登记处实行预约制', '自下月起，车辆登记柜台只接待已预约的市民。'],
  'Cycling strategy 2030 adopted': ['《2030年单车策略》获通过', '策略规划80公里受保护单车径，并在各车站设置安全单车停泊处。'],
  'Bridge inspection closes Harbour Bridge overnight': ['港湾大桥夜间封闭进行检测', '港湾大桥进行结构检测，一连三晚夜间封闭。'],
  'Public transport ridership back above pre-pandemic levels': ['公共交通乘客量回升至疫情前水平', '今年巴士及电车载客量超越以往任何一年。'],
  'Winter tyre requirement from 1 November': ['11月1日起须使用冬季轮胎', '11月1日至3月31日期间遇冬季路况，车辆须装上冬季轮胎。'],
  'Consultation: parking fees in residential areas': ['公众咨询：住宅区泊车收费', '规例草案引入居民泊车证及访客泊车收费。'],
  'School streets pilot improves road safety': ['学校街道试验计划提升道路安全', '在上学时段封闭学校附近街道，试点交通流量减半。'],
  'Tender: snow clearing on municipal roads': ['招标：市政道路清雪', '承建商可就市政道路三个冬季的清雪工作投标。'],
  // Drafts and the scheduled item
  'Draft: flat-rate scheme for freelancers': ['草案：自由职业者定额税计划', '营业额低于门槛的自由职业者可缴付定额税。'],
  'Draft: tram line 4 extension timetable': ['草案：电车4号线延线时间表', '延长后的4号线在繁忙时段每八分钟一班。'],
  'Draft: tenant rights information evenings': ['草案：租客权益讲座', '各区图书馆将举办租客权益晚间讲座。'],
  'New tax year services open in January': ['新税务年度服务一月开放', '新税务年度的网上服务于一月第一个工作日开放。'],
};

/**
 * Publications written in Chinese first, with no English version yet: the English reader sees
 * them in Chinese, stated as a fallback. [department code, kind, title, summary, topics].
 */
export const DEMO_PUBLICATIONS_ZH_ONLY: [string, 'NEWS' | 'ANNOUNCEMENT' | 'POLICY' | 'NOTICE', string, string, string[]][] = [
  ['CIVIL', 'ANNOUNCEMENT', '出生登记窗口周六开放', '为方便在职父母，民事登记处出生登记窗口自本月起逢周六上午开放。', ['birth-registration', 'office-hours']],
  ['TAX', 'NEWS', '长者税务咨询专线启用', '年满65岁的市民可致电专线，由专人以普通话或粤语解答报税问题。', ['income-tax', 'seniors']],
  ['TRANSPORT', 'NOTICE', '春节期间公共交通特别班次', '春节假期期间，地铁及主要巴士线路延长服务时间并加密班次。', ['public-transport', 'holidays']],
];

/** Markdown body in Chinese, shaped like `demoBody`. */
export function demoBodyZh(title: string, summary: string, departmentName: string, contact: string): string {
  return [
    summary,
    `## 对您有什么影响\n\n「${title}」涉及与${departmentName}往来的居民和企业。大部分手续均可在网上办理；如您希望亲身前来，服务柜台亦乐意协助。`,
    '## 下一步\n\n- 在部门网页查阅详情。\n- 确认您是否需要办理以及办理期限。\n- 如有疑问，欢迎联络我们。',
    `## 联络方法\n\n${departmentName}：${contact}。`,
  ].join('\n\n');
}
