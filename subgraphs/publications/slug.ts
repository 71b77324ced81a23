import slugify from '@sindresorhus/slugify';
import { pinyin } from 'pinyin-pro';
import { hasCjk } from '../kit/cjk-search';

/** Longest slug, in characters. */
export const SLUG_LENGTH = 80;

/**
 * The readable address of a title: Latin titles as words (`road-works-on-station-square`),
 * Chinese ones in pinyin without tones (`出生登记窗口周六开放` → `chu-sheng-deng-ji-chuang-kou-zhou-liu-kai-fang`),
 * which a Chinese reader recognises and any browser, log or mail client keeps intact.
 * pinyin-pro (maintained, dictionary-based) reads polyphonic characters from their word (`银行`
 * → `yin-hang`, not `yin-xing`); Latin words and digits in a Chinese title stay as they are.
 * Made once, when a publication is created, and never again: a link keeps working after the
 * title is corrected or translated.
 */
export function publicationSlug(title: string): string {
  const latin = hasCjk(title) ? pinyin(title, { toneType: 'none', nonZh: 'consecutive' }).replace(/ü/g, 'u') : title;
  return slugify(latin).slice(0, SLUG_LENGTH).replace(/-+$/, '') || 'publication';
}
