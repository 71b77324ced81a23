import { parse, print, visit } from 'graphql';
import { expect } from 'vitest';
import { departmentId } from '../kit/demo';
import { gql, operation, tokenFor, type GraphResponse } from '../../test/graph';

/** Helpers for this subgraph's tests: each test makes its own publications, tagged with its own topic. */
export const uniqueTopic = (label: string) => `t-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export const editorOf = (code: string) => tokenFor(`editor.${code.toLowerCase()}@demo.gov`);

export async function createDraft(
  code: string,
  input: { title: string; kind?: string; summary?: string; body?: string; topics?: string[]; attachmentIds?: string[] },
) {
  const r = await gql(
    operation('officer/CreatePublication'),
    { input: { kind: 'NEWS', summary: 'A test item.', body: 'Body text.', ...input, departmentId: departmentId(code) } },
    { token: await editorOf(code) },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data.createPublication.userErrors).toEqual([]);
  return r.data.createPublication.publication as { id: string; slug: string; kind: string; status: string; title: string };
}

export async function publish(code: string, id: string, at?: Date) {
  const r = await gql(operation('officer/PublishPublication'), { id, at: at?.toISOString() }, { token: await editorOf(code) });
  expect(r.errors).toBeUndefined();
  expect(r.data.publishPublication.userErrors).toEqual([]);
  return r.data.publishPublication.publication as { id: string; slug: string; status: string; publishedAt: string };
}

export async function createPublished(code: string, input: Parameters<typeof createDraft>[1]) {
  const draft = await createDraft(code, input);
  return { ...draft, ...(await publish(code, draft.id)) };
}

const LIST = `query($filter: PublicationFilter, $first: Int, $after: String) {
  publications(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id slug kind publishedAt } } pageInfo { hasNextPage endCursor }
  }
}`;

/** Every public item matching a filter, page by page. */
export async function listAll(filter: Record<string, unknown> | null, first = 100, between?: () => Promise<void>) {
  const seen: { id: string; slug: string; kind: string; publishedAt: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GraphResponse = await gql(LIST, { filter, first, after });
    expect(r.errors).toBeUndefined();
    seen.push(...r.data.publications.edges.map((e: { node: (typeof seen)[number] }) => e.node));
    if (!r.data.publications.pageInfo.hasNextPage) return seen;
    after = r.data.publications.pageInfo.endCursor;
    await between?.();
  }
}

/**
 * A contract operation minus the fields another subgraph (built in parallel) provides, found by
 * response name (alias or field name) so the rest stays exactly as written.
 */
export function withoutFields(document: string, ...responseNames: string[]): string {
  return print(
    visit(parse(document), {
      Field: (node) => (responseNames.includes(node.alias?.value ?? node.name.value) ? null : undefined),
    }),
  );
}
