/**
 * What the public version of a citizen's feedback hides: the sender is never named (the
 * `submitter` field is null), and personal data written into the text itself (email addresses,
 * phone numbers, identity, account and other long numbers) is replaced. The sender and the
 * department's caseworkers read the text as written.
 */
const PATTERNS: RegExp[] = [
  // Email addresses.
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu,
  // Phone, identity, account and card numbers: 6 or more digits, spaces, dots or dashes between them allowed.
  /\+?\d(?:[\s.\-/()]*\d){5,}/g,
];

export const REDACTED = '[removed]';

export function redactPersonalData(text: string): string {
  return PATTERNS.reduce((t, p) => t.replace(p, REDACTED), text);
}
