import { seededRandom } from '../../subgraphs/kit/random';

/** A small seeded PRNG (mulberry32): the same seed gives the same data set (dates relative to the day it runs). */
export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Skewed towards the start: a few citizens file many applications, most file one or two. */
  skewed(n: number): number {
    const r = this.next();
    return Math.floor(n * r * r * r);
  }

  uuid(): string {
    const h = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
    const a = h(this.next() * 4294967296);
    const b = h(this.next() * 4294967296);
    const c = h(this.next() * 4294967296);
    const d = h(this.next() * 4294967296);
    // Version 4 and RFC 4122 variant bits, so the ids pass every UUID check in the subgraphs.
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 0x3) | 0x8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** `n` words of running text, drawn from the Zipf-distributed vocabulary below. */
  text(n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(VOCABULARY[zipfRank(this.next())]);
    return out.join(' ');
  }

  /** `n` words of running Chinese text (no spaces between words, as Chinese is written), from the Chinese vocabulary. */
  textZh(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += VOCABULARY_ZH[zipfRank(this.next())];
    return out;
  }
}

/** The words a portal's visitors search for; they are spread over the vocabulary below. */
export const WORDS = [
  'city', 'council', 'housing', 'permit', 'tax', 'school', 'road', 'transport', 'budget', 'health', 'water', 'energy',
  'licence', 'registration', 'business', 'park', 'library', 'waste', 'recycling', 'safety', 'police', 'fire', 'youth',
  'pension', 'benefit', 'childcare', 'employment', 'training', 'culture', 'museum', 'harbour', 'bridge', 'railway',
  'bicycle', 'parking', 'noise', 'air', 'quality', 'flood', 'climate', 'digital', 'service', 'citizen', 'election',
  'consultation', 'zoning', 'planning', 'inspection', 'refund', 'payment', 'deadline', 'office', 'hours', 'holiday',
  'vaccination', 'hospital', 'clinic', 'marriage', 'birth', 'residence', 'passport', 'identity', 'vehicle', 'driving',
] as const;

/** The same searches in Chinese: what Chinese-speaking visitors type (WORDS, word for word). */
export const WORDS_ZH = [
  '城市', '议会', '住房', '许可', '税务', '学校', '道路', '交通', '预算', '卫生', '供水', '能源',
  '执照', '登记', '企业', '公园', '图书馆', '垃圾', '回收', '安全', '警察', '消防', '青年',
  '养老金', '福利', '托儿', '就业', '培训', '文化', '博物馆', '港口', '桥梁', '铁路',
  '自行车', '停车', '噪音', '空气', '质量', '洪水', '气候', '数字', '服务', '市民', '选举',
  '咨询', '分区', '规划', '检查', '退税', '缴费', '截止', '办公', '时间', '假期',
  '疫苗', '医院', '诊所', '婚姻', '出生', '居住', '护照', '身份', '车辆', '驾驶',
] as const;

export const TOPICS = ['housing', 'transport', 'tax', 'health', 'education', 'environment', 'business', 'safety', 'culture', 'digital'] as const;

/**
 * A vocabulary shaped like real text. Word frequencies in any language follow Zipf's law (the
 * word of rank r occurs in proportion to 1/r): a few stop words make up much of the text, which
 * PostgreSQL's english configuration drops; the domain words sit among thousands of rarer words
 * (made-up, pronounceable ones here), the commonest in about a fifth of the publications and the
 * rarest in well under one in a hundred. A uniform draw from a short list, which this replaced,
 * put every word into three quarters of all publications and made any search rank 70,000 rows.
 */
const STOP_WORDS = [
  'the', 'of', 'and', 'to', 'a', 'in', 'for', 'is', 'on', 'that', 'by', 'this', 'with', 'you', 'it', 'not', 'or', 'be',
  'are', 'from', 'at', 'as', 'your', 'all', 'have', 'an', 'was', 'we', 'will', 'can', 'our', 'has', 'may', 'their',
];
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sa', 'tu', 'vel', 'dor', 'an', 'is', 'ur', 'en', 'ta', 'ri', 'mo', 'ne'];
const VOCABULARY_SIZE = 5000;
/** Domain word i takes rank STOP_WORDS.length + DOMAIN_SPACING * i, so the 64 span ranks 34 to about 1,900. */
const DOMAIN_SPACING = 30;

function buildVocabulary(): string[] {
  const domain = new Map<number, string>(WORDS.map((w, i) => [STOP_WORDS.length + DOMAIN_SPACING * i, w]));
  const words = [...STOP_WORDS];
  for (let made = 0; words.length < VOCABULARY_SIZE; ) {
    const placed = domain.get(words.length);
    if (placed) {
      words.push(placed);
      continue;
    }
    const n = 256 + made++; // three base-16 digits: three syllables
    words.push(SYLLABLES[(n >> 8) & 15] + SYLLABLES[(n >> 4) & 15] + SYLLABLES[n & 15]);
  }
  return words;
}
const VOCABULARY = buildVocabulary();

/**
 * The Chinese vocabulary, Zipf-shaped like the English one: the commonest function words (的, 是,
 * 在…, which search ignores only as far as bigrams of them are common), the 64 domain words of
 * WORDS_ZH at the same ranks as their English twins, and made-up two-character words from common
 * characters for the rest, so a domain word is as rare or common in Chinese text as in English.
 */
const STOP_WORDS_ZH = ['的', '是', '在', '和', '了', '有', '我们', '将', '对', '为', '与', '及', '等', '由', '于', '其', '该', '各', '按', '以', '上', '下', '中', '年', '月', '日', '并', '或', '可', '应', '须', '已', '不', '请'];
const CHARACTERS_ZH = [...'政府部门公共管理发展建设工作社会经济群众项目计划方案措施制度标准政策办理申请材料审核结果通知公告新闻活动组织单位机构地区街道社区县镇村区域环境资源信息系统平台网络科技创新改革开放合作交流'];

function buildVocabularyZh(): string[] {
  const domain = new Map<number, string>(WORDS_ZH.map((w, i) => [STOP_WORDS.length + DOMAIN_SPACING * i, w]));
  const words = [...STOP_WORDS_ZH, ...Array.from({ length: STOP_WORDS.length - STOP_WORDS_ZH.length }, (_, i) => CHARACTERS_ZH[i])];
  const taken = new Set<string>([...words, ...WORDS_ZH]);
  const n = CHARACTERS_ZH.length;
  for (let made = 0; words.length < VOCABULARY_SIZE; made++) {
    const placed = domain.get(words.length);
    if (placed) {
      words.push(placed);
      continue;
    }
    // Two characters, spread over the pairs so neighbouring ranks share no character.
    const word = CHARACTERS_ZH[(made * 7) % n] + CHARACTERS_ZH[(made * 13 + Math.floor(made / n)) % n];
    if (!taken.has(word)) {
      taken.add(word);
      words.push(word);
    }
  }
  return words;
}
const VOCABULARY_ZH = buildVocabularyZh();

/**
 * A Zipf (s = 1) draw over ranks 0..n-1: rank r with probability proportional to 1/(r + 1), for
 * u uniform in [0, 1). The cumulative weights are summed once, so a draw is one binary search.
 */
export function zipf(n: number): (u: number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cumulative[r] = sum += 1 / (r + 1);
  for (let r = 0; r < n; r++) cumulative[r] /= sum;
  return (u) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const zipfRank = zipf(VOCABULARY_SIZE);
