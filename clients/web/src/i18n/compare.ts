import { useSession } from '../context';

/** The analysts' comparison page's words, in both languages. */
const en = {
  title: 'Departments side by side',
  link: 'Compare departments',
  weeks: 'Weeks',
  lastWeeks: (n: number) => `Last ${n} weeks`,
  timeZone: 'Weeks counted in',
  show: 'Show',
  department: 'Department',
  submitted: 'Applications',
  avgDays: 'Avg. days to decide',
  overdue: 'Overdue',
  received: 'Feedback',
  answered: 'Answered',
  avgHours: 'Avg. hours to answer',
  satisfaction: 'Satisfaction (1–5)',
  trends: 'Week by week',
  applicationsPerWeek: 'Applications submitted per week',
  feedbackPerWeek: 'Feedback received per week',
  weekOf: 'Week of',
  count: 'Count',
  periodNote: (from: string, to: string, zone: string) => `From ${from} to ${to}; weeks start on Monday, ${zone}.`,
};

const zh: typeof en = {
  title: '部门对比',
  link: '对比各部门',
  weeks: '周数',
  lastWeeks: (n) => `最近 ${n} 周`,
  timeZone: '按此时区计周',
  show: '显示',
  department: '部门',
  submitted: '申请',
  avgDays: '平均办结天数',
  overdue: '逾期',
  received: '意见建议',
  answered: '已答复',
  avgHours: '平均答复小时数',
  satisfaction: '满意度（1–5）',
  trends: '逐周趋势',
  applicationsPerWeek: '每周提交的申请',
  feedbackPerWeek: '每周收到的意见建议',
  weekOf: '周起始',
  count: '数量',
  periodNote: (from, to, zone) => `${from} 至 ${to}；每周从星期一开始，时区 ${zone}。`,
};

export const useCompareT = () => (useSession().lang === 'zh' ? zh : en);
