import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { UserError } from './api';
import { useSession, useT } from './context';

/**
 * The portal's accessibility patterns, one home each, for every page to reuse:
 * - `announce()`: one polite live region, always in the page (a region inserted together with its
 *   text is often not read), for outcomes that do not move focus (saved, N results).
 * - `ErrorSummary` + `useFormErrors()`: after a failed submit, focus moves to a summary whose links
 *   lead to the fields, in the order of the page (GOV.UK's pattern, WCAG 3.3.1 and 3.3.3).
 * - `useDocumentTitle()`: every view's `<title>` is "view – service" (2.4.2).
 * - `contentLang()`: the language of text the graph wrote, so text in another language than the
 *   page's is marked with `lang` (3.1.2).
 */

// ---- live region ---------------------------------------------------------------------------------

const ANNOUNCER_ID = 'announcer';

/** Says `message` through the polite live region (cleared first, so the same text is read again). */
export function announce(message: string) {
  const el = document.getElementById(ANNOUNCER_ID);
  if (!el) return;
  el.textContent = '';
  // The next frame, so assistive technology sees a change even for a repeated message.
  requestAnimationFrame(() => {
    el.textContent = message;
  });
}

/** Rendered once by the App, before anything can be announced. */
export function LiveRegion() {
  return <div id={ANNOUNCER_ID} className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer" />;
}

/** Announces `message` whenever it changes to a non-empty value (e.g. a result count after a filter). */
export function useAnnounce(message: string | null | undefined) {
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (message && message !== last.current) announce(message);
    last.current = message ?? null;
  }, [message]);
}

// ---- titles and language -------------------------------------------------------------------------

/** Sets `<title>` to "view – service" whenever the view's name or the language changes. */
export function useDocumentTitle(view: string | null | undefined) {
  const { t } = useSession();
  useEffect(() => {
    document.title = view ? `${view} – ${t.app.title}` : t.app.title;
  }, [view, t]);
}

/**
 * The language the graph writes its content in (publications, procedures, departments, server
 * messages). Today it is English only; when the graph says per field which language a text is in,
 * this is the one place to ask it.
 */
export const GRAPH_LANG = 'en';

/** `lang` for text the graph wrote: set only when it differs from the page's language. */
export function useContentLang(): (textLang?: string | null) => string | undefined {
  const { lang } = useSession();
  return (textLang = GRAPH_LANG) => {
    const l = textLang ?? GRAPH_LANG;
    return l.slice(0, 2) === lang ? undefined : l;
  };
}

/** Text the graph wrote, marked with its language when that is not the page's. */
export function Content({ children, lang: textLang, as: Tag = 'span', ...rest }: { children: ReactNode; lang?: string | null; as?: 'span' | 'div' | 'p'; className?: string }) {
  const langOf = useContentLang();
  return <Tag lang={langOf(textLang)} {...rest}>{children}</Tag>;
}

/**
 * A translated sentence with content in it: `t.form.title` is `(name) => "Apply: name"`; this puts
 * `children` (e.g. a `<Content>` title in another language) where the name goes.
 */
export function Template({ of, children }: { of: (x: string) => string; children: ReactNode }) {
  const MARK = '\u0000';
  const [before, after = ''] = of(MARK).split(MARK);
  return <>{before}{children}{after}</>;
}

// ---- forms: error summary ------------------------------------------------------------------------

/** The id of a form control for an error's field path (`input.email` → whatever the form says). */
export type FieldIdOf = (field: string) => string | undefined;

/**
 * A form's userErrors and a counter of failed attempts: the summary takes focus after each failed
 * attempt, even when the errors are the same as last time.
 */
export function useFormErrors() {
  const [state, setState] = useState<{ errors: UserError[]; attempt: number }>({ errors: [], attempt: 0 });
  return {
    errors: state.errors,
    attempt: state.attempt,
    setErrors: (errors: UserError[]) => setState((s) => ({ errors, attempt: errors.length ? s.attempt + 1 : s.attempt })),
    clear: () => setState((s) => ({ errors: [], attempt: s.attempt })),
  };
}

/** The control to focus for a field's id: the element itself, or the first control inside a group. */
function controlOf(id: string): HTMLElement | null {
  const el = document.getElementById(id);
  if (!el) return null;
  if (el.matches('input,select,textarea,button')) return el;
  return el.querySelector<HTMLElement>('input,select,textarea,button') ?? el;
}

/** Sorts items by where their field is in the page; items with no field on the page come first. */
function inPageOrder<T extends { id?: string }>(items: T[]): T[] {
  const pos = (it: T) => (it.id ? document.getElementById(it.id) : null);
  return [...items].sort((a, b) => {
    const x = pos(a);
    const y = pos(b);
    if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/**
 * The one error pattern of every form: a titled box listing every problem, each a link to its field
 * (in the order of the page), focused after each failed submit so it is read at once. Messages are
 * the ones the form shows beside its fields (`messageOf`), so the two never disagree.
 */
export function ErrorSummary({ errors, attempt, idOf, messageOf }: {
  errors: UserError[];
  attempt: number;
  idOf: FieldIdOf;
  messageOf?: (e: UserError) => ReactNode;
}) {
  const t = useT();
  const langOf = useContentLang();
  const ref = useRef<HTMLDivElement>(null);
  const [, rerender] = useState(0);
  // Fields render in the same commit, so order them once they are in the page.
  useLayoutEffect(() => rerender((n) => n + 1), [errors]);
  useEffect(() => {
    if (attempt && errors.length) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  if (!errors.length) return null;
  const items = inPageOrder(errors.map((e, i) => ({ e, i, id: e.field ? idOf(e.field) : undefined })));
  const go = (id: string) => (ev: MouseEvent<HTMLAnchorElement>) => {
    const el = controlOf(id);
    if (!el) return;
    ev.preventDefault();
    // Show the field's label (or legend) too, not just the box.
    (el.closest('.field, fieldset') ?? el).scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  };
  return (
    <div ref={ref} className="alert error error-summary" tabIndex={-1} role="alert" aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 id="error-summary-title" className="h3">{t.errors.summaryTitle}</h2>
      <ul>
        {items.map(({ e, i, id }) => {
          const text = messageOf ? messageOf(e) : <span lang={langOf()}>{e.message}</span>;
          return <li key={i}>{id && document.getElementById(id) ? <a href={`#${id}`} onClick={go(id)}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

/** The messages of one field, joined; undefined when it has none. */
export function errorsOf(errors: UserError[], ...fields: string[]): UserError[] {
  return errors.filter((e) => e.field && fields.includes(e.field));
}
