/** What `POST /files` accepts. */

/** The largest upload, in bytes: forms and attachments, not media archives. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The media types that may be uploaded, with a check of the first bytes where the format has a
 * signature, so a file cannot claim to be a PDF and be something else.
 */
const PK = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));
const noNul = (b: Buffer) => !b.includes(0);

export const ALLOWED_TYPES: Record<string, (content: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'text/plain': noNul,
  'text/csv': noNul,
  'application/vnd.oasis.opendocument.text': PK,
  'application/vnd.oasis.opendocument.spreadsheet': PK,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': PK,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': PK,
};

/** Who may upload: staff who attach forms and publication attachments. */
export const UPLOADER_ROLES = ['OFFICER', 'EDITOR', 'ADMIN'] as const;

/** What a citizen may upload as a supporting document: scans and photos, checked by content like every upload. */
export const DOCUMENT_TYPES: Record<string, (content: Buffer) => boolean> = {
  'application/pdf': ALLOWED_TYPES['application/pdf'],
  'image/jpeg': ALLOWED_TYPES['image/jpeg'],
  'image/png': ALLOWED_TYPES['image/png'],
};

/** How long a signed download link to a private document stays valid. */
export const DOCUMENT_LINK_SECONDS = 300;
