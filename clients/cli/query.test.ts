import { ROOT } from '../../core/root';
import { DEMO_PASSWORD, gatewayUrl, gql, operation, tokenFor } from '../../test/graph';
import { runScript } from '../../test/run-script';
import { readCsv } from './csv-reader';

/** `npm run query -- …` as an analyst runs it: a child process talking to the gateway over HTTP. */
function query(args: string[], env: Record<string, string> = {}) {
  // INIT_CWD is what npm sets: relative file names are the caller's.
  return runScript('clients/cli/query.ts', [...args, '--url', gatewayUrl()], { ...process.env, INIT_CWD: ROOT, EGOV_EMAIL: '', EGOV_PASSWORD: '', ...env });
}

const DASHBOARD = 'clients/operations/analyst/DepartmentDashboard.graphql';
const VARS = JSON.stringify({ code: 'TAX', from: '2025-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
const ANALYST = ['--email', 'analyst@demo.gov', '--password', DEMO_PASSWORD];
const COLUMNS = [
  'department.id', 'department.code', 'department.name',
  'code', 'title', 'applicationStats.submitted', 'applicationStats.averageProcessingDays', 'applicationStats.overdue',
];
/** Where the live figures (applicationStats.*) start in a row. */
const STATS = COLUMNS.indexOf('applicationStats.submitted');

describe('npm run query', () => {
  /** The same query straight through the gateway: what the rows must say. */
  let expected: string[][];
  beforeAll(async () => {
    const r = await gql(operation('analyst/DepartmentDashboard'), JSON.parse(VARS), { token: await tokenFor('analyst@demo.gov') });
    const d = r.data.department;
    expected = d.procedures.edges.map(({ node }: { node: any }) =>
      [d.id, d.code, d.name, node.code, node.title, node.applicationStats.submitted, node.applicationStats.averageProcessingDays, node.applicationStats.overdue]
        .map((v) => (v === null ? '' : String(v))),
    );
    expect(expected.length).toBeGreaterThan(0);
  });

  it('turns DepartmentDashboard into CSV a spreadsheet reads: a header and one row per procedure', async () => {
    const r = await query([DASHBOARD, '--vars', VARS, '--format', 'csv', ...ANALYST]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [header, ...rows] = readCsv(r.stdout);
    expect(header).toEqual(COLUMNS);
    // Other files submit applications to TAX meanwhile, so the figures may have moved on since
    // `expected` was read: the rows and their names must match, the figures be numbers no smaller.
    expect(rows.map((row) => row.slice(0, STATS))).toEqual(expected.map((e) => e.slice(0, STATS)));
    rows.forEach((row, i) => {
      expect(row.slice(STATS)).toEqual(row.slice(STATS).map(() => expect.stringMatching(/^(\d+(\.\d+)?)?$/)));
      expect(Number(row[STATS])).toBeGreaterThanOrEqual(Number(expected[i][STATS]));
    });
  });

  it('prints JSON rows and a table; signs in from EGOV_EMAIL and EGOV_PASSWORD', async () => {
    const env = { EGOV_EMAIL: 'analyst@demo.gov', EGOV_PASSWORD: DEMO_PASSWORD };
    const [json, table] = await Promise.all([
      query([DASHBOARD, '--vars', VARS, '--format', 'json'], env),
      query([DASHBOARD, '--vars', VARS], env),
    ]);
    expect(json.status).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(Object.keys(rows[0])).toEqual(COLUMNS);
    expect(rows.map((row) => row.code)).toEqual(expected.map((e) => e[3]));
    expect(rows[0]['department.code']).toBe('TAX');

    expect(table.status).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(COLUMNS);
    expect(lines).toHaveLength(expected.length + 3); // header, rule, rows, count
    expect(lines.at(-1)).toBe(`(${expected.length} row${expected.length === 1 ? '' : 's'})`);
  });

  it('prints the GraphQL errors to stderr and exits 1', async () => {
    const [anonymous, wrongPassword] = await Promise.all([
      query([DASHBOARD, '--vars', VARS, '--format', 'csv']),
      query([DASHBOARD, '--vars', VARS, '--email', 'analyst@demo.gov', '--password', 'wrong-password-0']),
    ]);
    expect(anonymous.status).toBe(1);
    expect(anonymous.stdout).toBe('');
    expect(anonymous.stderr).toMatch(/^error \[[A-Z_]+\]/);
    expect(wrongPassword.status).toBe(1);
    expect(wrongPassword.stderr).toContain('cannot sign in as analyst@demo.gov');
  });

  it('refuses a wrong command line with exit 2 and the usage', async () => {
    const r = await query([DASHBOARD, '--format', 'xlsx']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format must be one of table, csv, json');
  });
});
