import { describe, expect, it } from 'vitest';
import { cjkQuery, hasCjk } from './cjk-search';

describe('cjkQuery', () => {
  it('turns a Chinese run into the phrase of its bigrams', () => {
    expect(cjkQuery('出生登记').trim()).toBe('"出生 生登 登记"');
    expect(cjkQuery('出生').trim()).toBe('出生');
    expect(cjkQuery('税').trim()).toBe('税');
  });
  it('keeps Latin words, exclusions, quotes and or', () => {
    expect(cjkQuery('online 出生登记').replace(/\s+/g, ' ').trim()).toBe('online "出生 生登 登记"');
    expect(cjkQuery('-出生登记').replace(/\s+/g, ' ').trim()).toBe('-"出生 生登 登记"');
    expect(cjkQuery('"出生登记 online"').replace(/\s+/g, ' ').trim()).toBe('" 出生 生登 登记 online"');
    expect(cjkQuery('出生 or 周六').replace(/\s+/g, ' ').trim()).toBe('出生 or 周六');
  });
  it('reads CJK punctuation as a space', () => {
    expect(cjkQuery('出生，周六。').replace(/\s+/g, ' ').trim()).toBe('出生 周六');
  });
  it('knows which text needs it', () => {
    expect(hasCjk('tax refund')).toBe(false);
    expect(hasCjk('退税 refund')).toBe(true);
  });
});
