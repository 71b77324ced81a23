/**
 * The Chinese labels of the demo application forms (demo-catalogue.ts), as a Chinese-language
 * government form would word them, and the Chinese names of their choices. Values submitted stay
 * the English `enum` values; only what a reader sees changes (subgraphs/procedures/form-language.ts).
 */
const LABELS: Record<string, string> = {
  'Birth registration': '出生登记申请表',
  Applicant: '申请人',
  'Full name': '姓名',
  'Date of birth': '出生日期',
  Email: '电子邮箱',
  Phone: '联系电话',
  "Child's full name": '婴儿姓名',
  'Place of birth': '出生地点',
  Sex: '性别',
  'Are the parents married?': '父母是否已婚？',
  'Additional certified copies': '额外核证副本份数',
  'Residence registration': '居住登记申请表',
  'New address': '新住址',
  'Street and number': '街道及门牌号',
  'Postal code': '邮政编码',
  City: '城市',
  'Date of moving in': '迁入日期',
  'People moving in, including you': '迁入人数（包括本人）',
  'Is this your main residence?': '是否为主要居所？',
  'Change of name': '更改姓名申请表',
  'Current full name': '现用姓名',
  'Requested full name': '拟改姓名',
  'Which name changes': '更改部分',
  Reason: '理由',
  'Is the application for a minor child?': '是否为未成年子女申请？',
  'Business licence': '营业执照申请表',
  'Business name': '商号名称',
  'Legal form': '法律形式',
  'Main activity': '主要业务',
  'Business premises': '营业地址',
  'Number of employees': '雇员人数',
  'Planned start date': '预计开业日期',
  'Does the business prepare or serve food?': '是否制作或供应食品？',
  'Company registration': '公司注册申请表',
  'Company name': '公司名称',
  'Registered office': '注册办事处',
  'Share capital': '股本',
  'Number of directors': '董事人数',
  'Does the company use the model articles?': '是否采用标准章程？',
  'Market stall permit': '市场摊位许可申请表',
  Market: '市场',
  'Goods sold': '出售货品',
  'Market days per month': '每月摆摊日数',
  'Is it a food stall?': '是否为食品摊位？',
  'Building permit': '建筑许可申请表',
  'Building site': '工地地址',
  'Type of works': '工程类别',
  'Floor area (m²)': '楼面面积（平方米）',
  Storeys: '层数',
  'Are you the owner of the land?': '您是否为土地业主？',
  'Planned start of works': '预计动工日期',
  'Housing allowance': '住房津贴申请表',
  'Monthly rent': '每月租金',
  'People in the household': '住户人数',
  'Household income per month': '住户每月收入',
  Tenure: '居住性质',
  'Does anyone in the household receive other benefits?': '住户中是否有人领取其他福利？',
  'Income tax refund': '所得税退税申请表',
  'Tax year': '课税年度',
  'Tax number': '税务编号',
  'Bank account (IBAN)': '银行账户（IBAN）',
  'Gross income': '总收入',
  'Tax withheld': '已预扣税款',
  'Do you claim deductions?': '是否申请扣除？',
  'Tax payment plan': '分期缴税申请表',
  'Amount owed': '欠税金额',
  'Proposed monthly instalment': '拟每月缴付金额',
  'Number of months': '分期月数',
  'Driving licence renewal': '驾驶执照续期申请表',
  'Licence number': '驾驶执照号码',
  'Current expiry date': '现有执照届满日期',
  Categories: '准驾车型',
  'Do you have a medical condition that may affect your driving?': '您是否有可能影响驾驶的健康状况？',
  Delivery: '领取方式',
  'Resident parking permit': '居民泊车许可申请表',
  'Parking zone': '泊车区',
  'Number plate': '车牌号码',
  'Is the vehicle leased or a company car?': '车辆是否为租赁或公司车辆？',
  'Valid from': '生效日期',
};

const OPTIONS: Record<string, string> = {
  female: '女',
  male: '男',
  'not stated': '不披露',
  'first name': '名字',
  surname: '姓氏',
  both: '姓和名',
  'sole trader': '独资经营',
  partnership: '合伙经营',
  'limited company': '有限公司',
  cooperative: '合作社',
  'Central Square (Sat)': '中央广场（周六）',
  'Harbour Market (Wed)': '海港市场（周三）',
  'Riverside Market (Sun)': '河畔市场（周日）',
  'new building': '新建',
  extension: '扩建',
  alteration: '改建',
  'change of use': '更改用途',
  'private tenant': '私人租户',
  'social housing tenant': '公共房屋租户',
  owner: '业主',
  'loss of income': '失去收入',
  illness: '疾病',
  'business difficulty': '经营困难',
  other: '其他',
  post: '邮寄',
  'collect at the counter': '到柜台领取',
  'A – Old Town': 'A – 旧城区',
  'B – Harbour': 'B – 海港区',
  'C – University': 'C – 大学区',
  'D – Riverside': 'D – 河畔区',
};

type Node = Record<string, unknown>;

/** The form with `x-translations.zh` on every field whose label (and choices) have Chinese words here. */
export function withChineseLabels<T>(schema: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const node = Object.fromEntries(Object.entries(value as Node).map(([k, v]) => [k, k === 'enum' ? v : walk(v)])) as Node;
    const zh: Node = {};
    if (typeof node.title === 'string' && LABELS[node.title]) zh.title = LABELS[node.title];
    // Category letters (A, B, BE …) read the same in Chinese.
    if (Array.isArray(node.enum)) zh.enumNames = node.enum.map((o) => OPTIONS[String(o)] ?? String(o));
    if (Object.keys(zh).length) node['x-translations'] = { zh };
    return node;
  };
  return walk(schema) as T;
}
