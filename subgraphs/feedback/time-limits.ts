import type { FeedbackKind } from './db/tables';

/**
 * Working days a department has for its first answer, per kind. A department may set its own
 * limits in the `time_limits` table; these defaults apply where it has not.
 */
export const DEFAULT_TIME_LIMITS: Record<FeedbackKind, number> = {
  INQUIRY: 5,
  COMPLAINT: 10,
  SUGGESTION: 15,
  OPINION: 20,
};
