/**
 * A link to a path the gateway serves (`/files/<id>`, `/feeds/news.atom`): absolute on the
 * configured public origin (PUBLIC_URL), root-relative when none is set.
 */
export function publicLink(publicUrl: string | undefined, pathname: string): string {
  return publicUrl ? new URL(pathname, publicUrl).toString() : pathname;
}
