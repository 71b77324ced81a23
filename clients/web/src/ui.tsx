import { Children, useCallback, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { gql, type UserError } from './api';
import { useSession, useT } from './context';
import { Link, useLocation } from './router';

/** Loads an operation's data; reload() runs it again (after a mutation). */
export function useQuery<T>(query: string, variables: Record<string, unknown> | null, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const key = JSON.stringify(variables);
  const seq = useRef(0);
  const shown = useRef(key);
  const run = useCallback(async () => {
    if (variables === null) return;
    const n = ++seq.current;
    // A reload keeps what is shown; other variables (a filter applied) must not show the old list meanwhile.
    const same = shown.current === key;
    shown.current = key;
    setState((s) => (same ? { ...s, loading: true } : { loading: true }));
    try {
      const data = await gql<T>(query, variables);
      if (n === seq.current) setState({ data, loading: false });
    } catch (error) {
      if (n === seq.current) setState({ error: error as Error, loading: false });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, key, ...deps]);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run };
}

/** `data-loading` lets the browser tests wait until nothing on a view is still loading. */
export function Loading() {
  return <p role="status" className="muted" data-loading="">{useT().app.loading}</p>;
}

export function ErrorBox({ error }: { error: Error | string }) {
  const t = useT();
  return (
    <div role="alert" className="alert error">
      <strong>{t.app.error}:</strong> {typeof error === 'string' ? error : error.message}
    </div>
  );
}

/** Shows loading and errors; renders children only with data. */
export function Async<T>({ q, children }: { q: { data?: T; error?: Error; loading: boolean }; children: (data: T) => ReactNode }) {
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Loading />;
  return <>{children(q.data)}</>;
}

/**
 * An outcome. With `focus`, it takes keyboard focus when shown (the control that led to it is
 * gone, and focus must not fall to <body>), and is read out as the focused element; otherwise it
 * is a live region.
 */
export function Notice({ children, kind = 'success', focus = false }: { children: ReactNode; kind?: 'success' | 'error' | 'info'; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  if (focus) return <div ref={ref} tabIndex={-1} className={`alert ${kind}`}>{children}</div>;
  return <div role={kind === 'error' ? 'alert' : 'status'} className={`alert ${kind}`}>{children}</div>;
}

/**
 * The one error pattern of every form: a summary at the top of the form, focused after each failed
 * submit, listing every problem in the order of the fields on the page, each a link that moves
 * focus to its field and is named by the field's `data-label`. `fieldId` names the element of a
 * userError's field (none: listed as text).
 * `attempt` changes with every submit, so focus returns to the summary even when the errors are
 * the same as last time.
 */
export function ErrorSummary({ errors, fieldId, attempt }: { errors: UserError[]; fieldId: (field: string) => string | undefined; attempt: number }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [attempt, errors.length]);
  if (!errors.length) return null;
  const withTarget = errors.map((e) => {
    const id = e.field ? fieldId(e.field) : undefined;
    return { e, el: id ? document.getElementById(id) : null, id };
  });
  // In the order of the fields on the page; problems with no field first.
  withTarget.sort((a, b) => {
    if (!a.el || !b.el) return a.el ? 1 : b.el ? -1 : 0;
    return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  const go = (id: string) => (ev: ReactMouseEvent) => {
    ev.preventDefault();
    const el = document.getElementById(id);
    const target = el?.matches('input,select,textarea') ? el : el?.querySelector<HTMLElement>('input,select,textarea') ?? el;
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  return (
    <div ref={ref} tabIndex={-1} className="alert error error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="h3">{t.form.fixErrors(errors.length)}</h2>
      <ul>
        {withTarget.map(({ e, el, id }, i) => (
          <li key={i}>{el && id ? <a href={`#${id}`} onClick={go(id)}>{el.dataset.label && <><L>{el.dataset.label}</L>: </>}<L>{e.message}</L></a> : <L>{e.message}</L>}</li>
        ))}
      </ul>
    </div>
  );
}

/** A form's userErrors and its count of failed submits (for ErrorSummary's `attempt`). */
export function useFormErrors() {
  const [state, setState] = useState<{ errors: UserError[]; attempt: number }>({ errors: [], attempt: 0 });
  const show = useCallback((errors: UserError[]) => setState((s) => ({ errors, attempt: errors.length ? s.attempt + 1 : s.attempt })), []);
  return { ...state, show };
}

/** userErrors that belong to no shown field. */
export function FormErrors({ errors }: { errors: UserError[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="alert error">
      <ul>{errors.map((e, i) => <li key={i}><L>{e.message}</L></li>)}</ul>
    </div>
  );
}

/** The language a text is written in, by its script: Han characters are Chinese, Latin letters English. */
export function scriptLanguage(text: string): 'zh' | 'en' | null {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/[A-Za-z]{2,}/.test(text)) return 'en';
  return null;
}

export const htmlLang = (l: 'en' | 'zh') => (l === 'zh' ? 'zh-CN' : 'en');

/** The `lang` attribute a text needs on this page: set only when it differs from the page's. */
export function useLangOf() {
  const { lang } = useSession();
  return (text: unknown) => {
    const plain = Array.isArray(text) ? text.join('') : text;
    const l = typeof plain === 'string' ? scriptLanguage(plain) : null;
    return l && l !== lang ? htmlLang(l) : undefined;
  };
}

/**
 * Text from the graph, marked with its language when that is not the page's (3.1.2): the graph
 * answers in the text's written language where no translation exists.
 */
export function L({ children }: { children: ReactNode }) {
  const langOf = useLangOf();
  // Mixed content (a title from the graph beside a tracking number): each text part is marked on
  // its own, and elements mark themselves, so a Chinese title never sits inside a part marked English.
  if (Array.isArray(children) && children.some((c) => typeof c === 'object' && c !== null)) {
    return <>{Children.map(children, (c) => (typeof c === 'string' ? <L>{c}</L> : c))}</>;
  }
  const lang = langOf(children);
  return lang ? <span lang={lang}>{children}</span> : <>{children}</>;
}

/** A message with a piece of graph text in it (a name, a title), the piece marked with its language. */
export function Phrase({ message, part }: { message: (part: string) => string; part: string }) {
  const [before, after = ''] = message('\u0000').split('\u0000');
  return <>{before}<L>{part}</L>{after}</>;
}

/**
 * One live region for the whole portal, always in the page, so outcomes are read out reliably
 * (a region that appears with its text often is not).
 */
let announceTo: ((text: string) => void) | null = null;
export function announce(text: string) {
  announceTo?.(text);
}
export function Announcer() {
  const [text, setText] = useState('');
  useEffect(() => {
    announceTo = (s) => {
      // Cleared first, so the same message twice is read twice.
      setText('');
      setTimeout(() => setText(s), 50);
    };
    return () => {
      announceTo = null;
    };
  }, []);
  return <div role="status" aria-live="polite" className="sr-only" data-testid="announcer">{text}</div>;
}

export function useDate() {
  const { lang } = useSession();
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' });
  const fmtTime = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return {
    date: (iso?: string | null) => (iso ? fmt.format(new Date(iso)) : '—'),
    time: (iso?: string | null) => (iso ? fmtTime.format(new Date(iso)) : '—'),
  };
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status.toLowerCase()}`}>{t.status[status] ?? status}</span>;
}

export function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { me, ready, t } = useSession();
  const url = useLocation();
  if (!ready) return <Loading />;
  if (!me) {
    return (
      <>
        <PageTitle>{t.auth.signInTitle}</PageTitle>
        <Notice kind="info">{t.app.needSignIn}</Notice>
        <p><Link className="button primary" to={`/signin?next=${encodeURIComponent(url.pathname + url.search)}`}>{t.app.signIn}</Link></p>
      </>
    );
  }
  if (!me.roles.some((r) => roles.includes(r))) return <><PageTitle>{t.app.forbiddenTitle}</PageTitle><p>{t.app.forbidden}</p></>;
  return <>{children}</>;
}

/**
 * A page title that also moves focus on navigation, so screen readers announce the new page, and
 * names the view in the window's title (2.4.2), after every render so it follows a language switch.
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    const view = ref.current?.textContent?.trim();
    document.title = view && view !== t.app.title ? `${view} – ${t.app.title}` : t.app.title;
  });
  return <h1 ref={ref} tabIndex={-1}><L>{children}</L></h1>;
}

export const uuid = () =>
  crypto.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;
