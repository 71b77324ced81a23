import { publicLink } from '../../../core/links';
import type { SupportingDocumentResolvers } from '../generated/resolvers';

export const SupportingDocument: SupportingDocumentResolvers = {
  id: (d) => d.file_id,
  fileName: (d) => d.file_name,
  mimeType: (d) => d.mime_type,
  sizeBytes: (d) => Number(d.size_bytes),
  requirementIndex: (d) => d.requirement_index,
  attachedAt: (d) => d.attached_at,
  // The gateway's private route, which asks this subgraph again on every download.
  downloadUrl: (d, _, ctx) => (d.purged_at ? null : publicLink(ctx.publicUrl, `/documents/${d.file_id}`)),
  purgedAt: (d) => d.purged_at,
};
