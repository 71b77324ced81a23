import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, resolveLanguage } from './language';

describe('the reader’s language', () => {
  it('reads Accept-Language by weight, region and wildcard', () => {
    expect(fromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(fromAcceptLanguage('zh-Hant-HK')).toBe('zh');
    expect(fromAcceptLanguage('en;q=0.4, zh-TW;q=0.7')).toBe('zh');
    expect(fromAcceptLanguage('fr-FR, en;q=0.5')).toBe('en');
    expect(fromAcceptLanguage('zh;q=0, en;q=0.1')).toBe('en');
    expect(fromAcceptLanguage('fr, de')).toBeNull();
    expect(fromAcceptLanguage('*')).toBe('en');
    expect(fromAcceptLanguage(';;;,q=,zh;q=abc')).not.toBe('fr');
    expect(fromAcceptLanguage('')).toBeNull();
  });

  it('takes the explicit choice first: ?lang=, then the header, then Accept-Language, then English', () => {
    expect(resolveLanguage('zh', 'en', 'en')).toBe('zh');
    expect(resolveLanguage(undefined, 'zh', 'en')).toBe('zh');
    expect(resolveLanguage(['zh', 'en'], undefined, 'en')).toBe('zh');
    expect(resolveLanguage('klingon', undefined, 'zh-SG')).toBe('zh');
    expect(resolveLanguage(undefined, undefined, undefined)).toBe('en');
    expect(resolveLanguage({ $ne: 1 }, 42, ['fr'])).toBe('en');
  });
});
