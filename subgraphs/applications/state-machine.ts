/**
 * The application state machine of the client contract (shared/contract/README.md). Kept apart
 * from storage and GraphQL so the rules can be read, and changed, in one place.
 */
export const STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'SUPPLEMENT_REQUESTED',
  'APPROVED',
  'DENIED',
  'COMPLETED',
  'WITHDRAWN',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['ACCEPT', 'REJECT', 'REQUEST_SUPPLEMENT', 'APPROVE', 'DENY', 'COMPLETE'] as const;
export type Action = (typeof ACTIONS)[number];

/** Officer actions: from which state each is allowed, and where it leads. */
export const OFFICER_TRANSITIONS: Record<Action, { from: Status; to: Status }> = {
  ACCEPT: { from: 'SUBMITTED', to: 'ACCEPTED' },
  REJECT: { from: 'SUBMITTED', to: 'REJECTED' },
  REQUEST_SUPPLEMENT: { from: 'SUBMITTED', to: 'SUPPLEMENT_REQUESTED' },
  APPROVE: { from: 'ACCEPTED', to: 'APPROVED' },
  DENY: { from: 'ACCEPTED', to: 'DENIED' },
  COMPLETE: { from: 'APPROVED', to: 'COMPLETED' },
};

/** Transitions that decide the application: they set decidedAt. */
export const DECIDING: ReadonlySet<Status> = new Set(['APPROVED', 'DENIED', 'REJECTED']);

/** Not yet decided: the applicant may still withdraw. */
export const WITHDRAWABLE: ReadonlySet<Status> = new Set(['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED']);

/** Waiting for the department: only these can be overdue (a supplement wait pauses the clock). */
export const CLOCK_RUNNING: readonly Status[] = ['SUBMITTED', 'ACCEPTED'];

/** The default work queue: everything that still needs someone to act. */
export const OPEN: readonly Status[] = ['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED'];

/** Where an officer action leads from `current`, or null when it is not allowed from there. */
export function officerTransition(current: Status, action: Action): Status | null {
  const t = OFFICER_TRANSITIONS[action];
  return t && t.from === current ? t.to : null;
}

export const isOverdue = (status: Status, dueAt: Date, now = new Date()) =>
  CLOCK_RUNNING.includes(status) && dueAt.getTime() < now.getTime();

/** Officer actions that must say why: the citizen reads the reason (shared/contract/README.md). */
export const REASON_REQUIRED: ReadonlySet<Action> = new Set(['REJECT', 'DENY', 'REQUEST_SUPPLEMENT']);

/** States nothing leads out of. */
export const FINAL: ReadonlySet<Status> = new Set(['REJECTED', 'DENIED', 'COMPLETED', 'WITHDRAWN']);

/** Every act on an application: the officer's and the applicant's own two. */
export type CaseAction = Action | 'SUPPLEMENT' | 'WITHDRAW';

export interface AvailableAction {
  action: CaseAction;
  reasonRequired: boolean;
  final: boolean;
}

/**
 * What someone may do from `status`, by the same rules transitions.ts enforces: `handles` (an
 * officer of the department, or an admin) gets the officer actions allowed from there, `applicant`
 * supplementing and withdrawing.
 */
export function availableActions(status: Status, who: { handles: boolean; applicant: boolean }): AvailableAction[] {
  const out: AvailableAction[] = [];
  if (who.handles) {
    for (const action of ACTIONS) {
      const to = officerTransition(status, action);
      if (to) out.push({ action, reasonRequired: REASON_REQUIRED.has(action), final: FINAL.has(to) });
    }
  }
  if (who.applicant) {
    if (status === 'SUPPLEMENT_REQUESTED') out.push({ action: 'SUPPLEMENT', reasonRequired: false, final: false });
    if (WITHDRAWABLE.has(status)) out.push({ action: 'WITHDRAW', reasonRequired: false, final: true });
  }
  return out;
}
