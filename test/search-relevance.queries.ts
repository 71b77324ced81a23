/**
 * A labelled set of search queries over the demo data, with every result a person would count as
 * relevant (judged by reading the demo items in both languages, not by running the search).
 * Publications are named by their title as written (`subgraphs/publications/db/seed-content*.ts`),
 * procedures by code (`subgraphs/kit/demo-catalogue.ts`). `in` says which list of the Search
 * operation the query is meant for.
 */
export interface LabelledQuery {
  text: string;
  in: 'publications' | 'procedures';
  relevant: string[];
}

export const ZH: LabelledQuery[] = [
  { text: '出生', in: 'publications', relevant: ['Online birth registration now available around the clock', '出生登记窗口周六开放', 'Retention policy for civil status records'] },
  { text: '周六', in: 'publications', relevant: ['出生登记窗口周六开放', 'Civil Registry counters closed for system upgrade on Saturday', 'Farmers market licences renewed for another season'] },
  { text: '物业税', in: 'publications', relevant: ['Property tax rates for the coming year', 'Property tax assessments sent out'] },
  { text: '退税', in: 'publications', relevant: ['Tax refunds paid within ten days for online returns', 'Beware of fake tax refund emails'] },
  { text: '驾驶执照', in: 'publications', relevant: ['Driving licence renewal now fully online'] },
  { text: '分区规划', in: 'publications', relevant: ['Updated zoning plan for the riverside district', 'Public inspection of the draft zoning plan'] },
  {
    text: '招标',
    in: 'publications',
    relevant: ['Tender: catering services for municipal canteens', 'Tender: roof repairs of municipal housing blocks', 'Tender: snow clearing on municipal roads'],
  },
  {
    text: '公众咨询',
    in: 'publications',
    relevant: ['Consultation: rules for short-term rental businesses', 'Consultation: tax deduction for home office costs', 'Consultation: parking fees in residential areas'],
  },
  { text: '身份证', in: 'publications', relevant: ['Identity card waiting times down to five working days', 'Lost documents handed in during the third quarter'] },
  {
    text: '电子',
    in: 'publications',
    relevant: [
      'Death certificates now issued electronically to funeral directors',
      'Business licence applications accept electronic signatures',
      'Tax gap shrinks as e-invoicing spreads',
      'Inspection bookings move online',
    ],
  },
  { text: '太阳能', in: 'publications', relevant: ['Simplified permits for solar panels on roofs'] },
  { text: '单车', in: 'publications', relevant: ['Cycling strategy 2030 adopted'] },
  {
    text: '巴士',
    in: 'publications',
    relevant: ['New night bus lines connect the suburbs', 'Public transport ridership back above pre-pandemic levels', '春节期间公共交通特别班次'],
  },
  { text: '结婚', in: 'publications', relevant: ['Public notice of intended marriages, October', 'Record number of civil weddings in city hall this summer'] },
  { text: '营业执照', in: 'publications', relevant: ['Small business licence fees reduced for the first year', 'Business licence applications accept electronic signatures'] },
  { text: '公司注册', in: 'publications', relevant: ['Company registration in one day becomes the norm'] },
  { text: '拍卖', in: 'publications', relevant: ['Public auction of seized goods'] },
  { text: '马拉松', in: 'publications', relevant: ['Temporary traffic order for the marathon'] },
  { text: '低排放区', in: 'publications', relevant: ['Low emission zone in the city centre'] },
  { text: '冬季轮胎', in: 'publications', relevant: ['Winter tyre requirement from 1 November'] },
  { text: '取暖津贴', in: 'publications', relevant: ['Housing assistance applications open for winter heating'] },
  { text: '租金援助', in: 'publications', relevant: ['Rent support reaches 4,000 households'] },
  { text: '可负担住房', in: 'publications', relevant: ['Two hundred affordable homes completed in North Park'] },
  { text: '能效', in: 'publications', relevant: ['Energy efficiency requirements for renovations'] },
  { text: '拆卸', in: 'publications', relevant: ['Demolition notice: former textile factory on Mill Lane'] },
  { text: '无障碍', in: 'publications', relevant: ['Accessibility standard for new public buildings'] },
  {
    text: '预约',
    in: 'publications',
    relevant: ['Appointment booking required for passport photos', 'Vehicle registration offices adopt appointment system', 'Inspection bookings move online'],
  },
  { text: '选民登记', in: 'publications', relevant: ['Correction of the electoral roll before the municipal elections'] },
  { text: '创业', in: 'publications', relevant: ['Start-up advice days return in spring'] },
  { text: '税务咨询', in: 'publications', relevant: ['Tax help desk extends evening hours in April', '长者税务咨询专线启用'] },
  { text: '春节', in: 'publications', relevant: ['春节期间公共交通特别班次'] },
  { text: '道路工程', in: 'publications', relevant: ['Road works on Station Square from Monday'] },
  { text: '营业执照', in: 'procedures', relevant: ['BIZ-LICENCE'] },
  { text: '出生证明', in: 'procedures', relevant: ['CIVIL-BIRTH-REG'] },
  { text: '驾驶', in: 'procedures', relevant: ['TRANSPORT-LICENCE-RENEWAL', 'TRANSPORT-LEARNER-PERMIT'] },
  { text: '退税', in: 'procedures', relevant: ['TAX-REFUND'] },
  { text: '泊车', in: 'procedures', relevant: ['TRANSPORT-PARKING-PERMIT'] },
  { text: '住房津贴', in: 'procedures', relevant: ['HOUSING-ASSISTANCE'] },
  { text: '分期', in: 'procedures', relevant: ['TAX-PAYMENT-PLAN'] },
  { text: '市集', in: 'procedures', relevant: ['BIZ-MARKET-STALL'] },
  { text: '酒', in: 'procedures', relevant: ['BIZ-ALCOHOL-LICENCE'] },
  { text: '结婚', in: 'procedures', relevant: ['CIVIL-MARRIAGE', 'CIVIL-NAME-CHANGE'] },
];

