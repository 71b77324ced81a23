import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { departmentId } from '../subgraphs/kit/demo';
import { LICENCE, validForm } from '../subgraphs/applications/test-support';
import { gql, newCitizen, operation, tokenFor } from './graph';

/**
 * Messages in the reader's language, through the gateway: every GraphQL error and every userError
 * keeps its stable code (and parameters); the words follow the request's language.
 */
const zh = { headers: { 'x-egov-language': 'zh' } };
const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe('messages in the reader’s language', () => {
  it('says a GraphQL error in Chinese, with the same code', async () => {
    const input = { departmentId: departmentId('CIVIL'), kind: 'NEWS', title: 'x' };
    const en = await gql(operation('officer/CreatePublication'), { input });
    const cn = await gql(operation('officer/CreatePublication'), { input }, zh);
    expect(en.errors?.[0]).toMatchObject({ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(cn.errors?.[0]).toMatchObject({ message: '请先登录。', extensions: { code: 'UNAUTHENTICATED' } });
    // A record not found says what it looked for, as a parameter.
    const missing = await gql('mutation($id: ID!) { archivePublication(id: $id) { userErrors { code } } }', { id: randomUUID() }, {
      token: await tokenFor('editor.civil@demo.gov'),
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(missing.errors?.[0]).toMatchObject({ message: '找不到该记录。', extensions: { code: 'NOT_FOUND', params: { what: 'Publication' } } });
  });

  it('says the gateway’s own refusals in Chinese', async () => {
    const costly = `{ publications(first: 100) { edges { node { department { publications(first: 100) { edges { node { department { publications(first: 100) { edges { node { id } } } } } } } } } } } }`;
    const en = await gql(costly);
    const r = await gql(costly, {}, zh);
    expect(r.errors?.[0].extensions?.code).toBe(en.errors?.[0].extensions?.code);
    expect(['COST_LIMIT', 'DEPTH_LIMIT']).toContain(r.errors?.[0].extensions?.code);
    expect(hasHan(r.errors![0].message)).toBe(true);
    expect(hasHan(en.errors![0].message)).toBe(false);
  });

  it('gives userErrors a code, parameters and words in the reader’s language', async () => {
    const editor = await tokenFor('editor.civil@demo.gov');
    const input = {
      departmentId: departmentId('CIVIL'),
      kind: 'NEWS',
      title: 't'.repeat(201),
      language: 'ZH',
      translations: [{ language: 'ZH', title: '同一种语言' }],
    };
    const q = 'mutation($input: CreatePublicationInput!) { createPublication(input: $input) { publication { id } userErrors { field code message params { name value } } } }';
    const en = await gql(q, { input }, { token: editor });
    const cn = await gql(q, { input }, { token: editor, ...zh });
    expect(en.data.createPublication.userErrors).toEqual([
      { field: 'input.title', code: 'INVALID_TITLE', message: 'Enter a title of 1 to 200 characters.', params: [{ name: 'max', value: '200' }] },
      { field: 'input.translations.0.language', code: 'SAME_LANGUAGE', message: 'A translation must be in the language the text is not written in.', params: [{ name: 'language', value: 'ZH' }] },
    ]);
    expect(cn.data.createPublication.userErrors).toEqual([
      { field: 'input.title', code: 'INVALID_TITLE', message: '请输入 1 到 200 个字符的标题。', params: [{ name: 'max', value: '200' }] },
      { field: 'input.translations.0.language', code: 'SAME_LANGUAGE', message: '译文的语言必须与原文不同。', params: [{ name: 'language', value: 'ZH' }] },
    ]);
  });

  it('checks an application form in Chinese: what is missing, what has the wrong format or value', async () => {
    const citizen = await newCitizen('zh-form');
    const form = validForm() as any;
    const formData = { ...form, applicant: { ...form.applicant, email: 'not an email' } };
    delete formData.businessName;
    formData.employees = -3;
    const r = await gql(operation('web/SubmitApplication'), { input: { procedureId: LICENCE.id, formData, idempotencyKey: randomUUID() } }, { token: citizen.token, ...zh });
    const errors = r.data.submitApplication.userErrors as { field: string; code: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'formData.businessName', code: 'REQUIRED', message: '此项为必填项。' },
        { field: 'formData.applicant.email', code: 'INVALID_FORMAT', message: '请输入有效的电子邮箱地址。' },
      ]),
    );
    expect(errors.every((e) => hasHan(e.message))).toBe(true);
  });
});
