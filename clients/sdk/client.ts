import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { documentIds as generatedIds } from './generated';

/**
 * A small typed GraphQL client for the platform's gateway: give it a document from `./generated`
 * and it checks the variables and types the result. Works in browsers, React Native and Node 20
 * (it only needs `fetch`).
 */
export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The sign-in token from `login`/`register`; a function is asked before every request. */
  token?: string | null | (() => string | null | undefined);
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Persisted ids per document; defaults to the SDK's (`false`: always send the full text). */
  documentIds?: ReadonlyMap<DocumentNode, string> | false;
  /** A `fetch` to use instead of the global one (tests, retries, instrumentation). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Which operation to run when the document holds several. */
  operationName?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Variables may be left out when the operation has none or all are optional. */
type Args<TVariables> = {} extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : [variables: TVariables, options?: RequestOptions];

/**
 * The request failed: GraphQL errors in the response (`errors`, each with a stable
 * `extensions.code`), or an HTTP answer that is not GraphQL. Partial `data`, if any, is kept.
 */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  constructor(
    readonly errors: readonly GraphQLFormattedError[],
    readonly status: number,
    readonly data?: unknown,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
  }
  /** The errors' `extensions.code`s, e.g. `['UNAUTHENTICATED']`. */
  get codes(): string[] {
    return this.errors.map((e) => String(e.extensions?.code ?? ''));
  }
}

export interface Client {
  execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, ...args: Args<TVariables>): Promise<TData>;
  /** The same client with another token (after signing in or out). */
  withToken(token: ClientOptions['token']): Client;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

const texts = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode) => {
  let text = texts.get(document);
  if (!text) texts.set(document, (text = print(document)));
  return text;
};
const operationNameOf = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')?.name?.value;

/** The gateway does not know the id (an older or newer manifest): send the text instead. */
const unknownId = (status: number, body: GraphQLResponse) =>
  (body.errors ?? []).some(
    (e) =>
      e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' ||
      e.extensions?.code === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
      (status === 400 && /non-empty `query`/.test(e.message)),
  );

export function createClient(options: ClientOptions): Client {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const ids = options.documentIds === false ? undefined : (options.documentIds ?? generatedIds);

  async function post(payload: Record<string, unknown>, request: RequestOptions = {}) {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const res = await doFetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
        ...request.headers,
      },
      body: JSON.stringify(payload),
      signal: request.signal,
    });
    const text = await res.text();
    let body: GraphQLResponse;
    try {
      body = JSON.parse(text) as GraphQLResponse;
    } catch {
      body = { errors: [{ message: `HTTP ${res.status}: the gateway did not answer with GraphQL (${text.slice(0, 200)})` }] };
    }
    return { status: res.status, body };
  }

  async function execute(document: DocumentNode, variables?: Record<string, unknown>, request: RequestOptions = {}) {
    const operationName = request.operationName ?? operationNameOf(document);
    const id = ids?.get(document);
    let answer;
    if (id) {
      // A persisted operation: the id only. The APQ extension makes an unknown id a clean
      // PERSISTED_QUERY_NOT_FOUND rather than "no query".
      answer = await post(
        { documentId: `sha256:${id}`, operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } },
        request,
      );
      if (unknownId(answer.status, answer.body)) answer = undefined;
    }
    answer ??= await post({ query: textOf(document), operationName, variables }, request);
    const { status, body } = answer;
    if (body.errors?.length || body.data == null) {
      throw new GraphQLRequestError(body.errors ?? [{ message: `HTTP ${status}: no data` }], status, body.data);
    }
    return body.data;
  }

  return {
    execute: execute as Client['execute'],
    withToken: (token) => createClient({ ...options, token }),
  };
}