export const EN: LabelledQuery[] = [
  { text: 'birth', in: 'publications', relevant: ['Online birth registration now available around the clock', 'Retention policy for civil status records'] },
  {
    text: 'tender',
    in: 'publications',
    relevant: ['Tender: catering services for municipal canteens', 'Tender: roof repairs of municipal housing blocks', 'Tender: snow clearing on municipal roads'],
  },
  { text: 'property tax', in: 'publications', relevant: ['Property tax rates for the coming year', 'Property tax assessments sent out'] },
  {
    text: 'consultation',
    in: 'publications',
    relevant: ['Consultation: rules for short-term rental businesses', 'Consultation: tax deduction for home office costs', 'Consultation: parking fees in residential areas'],
  },
  { text: 'zoning', in: 'publications', relevant: ['Updated zoning plan for the riverside district', 'Public inspection of the draft zoning plan'] },
  { text: 'refund', in: 'publications', relevant: ['Tax refunds paid within ten days for online returns', 'Beware of fake tax refund emails'] },
  { text: 'driving licence', in: 'publications', relevant: ['Driving licence renewal now fully online'] },
  { text: 'identity card', in: 'publications', relevant: ['Identity card waiting times down to five working days'] },
  { text: 'solar panels', in: 'publications', relevant: ['Simplified permits for solar panels on roofs'] },
  { text: 'cycling', in: 'publications', relevant: ['Cycling strategy 2030 adopted'] },
  { text: 'bus', in: 'publications', relevant: ['New night bus lines connect the suburbs', 'Public transport ridership back above pre-pandemic levels'] },
  { text: 'marriage', in: 'publications', relevant: ['Public notice of intended marriages, October', 'Retention policy for civil status records', 'Record number of civil weddings in city hall this summer'] },
  { text: 'business licence', in: 'publications', relevant: ['Small business licence fees reduced for the first year', 'Business licence applications accept electronic signatures'] },
  { text: 'company registration', in: 'publications', relevant: ['Company registration in one day becomes the norm'] },
  { text: 'auction', in: 'publications', relevant: ['Public auction of seized goods'] },
  { text: 'marathon', in: 'publications', relevant: ['Temporary traffic order for the marathon'] },
  { text: 'low emission zone', in: 'publications', relevant: ['Low emission zone in the city centre'] },
  { text: 'winter tyres', in: 'publications', relevant: ['Winter tyre requirement from 1 November'] },
  { text: 'heating allowance', in: 'publications', relevant: ['Housing assistance applications open for winter heating'] },
  { text: 'affordable homes', in: 'publications', relevant: ['Two hundred affordable homes completed in North Park'] },
  { text: 'energy efficiency', in: 'publications', relevant: ['Energy efficiency requirements for renovations'] },
  { text: 'demolition', in: 'publications', relevant: ['Demolition notice: former textile factory on Mill Lane'] },
  { text: 'accessibility', in: 'publications', relevant: ['Accessibility standard for new public buildings'] },
  { text: 'appointment', in: 'publications', relevant: ['Appointment booking required for passport photos', 'Vehicle registration offices adopt appointment system'] },
  { text: 'electoral roll', in: 'publications', relevant: ['Correction of the electoral roll before the municipal elections'] },
  { text: 'start-up advice', in: 'publications', relevant: ['Start-up advice days return in spring'] },
  { text: 'export', in: 'publications', relevant: ['Export support programme opens to craft businesses'] },
  { text: 'help desk', in: 'publications', relevant: ['Tax help desk extends evening hours in April'] },
  { text: 'road works', in: 'publications', relevant: ['Road works on Station Square from Monday'] },
  { text: 'electronic signature', in: 'publications', relevant: ['Business licence applications accept electronic signatures'] },
  { text: 'passport photos', in: 'publications', relevant: ['Appointment booking required for passport photos'] },
  { text: 'building permit', in: 'procedures', relevant: ['HOUSING-BUILDING-PERMIT', 'HOUSING-OCCUPANCY-CERT'] },
  { text: 'parking', in: 'procedures', relevant: ['TRANSPORT-PARKING-PERMIT'] },
  { text: 'learner driver', in: 'procedures', relevant: ['TRANSPORT-LEARNER-PERMIT'] },
  { text: 'tax refund', in: 'procedures', relevant: ['TAX-REFUND'] },
  { text: 'alcohol', in: 'procedures', relevant: ['BIZ-ALCOHOL-LICENCE'] },
  { text: 'death certificate', in: 'procedures', relevant: ['CIVIL-DEATH-REG'] },
  { text: 'market stall', in: 'procedures', relevant: ['BIZ-MARKET-STALL'] },
  { text: 'housing allowance', in: 'procedures', relevant: ['HOUSING-ASSISTANCE'] },
  { text: 'change of name', in: 'procedures', relevant: ['CIVIL-NAME-CHANGE'] },
  { text: 'number plates', in: 'procedures', relevant: ['TRANSPORT-VEHICLE-REG'] },
];

/** Chinese and English in one query, as bilingual people type. */
export const MIXED: LabelledQuery[] = [
  { text: '驾驶执照 renewal', in: 'publications', relevant: ['Driving licence renewal now fully online'] },
  { text: 'online 出生登记', in: 'publications', relevant: ['Online birth registration now available around the clock'] },
  { text: '低排放区 diesel', in: 'publications', relevant: ['Low emission zone in the city centre'] },
  {
    text: 'tender 招标',
    in: 'publications',
    relevant: ['Tender: catering services for municipal canteens', 'Tender: roof repairs of municipal housing blocks', 'Tender: snow clearing on municipal roads'],
  },
  { text: '营业执照 fees', in: 'publications', relevant: ['Small business licence fees reduced for the first year'] },
  { text: 'Harbour Bridge 检测', in: 'publications', relevant: ['Bridge inspection closes Harbour Bridge overnight'] },
  { text: 'business licence 营业执照', in: 'procedures', relevant: ['BIZ-LICENCE'] },
  { text: '出生 certificate', in: 'procedures', relevant: ['CIVIL-BIRTH-REG'] },
];
