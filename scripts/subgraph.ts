import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, RegistryClient } from '../registry/cli-client';
import { scaffold } from '../registry/scaffold';
import { ROOT } from '../core/root';

const USAGE = `npm run subgraph -- <command> [options]

  new <name>                                        scaffold subgraphs/<name>/
  check    --name <n> --schema <file> [--url <u>]   compose with the others, list changes and broken client operations
  publish  --name <n> --schema <file> --url <u>     check, then store and serve it (every gateway within seconds)
  rollback --name <n> [--version <v>]               make an earlier version current again (default: the previous one)
  list                                              the subgraphs the gateway serves, with their versions
  history  --name <n>                               every version of one subgraph

  Admins only:
  credential  --name <n>                            issue a department a credential for subgraph <n> (shown once)
  credentials [--name <n>]                          the credentials issued, revoked ones too (never the credentials)
  revoke      --name <n> --id <id>                  revoke one; it stops working with the next request

  Every command but \`new\` talks to a running gateway:
  --gateway <url>      (EGOV_GATEWAY, default http://127.0.0.1:4000)
  --credential <c>     (EGOV_CREDENTIAL) a department's credential: check, publish, rollback, list
                       and history of its own subgraph only; no sign-in
  --token <jwt>        (EGOV_TOKEN), or --email/--password (EGOV_EMAIL/EGOV_PASSWORD) to sign in as an admin
  --json               print the gateway's answer as JSON

  Exit codes: 0 ok; 1 the check failed (composition, or client operations would break); 2 usage or access.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    schema: { type: 'string' },
    url: { type: 'string' },
    version: { type: 'string' },
    id: { type: 'string' },
    credential: { type: 'string' },
    gateway: { type: 'string' },
    token: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const fail = (message: string, code = 2): never => {
  console.error(message);
  process.exit(code);
};
const need = (key: 'name' | 'schema' | 'url' | 'id') => values[key] ?? fail(`--${key} is required\n\n${USAGE}`);

async function client(): Promise<RegistryClient> {
  const gateway = values.gateway ?? process.env.EGOV_GATEWAY ?? 'http://127.0.0.1:4000';
  // Flags beat variables; of two flags (or two variables) the credential wins: it needs no sign-in.
  const bearer = values.credential ?? values.token ?? process.env.EGOV_CREDENTIAL ?? process.env.EGOV_TOKEN;
  if (bearer) return new RegistryClient(gateway, bearer);
  const email = values.email ?? process.env.EGOV_EMAIL;
  const password = values.password ?? process.env.EGOV_PASSWORD;
  if (!email || !password) return fail("A department: --credential (EGOV_CREDENTIAL). An admin: --token, or --email and --password (EGOV_EMAIL, EGOV_PASSWORD).");
  return RegistryClient.signIn(gateway, email, password).catch((e: Error) => fail(e.message));
}

/** Prints the answer; a refusal exits 1 when it is the check's verdict, 2 otherwise. */
function show(r: Awaited<ReturnType<RegistryClient['call']>>, ok: (body: any) => string): void {
  if (values.json) console.log(JSON.stringify(r.body, null, 2));
  if (r.body.error) {
    if (!values.json) {
      if (r.body.report) console.log(formatReport(r.body.report));
      console.error(`\n${r.body.error.code}: ${r.body.error.message}`);
    }
    process.exit(r.body.error.code === 'CHECK_FAILED' || r.body.error.code === 'COMPOSITION_FAILED' ? 1 : 2);
  }
  if (!values.json) console.log(ok(r.body));
}

const [command, arg] = positionals;
switch (command) {
  case 'new': {
    if (!arg) fail(`new needs a name\n\n${USAGE}`);
    const files = await scaffold(arg!, path.join(ROOT, 'subgraphs'));
    console.log(
      `Created subgraphs/${arg}/ (${files.length} files). Next:\n` +
        `  npm run codegen -- ${arg}   (after each change to its schema.graphql or codegen.ts)\n` +
        `  npx vitest run subgraphs/${arg}\n` +
        `  SUBGRAPH_NAME=${arg} IDENTITY_JWKS_URL=http://127.0.0.1:4100/.well-known/jwks.json SUBGRAPH_PORT=4010 npx tsx subgraphs/${arg}/index.ts\n` +
        `  EGOV_CREDENTIAL=<your credential> npm run subgraph -- check --name ${arg} --schema subgraphs/${arg}/schema.graphql`,
    );
    break;
  }
  case 'check': {
    const r = await (await client()).call('POST', '/admin/subgraphs/check', { name: need('name'), url: values.url, schema: readFileSync(need('schema'), 'utf8') });
    show(r, formatReport);
    if (!r.body.ok) process.exit(1);
    break;
  }
  case 'publish': {
    const r = await (await client()).call('POST', '/admin/subgraphs', { name: need('name'), url: need('url'), schema: readFileSync(need('schema'), 'utf8') });
    show(r, (b) => `${formatReport(b.report)}\n\n${b.changed ? `Published ${b.subgraph.name} version ${b.subgraph.version}` : `${b.subgraph.name} version ${b.subgraph.version} is already current; nothing stored`}; supergraph ${b.supergraphVersion}.`);
    break;
  }
  case 'rollback': {
    const version = values.version === undefined ? undefined : Number(values.version);
    const r = await (await client()).call('POST', `/admin/subgraphs/${encodeURIComponent(need('name'))}/rollback`, { version });
    show(r, (b) => `${b.subgraph.name} is at version ${b.subgraph.version} again; supergraph ${b.supergraphVersion}.`);
    break;
  }
  case 'list': {
    const r = await (await client()).call('GET', '/admin/subgraphs');
    show(r, (b) => [`supergraph ${b.supergraphVersion}`, ...b.subgraphs.map((s: any) => `  ${s.name.padEnd(16)} v${String(s.version).padEnd(4)} ${s.url}  (${s.publishedAt} by ${s.publishedBy})`)].join('\n'));
    break;
  }
  case 'history': {
    const r = await (await client()).call('GET', `/admin/subgraphs/${encodeURIComponent(need('name'))}/history`);
    show(r, (b) => [`${b.name} (current: v${b.currentVersion ?? '-'})`, ...b.versions.map((v: any) => `  ${v.version === b.currentVersion ? '*' : ' '} v${String(v.version).padEnd(4)} ${v.url}  ${v.publishedAt} by ${v.publishedBy}`)].join('\n'));
    break;
  }
  case 'credential': {
    const name = need('name');
    const r = await (await client()).call('POST', `/admin/subgraphs/${encodeURIComponent(name)}/credentials`);
    show(r, (b) => b.credential);
    // Only the credential on stdout, so a script can capture it; what to do with it on stderr.
    if (!values.json) {
      console.error(
        `\nThe credential for ${name} (id ${r.body.id}), shown only now: the registry keeps only its hash.\n` +
          `Give it to the ${name} department over a channel only they read. They run, without any password:\n` +
          `  EGOV_CREDENTIAL=<credential> npm run subgraph -- publish --name ${name} --schema <file> --url <url>\n` +
          `Revoke it: npm run subgraph -- revoke --name ${name} --id ${r.body.id}`,
      );
    }
    break;
  }
  case 'credentials': {
    const r = await (await client()).call('GET', values.name ? `/admin/subgraphs/${encodeURIComponent(values.name)}/credentials` : '/admin/credentials');
    show(r, (b) =>
      b.credentials.length
        ? b.credentials.map((c: any) => `  ${c.subgraph.padEnd(16)} ${c.id}  issued ${c.issuedAt} by ${c.issuedBy}${c.revokedAt ? `; revoked ${c.revokedAt} by ${c.revokedBy}` : ''}`).join('\n')
        : 'No credentials issued.',
    );
    break;
  }
  case 'revoke': {
    const name = need('name');
    const r = await (await client()).call('DELETE', `/admin/subgraphs/${encodeURIComponent(name)}/credentials/${encodeURIComponent(need('id'))}`);
    show(r, (b) => `Credential ${b.id} of ${b.subgraph} is revoked (${b.revokedAt} by ${b.revokedBy}).`);
    break;
  }
  default:
    console.log(USAGE);
    process.exit(values.help || !command ? 0 : 2);
}
