import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { gql, type UserError } from './api';
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

export function Notice({ children, kind = 'success' }: { children: ReactNode; kind?: 'success' | 'error' | 'info' }) {
  return <div role={kind === 'error' ? 'alert' : 'status'} className={`alert ${kind}`}>{children}</div>;
}

/** userErrors that belong to no shown field. */
export function FormErrors({ errors }: { errors: UserError[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="alert error">
      <ul>{errors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
    </div>
  );
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
  if (!me) return <Notice kind="info">{t.app.needSignIn}</Notice>;
  if (!me.roles.some((r) => roles.includes(r))) return <Notice kind="error">{t.app.forbidden}</Notice>;
  return <>{children}</>;
}

/** A page title that also moves focus on navigation, so screen readers announce the new page. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

export const uuid = () =>
  crypto.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;
