import type { EventOutboxTable } from '../../kit/event-outbox';
import type { Kysely } from 'kysely';
import type { TrackingCounterTable } from '../../kit/tracking-numbers';

/** The feedback subgraph's tables, in its own `feedback` schema. */
export type FeedbackKind = 'COMPLAINT' | 'SUGGESTION' | 'OPINION' | 'INQUIRY';
export type FeedbackStatus = 'RECEIVED' | 'IN_PROGRESS' | 'ANSWERED' | 'CLOSED';
export const KINDS: FeedbackKind[] = ['COMPLAINT', 'SUGGESTION', 'OPINION', 'INQUIRY'];

export interface FeedbackTable {
  id: string;
  tracking_number: string;
  kind: FeedbackKind;
  subject: string;
  body: string;
  department_id: string;
  procedure_id: string | null;
  publication_id: string | null;
  application_id: string | null;
  submitter_id: string;
  idempotency_key: string | null;
  status: FeedbackStatus;
  submitted_at: Date;
  due_at: Date;
  /** The working calendar `due_at` was counted on (migration 0007); null before calendars counted. */
  due_calendar?: string | null;
  first_answered_at: Date | null;
  last_reply_at: Date | null;
  closed_at: Date | null;
  is_public: boolean;
  /** The sender agreed to publication (migration 0004); an item is made public only with it. */
  publication_consent: boolean;
  satisfaction: number | null;
}

export interface ReplyTable {
  id: string;
  feedback_id: string;
  author_id: string;
  body: string;
  created_at: Date;
}

export interface TimeLimitTable {
  department_id: string;
  kind: FeedbackKind;
  working_days: number;
}

/** Items per owner of a list (lists.repository.ts), kept by a trigger (migration 0003). */
export interface OwnerCountTable {
  owner: 'submitter_id' | 'publication_id';
  owner_id: string;
  n: number;
}

export interface FeedbackDB {
  feedback: FeedbackTable;
  feedback_replies: ReplyTable;
  time_limits: TimeLimitTable;
  tracking_counters: TrackingCounterTable;
  owner_counts: OwnerCountTable;
  /** Events written in the transaction of their change (kit/event-outbox.ts). */
  event_outbox: EventOutboxTable;
}

export type Db = Kysely<FeedbackDB>;
export type FeedbackRow = FeedbackTable;
export type ReplyRow = ReplyTable;
