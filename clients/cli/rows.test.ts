import { toTable } from './rows';
import { toCsv, toJson, toTextTable } from './format';
import { readCsv } from './csv-reader';

const dashboard = {
  department: {
    id: 'd1',
    code: 'TAX',
    name: 'Revenue, "Taxation" Bureau',
    publications: { totalCount: 3 },
    procedures: {
      totalCount: 2,
      edges: [
        { node: { code: 'TAX-1', title: '个人所得税', applicationStats: { submitted: 4, averageProcessingDays: 2.5, overdue: 0 } } },
        { node: { code: 'TAX-2', title: 'Line\nbreak', applicationStats: { submitted: 0, averageProcessingDays: null, overdue: 1 } } },
      ],
    },
    applicationStats: { submitted: 4, byStatus: [{ status: 'SUBMITTED', count: 4 }] },
  },
};

describe('rows from a result', () => {
  it('takes the first list (a connection’s nodes), with dotted columns and the parents’ fields', () => {
    const table = toTable(dashboard);
    expect(table.source).toBe('department.procedures.edges.node');
    expect(table.columns).toEqual([
      'department.id', 'department.code', 'department.name',
      'code', 'title', 'applicationStats.submitted', 'applicationStats.averageProcessingDays', 'applicationStats.overdue',
    ]);
    expect(table.rows[1]).toMatchObject({ code: 'TAX-2', 'department.code': 'TAX', 'applicationStats.averageProcessingDays': null });
  });

  it('takes the list a path names, or the whole result as one row', () => {
    const byStatus = toTable(dashboard, { rows: 'department.applicationStats.byStatus' });
    expect(byStatus.rows).toEqual([{ 'department.id': 'd1', 'department.code': 'TAX', 'department.name': dashboard.department.name, 'department.applicationStats.submitted': 4, status: 'SUBMITTED', count: 4 }]);
    const one = toTable(dashboard, { single: true });
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0]['department.publications.totalCount']).toBe(3);
    expect(JSON.parse(String(one.rows[0]['department.applicationStats.byStatus']))).toEqual([{ status: 'SUBMITTED', count: 4 }]);
    expect(toTable({ me: { roles: ['A', 'B'], department: null } }).rows).toEqual([{ 'me.roles': 'A; B', 'me.department': null }]);
    expect(() => toTable(dashboard, { rows: 'department.nothing' })).toThrow(/no such field/);
  });
});

describe('formats', () => {
  const table = toTable(dashboard);
  it('writes RFC 4180 CSV that reads back', () => {
    const csv = toCsv(table);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = readCsv(csv);
    expect(records[0]).toEqual(table.columns);
    expect(records.slice(1).map((r) => r[3])).toEqual(['TAX-1', 'TAX-2']);
    expect(records[1][2]).toBe('Revenue, "Taxation" Bureau');
    expect(records[2][4]).toBe('Line\nbreak');
    expect(records[1][4]).toBe('个人所得税');
    expect(records[2][6]).toBe(''); // null
    expect(toCsv(table, { bom: true }).startsWith('\uFEFFdepartment.id,')).toBe(true);
  });

  it('writes JSON rows and an aligned table', () => {
    expect(JSON.parse(toJson(table))[1]).toMatchObject({ code: 'TAX-2', 'applicationStats.averageProcessingDays': null });
    const lines = toTextTable(table).split('\n');
    expect(lines[0]).toMatch(/^department\.id\s+department\.code/);
    expect(lines[1]).toMatch(/^-+\s+-+/);
    expect(lines[2]).toContain('个人所得税');
    expect(lines[3]).toContain('Line break'); // one line per row
    expect(lines.at(-2)).toBe('(2 rows)');
  });
});
