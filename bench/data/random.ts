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

  words(list: readonly string[], n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(list));
    return out.join(' ');
  }
}

export const WORDS = [
  'city', 'council', 'housing', 'permit', 'tax', 'school', 'road', 'transport', 'budget', 'health', 'water', 'energy',
  'licence', 'registration', 'business', 'park', 'library', 'waste', 'recycling', 'safety', 'police', 'fire', 'youth',
  'pension', 'benefit', 'childcare', 'employment', 'training', 'culture', 'museum', 'harbour', 'bridge', 'railway',
  'bicycle', 'parking', 'noise', 'air', 'quality', 'flood', 'climate', 'digital', 'service', 'citizen', 'election',
  'consultation', 'zoning', 'planning', 'inspection', 'refund', 'payment', 'deadline', 'office', 'hours', 'holiday',
  'vaccination', 'hospital', 'clinic', 'marriage', 'birth', 'residence', 'passport', 'identity', 'vehicle', 'driving',
] as const;

export const TOPICS = ['housing', 'transport', 'tax', 'health', 'education', 'environment', 'business', 'safety', 'culture', 'digital'] as const;
