import { demoId, departmentId } from '../../kit/demo';
import type { Db } from './tables';

/** A few demo routes of the Department of Transport with notices; does nothing when routes exist. */
export async function seedTransport(db: Db): Promise<void> {
  if (await db.selectFrom('routes').select('id').limit(1).executeTakeFirst()) return;
  const dept = departmentId('TRANSPORT');
  const routes = [
    { code: '12', name: 'Harbour – University', mode: 'BUS' as const, headway_minutes: 10 },
    { code: 'T3', name: 'Old Town – Riverside', mode: 'TRAM' as const, headway_minutes: 7 },
    { code: 'RE5', name: 'Central Station – Airport', mode: 'RAIL' as const, headway_minutes: 30 },
    { code: 'F1', name: 'Pier – Island', mode: 'FERRY' as const, headway_minutes: null },
  ].map((r) => ({ ...r, id: demoId('transport-route', r.code), department_id: dept }));
  await db.insertInto('routes').values(routes).execute();
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  await db
    .insertInto('notices')
    .values([
      {
        id: demoId('transport-notice', 'T3-works'),
        route_id: demoId('transport-route', 'T3'),
        title: 'Stop Market Square closed',
        body: 'Track works: trams do not stop at Market Square. Use Town Hall, 300 m away.',
        severity: 'DISRUPTION',
        starts_at: new Date(now - day),
        ends_at: new Date(now + 14 * day),
      },
      {
        id: demoId('transport-notice', 'F1-weather'),
        route_id: demoId('transport-route', 'F1'),
        title: 'Ferry timetable in winter',
        body: 'From December the ferry runs every two hours. Check the timetable before you travel.',
        severity: 'INFO',
        starts_at: new Date(now + 3 * day),
        ends_at: null,
      },
    ])
    .execute();
}
