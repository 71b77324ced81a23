import { v5 as uuidv5 } from 'uuid';

/**
 * Demo data that several subgraphs refer to. Ids are derived from natural keys (UUID v5), so a
 * subgraph seeds references to another's records without ever reading its tables.
 */
const NAMESPACE = '6f1c3a52-8d8e-4a5b-9a43-2f8f0e6c1d10';
export const demoId = (kind: string, key: string) => uuidv5(`${kind}:${key}`, NAMESPACE);

export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoDepartment {
  code: string;
  name: string;
  description: string;
  phone: string;
  email: string;
  address: string;
  officeHours: string;
  /** The same department's texts in Chinese. */
  zh: { name: string; description: string; address: string; officeHours: string };
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    code: 'CIVIL',
    name: 'Civil Registry Office',
    description: 'Births, marriages, residence registration and identity documents.',
    phone: '+1 555 0101',
    email: 'civil.registry@demo.gov',
    address: '1 Civic Center Plaza, Room 110',
    officeHours: 'Mon–Fri 08:30–17:00',
    zh: { name: '民事登记处', description: '出生、婚姻、居住登记及身份证件。', address: '市政中心广场1号110室', officeHours: '周一至周五 08:30–17:00' },
  },
  {
    code: 'BIZ',
    name: 'Department of Commerce and Business Registration',
    description: 'Business licences, company registration and trade permits.',
    phone: '+1 555 0102',
    email: 'business@demo.gov',
    address: '40 Market Street, 3rd floor',
    officeHours: 'Mon–Fri 09:00–16:30',
    zh: { name: '商务及企业注册局', description: '营业执照、公司注册及营业许可。', address: '市场街40号3楼', officeHours: '周一至周五 09:00–16:30' },
  },
  {
    code: 'HOUSING',
    name: 'Department of Housing and Urban Development',
    description: 'Building permits, zoning, housing assistance and inspections.',
    phone: '+1 555 0103',
    email: 'housing@demo.gov',
    address: '12 Planning Avenue',
    officeHours: 'Mon–Thu 08:00–16:00, Fri 08:00–13:00',
    zh: { name: '房屋及城市发展局', description: '建筑许可、分区规划、住房援助及检验。', address: '规划大道12号', officeHours: '周一至周四 08:00–16:00，周五 08:00–13:00' },
  },
  {
    code: 'TAX',
    name: 'Revenue and Taxation Bureau',
    description: 'Income and property tax, refunds and payment plans.',
    phone: '+1 555 0104',
    email: 'tax.help@demo.gov',
    address: '7 Treasury Road',
    officeHours: 'Mon–Fri 08:30–16:30',
    zh: { name: '税务局', description: '个人所得税、物业税、退税及分期缴税。', address: '库务道7号', officeHours: '周一至周五 08:30–16:30' },
  },
  {
    code: 'TRANSPORT',
    name: 'Department of Transport',
    description: 'Driving licences, vehicle registration, public transport and roads.',
    phone: '+1 555 0105',
    email: 'transport@demo.gov',
    address: '88 Station Square',
    officeHours: 'Mon–Fri 08:00–17:30, Sat 09:00–12:00',
    zh: { name: '运输局', description: '驾驶执照、车辆登记、公共交通及道路。', address: '车站广场88号', officeHours: '周一至周五 08:00–17:30，周六 09:00–12:00' },
  },
];

export const departmentId = (code: string) => demoId('department', code);
export const userId = (email: string) => demoId('user', email.toLowerCase());

/** The demo accounts, all with DEMO_PASSWORD. */
export function demoAccounts() {
  const staff = DEMO_DEPARTMENTS.flatMap((d) => [
    { email: `officer.${d.code.toLowerCase()}@demo.gov`, displayName: `${d.name} Officer`, roles: ['OFFICER'], department: d.code },
    { email: `editor.${d.code.toLowerCase()}@demo.gov`, displayName: `${d.name} Editor`, roles: ['EDITOR'], department: d.code },
  ]);
  return [
    { email: 'admin@demo.gov', displayName: 'Platform Administrator', roles: ['ADMIN'], department: null },
    { email: 'analyst@demo.gov', displayName: 'Policy Analyst', roles: ['ANALYST'], department: null },
    { email: 'citizen@demo.gov', displayName: 'Alex Citizen', roles: ['CITIZEN'], department: null },
    { email: 'citizen2@demo.gov', displayName: 'Sam Resident', roles: ['CITIZEN'], department: null },
    ...staff,
  ] as { email: string; displayName: string; roles: string[]; department: string | null }[];
}
