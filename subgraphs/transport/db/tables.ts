import type { Kysely } from 'kysely';

/** The transport subgraph's tables, in its own `transport` schema. */
export interface RouteTable {
  id: string;
  code: string;
  name: string;
  mode: 'BUS' | 'TRAM' | 'RAIL' | 'FERRY';
  headway_minutes: number | null;
  department_id: string;
}

export interface NoticeTable {
  id: string;
  route_id: string;
  title: string;
  body: string;
  severity: 'INFO' | 'DISRUPTION' | 'SUSPENDED';
  starts_at: Date;
  ends_at: Date | null;
}

export interface TransportDB {
  routes: RouteTable;
  notices: NoticeTable;
}

export type Db = Kysely<TransportDB>;
export type RouteRow = RouteTable;
export type NoticeRow = NoticeTable & { department_id?: string };
