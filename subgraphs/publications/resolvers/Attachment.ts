import { publicLink } from '../../../core/links';
import type { AttachmentResolvers } from '../generated/resolvers';
import { localizedResolvers } from '../../kit/language';

export const Attachment: AttachmentResolvers = {
  // `fileName` in the reader's language: the name the editor gave in it (`translations.<lang>.fileName`), else the file's own.
  ...(localizedResolvers([['fileName', 'file_name', 'fileName']]) as AttachmentResolvers),
  id: (a) => a.file_id,
  mimeType: (a) => a.mime_type,
  sizeBytes: (a) => Number(a.size_bytes),
  // The gateway serves the file store at /files/<id>.
  url: (a, _, ctx) => publicLink(ctx.publicUrl, `/files/${a.file_id}`),
};
