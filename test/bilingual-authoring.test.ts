import { describe, expect, it } from 'vitest';
import { departmentId } from '../subgraphs/kit/demo';
import { gql, operation, tokenFor } from './graph';
import { createProcedure } from '../subgraphs/procedures/test-support';

/**
 * Editors and procedure owners write both languages, or one with the other left untranslated,
 * through the existing mutations' inputs; readers then get each field in their language or, where
 * it is untranslated, as written, and are told which.
 */
const zh = { 'x-egov-language': 'zh' };
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const READ_PUBLICATION = `query($id: ID!) { publication(id: $id) {
  title summary body language availableLanguages textLanguages { field language fallback } attachments { fileName } } }`;

describe('writing in two languages', () => {
  it('an editor writes a news item in Chinese with an English title only: the rest falls back, and says so', async () => {
    const editor = await tokenFor('editor.civil@demo.gov');
    const created = await gql(operation('officer/CreatePublication'), {
      input: {
        departmentId: departmentId('CIVIL'), kind: 'NEWS', language: 'ZH',
        title: `出生登记窗口周六开放 ${unique()}`, summary: '市民可于周六上午办理出生登记。', body: '由下月起，出生登记窗口逢周六上午九时至十二时开放。',
        translations: [{ language: 'EN', title: 'Birth registration counter opens on Saturdays' }],
      },
    }, { token: editor });
    expect(created.data.createPublication.userErrors).toEqual([]);
    const { id, slug } = created.data.createPublication.publication;
    expect(slug).toMatch(/^chu-sheng-deng-ji/);

    const en = await gql(READ_PUBLICATION, { id }, { token: editor });
    expect(en.data.publication).toMatchObject({
      title: 'Birth registration counter opens on Saturdays',
      summary: '市民可于周六上午办理出生登记。',
      language: 'ZH',
      availableLanguages: ['ZH'],
      textLanguages: [
        { field: 'title', language: 'EN', fallback: false },
        { field: 'summary', language: 'ZH', fallback: true },
        { field: 'body', language: 'ZH', fallback: true },
      ],
    });
    const cn = await gql(READ_PUBLICATION, { id }, { token: editor, headers: zh });
    expect(cn.data.publication.title).toMatch(/^出生登记窗口周六开放/);
    expect(cn.data.publication.textLanguages.every((t: any) => t.language === 'ZH' && !t.fallback)).toBe(true);

    // Translating the rest later makes it complete in English; `[]` marks it untranslated again.
    const update = 'mutation($input: UpdatePublicationInput!) { updatePublication(input: $input) { publication { availableLanguages summary } userErrors { code } } }';
    const full = await gql(update, { input: { id, translations: [{ language: 'EN', title: 'Birth registration counter opens on Saturdays', summary: 'Births can be registered on Saturday mornings.', body: 'From next month the counter opens on Saturdays, 9:00 to 12:00.' }] } }, { token: editor });
    expect(full.data.updatePublication).toEqual({ publication: { availableLanguages: ['EN', 'ZH'], summary: 'Births can be registered on Saturday mornings.' }, userErrors: [] });
    const none = await gql(update, { input: { id, translations: [] } }, { token: editor });
    expect(none.data.updatePublication.publication).toEqual({ availableLanguages: ['ZH'], summary: '市民可于周六上午办理出生登记。' });
  });

  it('a procedure owner writes a procedure and its steps in both languages', async () => {
    const officer = await tokenFor('officer.biz@demo.gov');
    const code = `BIZ-ZH-${unique()}`;
    const id = await createProcedure(officer, {
      department: 'BIZ', code, title: 'Street food permit', summary: 'Sell food from a van.', category: 'Business',
      eligibility: 'Licence holders.', legalBasis: 'Street Trading Ordinance, s. 4', processingTimeDays: 12, channels: ['IN_PERSON'],
      translations: [{ language: 'ZH', field: 'title', text: '流动小食车许可' }, { language: 'ZH', field: 'summary', text: '以小食车在公共地方售卖食物。' }],
      steps: [{ title: 'Apply', description: 'Describe the van.', translations: [{ language: 'ZH', field: 'title', text: '递交申请' }, { language: 'ZH', field: 'description', text: '说明小食车的情况。' }] }],
      faqs: [{ question: 'Can I sell drinks?', answer: 'Yes, non-alcoholic ones.' }],
    });
    const read = `query($code: String!) { procedure(code: $code) { title summary category availableLanguages steps { title description } faqs { question textLanguages { field fallback } } } }`;
    const cn = await gql(read, { code }, { headers: zh });
    expect(cn.data.procedure).toEqual({
      title: '流动小食车许可',
      summary: '以小食车在公共地方售卖食物。',
      category: 'Business',
      availableLanguages: ['EN'],
      steps: [{ title: '递交申请', description: '说明小食车的情况。' }],
      faqs: [{ question: 'Can I sell drinks?', textLanguages: [{ field: 'question', fallback: true }, { field: 'answer', fallback: true }] }],
    });
    // A translation of a field that has none, or in the written language, is refused with a code.
    const bad = await gql(
      `mutation($id: ID!, $input: UpdateProcedureInput!) { updateProcedure(id: $id, input: $input) { userErrors { field code } } }`,
      { id, input: { translations: [{ language: 'EN', field: 'title', text: 'x' }, { language: 'ZH', field: 'code', text: 'x' }] } },
      { token: officer },
    );
    expect(bad.data.updateProcedure.userErrors).toEqual([
      { field: 'input.translations.0.language', code: 'SAME_LANGUAGE' },
      { field: 'input.translations.1.field', code: 'UNKNOWN_FIELD' },
    ]);
  });
});
