import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useContentLang, useDocumentTitle } from './a11y';
import { Link } from './router';
import { gql } from './api';
import { useSession, useT } from './context';

/** Loads an operation's data; reload() runs it again (after a mutation). */
export function useQuery<T>(query: string, variables: Record<string, unknown> | null, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const key = JSON.stringify(variables);
  const seq = useRef(0);
  const run = useCallback(async () => {
    if (variables === null) return;
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
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

export function Loading() {
  return <p role="status" className="muted">{useT().app.loading}</p>;
}

/** An error the graph or the network reported (server text: marked with its language). */
export function ErrorBox({ error }: { error: Error | string }) {
  const t = useT();
  const langOf = useContentLang();
  return (
    <div role="alert" className="alert error">
      <strong>{t.app.error}:</strong> {typeof error === 'string' ? error : <span lang={langOf()}>{error.message}</span>}
    </div>
  );
}

/**
 * Shows loading and errors; renders children only with data. A whole page (`page`) that failed
 * still gets its heading, so the view is named and focus has somewhere to go.
 */
export function Async<T>({ q, children, page }: { q: { data?: T; error?: Error; loading: boolean }; children: (data: T) => ReactNode; page?: boolean }) {
  const t = useT();
  if (q.error) return page ? <><PageTitle>{t.states.failed}</PageTitle><ErrorBox error={q.error} /></> : <ErrorBox error={q.error} />;
  if (!q.data) return <Loading />;
  return <>{children(q.data)}</>;
}

/**
 * An outcome. With `focus` it takes focus when it appears: use it when the control that caused it
 * went away (a form replaced by its result), so focus never falls back to the page's body.
 */
export function Notice({ children, kind = 'success', focus }: { children: ReactNode; kind?: 'success' | 'error' | 'info'; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return <div ref={ref} tabIndex={focus ? -1 : undefined} role={kind === 'error' ? 'alert' : 'status'} className={`alert ${kind}`}>{children}</div>;
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
  if (!ready) return <Loading />;
  if (!me) {
    const here = window.location.pathname + window.location.search;
    return (
      <>
        <PageTitle>{t.states.signInNeeded}</PageTitle>
        <p>{t.app.needSignIn} <Link to={`/signin?next=${encodeURIComponent(here)}`}>{t.app.signIn}</Link></p>
      </>
    );
  }
  if (!me.roles.some((r) => roles.includes(r))) return <><PageTitle>{t.states.notAllowed}</PageTitle><p>{t.app.forbidden}</p></>;
  return <>{children}</>;
}

/**
 * The view's heading. It takes focus when it appears, so a screen reader announces the new view,
 * and names the view in the document's `<title>` ("view – service"). Give it a new `key` to move
 * focus to it again (a form replaced by its outcome).
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    setText(ref.current?.textContent?.trim() || null);
  });
  useDocumentTitle(text);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

export const uuid = () =>
  crypto.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;
