import type { CheckReport } from './check';

/**
 * What `npm run subgraph` uses: the registry's admin endpoint on a running gateway, with an admin's
 * sign-in token or a department's credential (both go as `Authorization: Bearer`). The CLI never
 * opens the database itself (the embedded one admits only the platform's connection).
 */
export class RegistryClient {
  constructor(
    private readonly gateway: string,
    private readonly token: string,
  ) {}

  /** Signs in with the `Login` operation and returns a client with that admin's token. */
  static async signIn(gateway: string, email: string, password: string): Promise<RegistryClient> {
    const res = await fetch(new URL('/graphql', gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token userErrors { message } } }',
        variables: { email, password },
      }),
    });
    const body = (await res.json()) as { data?: { login?: { token?: string; userErrors?: { message: string }[] } }; errors?: { message: string }[] };
    const token = body.data?.login?.token;
    if (!token) throw new Error(`cannot sign in as ${email}: ${body.data?.login?.userErrors?.[0]?.message ?? body.errors?.[0]?.message ?? res.status}`);
    return new RegistryClient(gateway, token);
  }

  async call<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T & { error?: { code: string; message: string }; report?: CheckReport } }> {
    const res = await fetch(new URL(path, this.gateway), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: { error: { code: `HTTP_${res.status}`, message: text.slice(0, 200) } } as never };
    }
  }
}

/** A check report as a person reads it in a terminal. */
export function formatReport(report: CheckReport): string {
  const lines: string[] = [];
  if (report.compositionErrors.length) {
    lines.push(`✗ Composition: ${report.compositionErrors.length} error(s)`);
    // Satisfiability errors spell out whole example queries; the first lines say what is wrong.
    for (const e of report.compositionErrors) lines.push(`  - ${e.split('\n').slice(0, 12).join('\n    ')}`);
    return lines.join('\n');
  }
  lines.push('✓ Composition: composes with the other subgraphs');
  const by = (level: string) => report.changes.filter((c) => c.level === level);
  lines.push(`${by('BREAKING').length ? '!' : '✓'} Schema changes: ${by('BREAKING').length} breaking, ${by('DANGEROUS').length} dangerous, ${by('SAFE').length} safe`);
  // Safe changes are only counted (`--json` lists them): additions would drown what matters.
  for (const c of report.changes.filter((c) => c.level !== 'SAFE')) lines.push(`  ${c.level.padEnd(9)} ${c.message}`);
  if (report.brokenOperations.length) {
    lines.push(`✗ Client operations: ${report.brokenOperations.length} would break`);
    for (const op of report.brokenOperations) lines.push(`  - ${op.name}: ${op.errors.join('; ')}`);
  } else {
    lines.push('✓ Client operations: none would break');
  }
  return lines.join('\n');
}
