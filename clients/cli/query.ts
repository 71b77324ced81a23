import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { createClient, GraphQLRequestError, LoginDocument } from '../sdk/index';
import { toTable } from './rows';
import { FORMATS, render, type Format } from './format';

const USAGE = `Usage: npm run -s query -- <file.graphql> [options]

Runs a GraphQL query through the gateway and prints its rows (see clients/README.md).

  --vars '<json>'       variables, e.g. '{"code":"TAX"}'
  --format <f>          table (default), csv or json
  --rows <path>         which list becomes the rows, e.g. department.applicationStats.byStatus
                        (default: the first list in the result; none: the whole result is one row)
  --operation <name>    which operation, when the file holds several
  --url <url>           the gateway (default $EGOV_URL or http://127.0.0.1:4000/graphql)
  --email <email>       sign in as (default $EGOV_EMAIL; anonymous when none)
  --password <pw>       (default $EGOV_PASSWORD)
  --bom                 start CSV with a UTF-8 byte-order mark (for Excel)

Exit status: 0 with rows on stdout; 1 when the graph answers with errors (printed to stderr)
or cannot be reached; 2 for a wrong command line.`;

/** A wrong command line: exit 2 with the usage. */
class UsageError extends Error {}

function printErrors(errors: readonly GraphQLFormattedError[]) {
  for (const e of errors) {
    const code = e.extensions?.code ? ` [${String(e.extensions.code)}]` : '';
    const at = e.path?.length ? ` at ${e.path.join('.')}` : '';
    console.error(`error${code}${at}: ${e.message}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      vars: { type: 'string' },
      format: { type: 'string', default: 'table' },
      rows: { type: 'string' },
      operation: { type: 'string' },
      url: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      bom: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one .graphql file');
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  let variables: Record<string, unknown> = {};
  if (values.vars) {
    try {
      variables = JSON.parse(values.vars) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`--vars is not JSON: ${(err as Error).message}`);
    }
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new UsageError('--vars must be a JSON object');
  }
  // npm runs scripts in the package root; a relative path means the caller's directory.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
  let document: DocumentNode;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`${positionals[0]}: ${(err as Error).message}`);
    return 1;
  }

  const url = values.url ?? process.env.EGOV_URL ?? 'http://127.0.0.1:4000/graphql';
  const email = values.email ?? process.env.EGOV_EMAIL;
  const password = values.password ?? process.env.EGOV_PASSWORD;
  if (email && !password) throw new UsageError('a password is needed with an email (--password or $EGOV_PASSWORD)');
  let client = createClient({ url });
  if (email) {
    const { login } = await client.execute(LoginDocument, { email, password: password! });
    if (!login.token) {
      const problems = login.userErrors.map((e) => e.message).join('; ') || 'no token';
      console.error(`cannot sign in as ${email}: ${problems}`);
      return 1;
    }
    client = client.withToken(login.token);
  }

  const data = await client.execute(document, variables, { operationName: values.operation });
  const table = toTable(data, values.rows === 'none' ? { single: true } : { rows: values.rows });
  process.stdout.write(render(table, format, { bom: values.bom }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (err instanceof GraphQLRequestError) {
      printErrors(err.errors);
      process.exitCode = 1;
    } else {
      // fetch's own message is just "fetch failed"; the cause says why (ECONNREFUSED, bad port…).
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message;
      console.error(`query failed: ${(err as Error).message}${why ? ` (${why})` : ''}`);
      process.exitCode = 1;
    }
  },
);
