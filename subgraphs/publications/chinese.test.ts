import { describe, expect, it } from 'vitest';
import { gql } from '../../test/graph';
import { createPublished } from './test-helpers';

const SEARCH = `query($text: String!, $first: Int) {
  searchPublications(text: $text, first: $first) { totalCount edges { node { id slug title } } }
}`;

/** A word no other test uses, in Chinese, so these tests own their matches. */
const hanzi = () => {
  const pool = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
  return Array.from({ length: 4 }, () => pool[Math.floor(Math.random() * pool.length)]).join('');
};

describe('a publication written in Chinese', () => {
  it('is found by any word of its title, not only by the whole title', async () => {
    const tag = hanzi();
    const p = await createPublished('CIVIL', { title: `${tag}出生登记窗口周六开放`, summary: '在职父母可于周六上午办理。', body: '详情请致电查询。' });
    for (const word of [tag, '出生', '周六', '登记窗口', `${tag} 出生`]) {
      const r = await gql(SEARCH, { text: word, first: 100 });
      const ids = r.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(ids, word).toContain(p.id);
    }
    // Characters in another order are another word.
    const none = await gql(SEARCH, { text: [...tag].reverse().join('') + '窗登', first: 100 });
    expect(none.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(p.id);
  });

  it('ranks a title match first, and excludes with -', async () => {
    const tag = hanzi();
    const inBody = await createPublished('TAX', { title: '另一则消息', summary: `${tag}${tag}`, body: `${tag} `.repeat(10) });
    const inTitle = await createPublished('TAX', { title: `关于${tag}的通知`, summary: '无', body: '无' });
    const r = await gql(SEARCH, { text: tag, first: 5 });
    expect(r.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([inTitle.id, inBody.id]);
    const without = await gql(SEARCH, { text: `${tag} -通知`, first: 5 });
    expect(without.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([inBody.id]);
  });

  it('gets a readable address in pinyin, unique among publications', async () => {
    const tag = `${Date.now().toString(36)}`;
    const a = await createPublished('CIVIL', { title: `出生登记窗口周六开放 ${tag}` });
    const b = await createPublished('CIVIL', { title: `出生登记窗口周六开放 ${tag}` });
    expect(a.slug).toBe(`chu-sheng-deng-ji-chuang-kou-zhou-liu-kai-fang-${tag}`);
    expect(b.slug).toBe(`${a.slug}-2`);
  });
});
