import { publicLink } from '../../../core/links';
import type { AttachmentResolvers } from '../generated/resolvers';

export const Attachment: AttachmentResolvers = {
  id: (a) => a.file_id,
  fileName: (a) => a.file_name,
  mimeType: (a) => a.mime_type,
  sizeBytes: (a) => Number(a.size_bytes),
  // The gateway serves the file store at /files/<id>.
  url: (a, _, ctx) => publicLink(ctx.publicUrl, `/files/${a.file_id}`),
};
