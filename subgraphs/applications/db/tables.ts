import type { EventOutboxTable } from '../../kit/event-outbox';
import type { Generated, Kysely } from 'kysely';
import type { TrackingCounterTable } from '../../kit/tracking-numbers';
import type { Status } from '../state-machine';

/** The applications subgraph's tables, in its own `applications` schema. */
export interface ApplicationTable {
  id: string;
  tracking_number: string;
  procedure_id: string;
  /** The procedure's department at submission: the queue and authorization need it without asking the graph. */
  department_id: string;
  applicant_id: string;
  idempotency_key: string;
  form_data: unknown;
  form_version: number;
  status: Status;
  version: Generated<number>;
  submitted_at: Date;
  due_at: Date;
  decided_at: Date | null;
  /** When the current supplement request was made; the wait is added to due_at when the citizen answers. */
  supplement_requested_at: Date | null;
  /** The calendar due_at was counted in (migration 0006); null before calendars existed. */
  due_calendar?: DueCalendar | null;
}

/** What an application's due date says it counted. */
export interface DueCalendar {
  jurisdiction: string | null;
  timeZone: string;
  description: string;
}

export interface DepartmentCalendarTable {
  department_id: string;
  jurisdiction: string | null;
  time_zone: string;
}

export interface CalendarDayTable {
  department_id: string;
  /** `YYYY-MM-DD` (a date column, read as text). */
  day: string;
  kind: 'HOLIDAY' | 'WORKDAY';
  name: string;
}

export interface HistoryTable {
  id: Generated<number>;
  application_id: string;
  at: Date;
  from_status: Status | null;
  to_status: Status;
  comment: string | null;
  actor_id: string;
}

/** A citizen's supporting document attached to an application (migration 0005). */
export interface SupportingDocumentTable {
  file_id: string;
  application_id: string;
  requirement_index: number | null;
  requirement: string | null;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  uploaded_by: string;
  attached_at: Date;
  /** Its place among the documents sent together. */
  position: number;
  stage: 'APPLICATION' | 'SUPPLEMENT';
  /** Set when the retention rule removed the file's bytes (documents.retention.ts). */
  purged_at: Date | null;
}

/** Applications per person, kept by a trigger (migration 0004). */
export interface ApplicantCountTable {
  applicant_id: string;
  n: number;
}

export interface ApplicationsDB {
  applications: ApplicationTable;
  applicant_counts: ApplicantCountTable;
  application_history: HistoryTable;
  tracking_counters: TrackingCounterTable;
  supporting_documents: SupportingDocumentTable;
  department_calendars: DepartmentCalendarTable;
  calendar_days: CalendarDayTable;
  /** Events written in the transaction of their change (kit/event-outbox.ts). */
  event_outbox: EventOutboxTable;
}

export type Db = Kysely<ApplicationsDB>;
export type ApplicationRow = Omit<ApplicationTable, 'version'> & { version: number };
export type HistoryRow = Omit<HistoryTable, 'id'> & { id: number };
export type DocumentRow = SupportingDocumentTable;
