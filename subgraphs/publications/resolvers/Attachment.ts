import { publicLink } from '../../../core/links';
import type { AttachmentRow } from '../db/tables';
import type { PublicationsContext } from '../loaders';

export const Attachment = {
  id: (a: AttachmentRow) => a.file_id,
  fileName: (a: AttachmentRow) => a.file_name,
  mimeType: (a: AttachmentRow) => a.mime_type,
  sizeBytes: (a: AttachmentRow) => Number(a.size_bytes),
  // The gateway serves the file store at /files/<id>.
  url: (a: AttachmentRow, _: unknown, ctx: PublicationsContext) => publicLink(ctx.publicUrl, `/files/${a.file_id}`),
};
