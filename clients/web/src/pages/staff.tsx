import { useEffect, useState, type FormEvent } from 'react';
import { gql, ops, type UserError } from '../api';
import { useSession, useT } from '../context';
import { BarChart } from '../charts';
import { Link, navigate } from '../router';
import { Async, ErrorBox, ErrorSummary, FormErrors, L, Notice, PageTitle, RequireRole, StatusBadge, useDate, useFormErrors, useLangOf, useQuery } from '../ui';
import { Input } from './account';
import { useCaseT } from '../i18n/casework';
import { useAnnounceCount } from './public';

const ALL_STATES = ['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED', 'REJECTED', 'DENIED', 'COMPLETED', 'WITHDRAWN'];

export function ApplicationQueue({ params }: { params: URLSearchParams }) {
  const t = useT();
  const { me } = useSession();
  const { date } = useDate();
  const all = params.get('all') === '1';
  const procedureId = params.get('procedure') ?? '';
  const search = params.get('q') ?? '';
  const overdue = params.get('overdue') === '1';
  const c = useCaseT();
  const procedures = useQuery<any>(ops.ProcedureCatalog, me?.department ? { filter: { departmentId: me.department.id }, first: 50 } : null, [me?.department?.id]);
  const filter = { statuses: all ? ALL_STATES : undefined, procedureId: procedureId || undefined, search: search || undefined, overdue: overdue || undefined };
  const q = useQuery<any>(ops.ApplicationQueue, { first: 25, filter });
  const langOf = useLangOf();
  // Later pages, appended below the first; a new filter starts again from its first page.
  const [more, setMore] = useState<{ edges: any[]; pageInfo: any } | null>(null);
  useEffect(() => setMore(null), [all, procedureId, search, overdue]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [form, setForm] = useState({ all: all ? '1' : '', procedure: procedureId, q: search, overdue: overdue ? '1' : '' });
  useAnnounceCount(q, (d: any) => d.applicationQueue.totalCount);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams({ ...form, q: form.q.trim() });
    for (const [k, v] of [...p]) if (!v) p.delete(k);
    navigate(`/staff/applications${p.size ? `?${p}` : ''}`, true);
  };
  const loadMore = async (after: string) => {
    if (loadingMore) return;
    setLoadingMore(true);
    const shown = document.querySelectorAll('main tbody tr').length;
    try {
      const { applicationQueue: r } = await gql(ops.ApplicationQueue, { first: 25, after, filter });
      setMore((m) => ({ edges: [...(m?.edges ?? []), ...r.edges], pageInfo: r.pageInfo }));
      // Focus goes on to the first row loaded (the button may be gone: no more pages).
      setTimeout(() => document.querySelectorAll<HTMLElement>('main tbody tr a')[shown]?.focus(), 0);
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <RequireRole roles={['OFFICER', 'ADMIN']}>
      <PageTitle>{t.queue.title}</PageTitle>
      {/* Applied by the button, never on change: arrow keys in a list must not reload the queue (3.2.2). */}
      <form className="filters" role="search" onSubmit={apply}>
        <div className="field">
          <label htmlFor="queue-search">{c.search}</label>
          <input id="queue-search" type="search" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
        </div>
        <div className="field">
          <label className="choice"><input type="checkbox" checked={form.overdue === '1'} onChange={(e) => setForm({ ...form, overdue: e.target.checked ? '1' : '' })} /> {c.overdueOnly}</label>
        </div>
        <div className="field">
          <label htmlFor="queue-filter">{t.queue.filter}</label>
          <select id="queue-filter" value={form.all} onChange={(e) => setForm({ ...form, all: e.target.value })}>
            <option value="">{t.queue.openOnly}</option>
            <option value="1">{t.queue.all}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-procedure">{t.applications.service}</label>
          <select id="queue-procedure" value={form.procedure} onChange={(e) => setForm({ ...form, procedure: e.target.value })}>
            <option value="">{t.queue.allServices}</option>
            {procedures.data?.procedures.edges.filter(({ node: p }: any) => p.onlineApplication).map(({ node: p }: any) => <option key={p.id} value={p.id} lang={langOf(p.title)}>{p.title}</option>)}
          </select>
        </div>
        <button type="submit">{t.app.applyFilters}</button>
      </form>
      <Async q={q}>
        {(d) => {
          const edges = [...d.applicationQueue.edges, ...(more?.edges ?? [])];
          const pageInfo = more?.pageInfo ?? d.applicationQueue.pageInfo;
          return edges.length === 0 ? <p>{t.queue.empty}</p> : (
            <>
              <p className="meta">{t.queue.count(edges.length, d.applicationQueue.totalCount)}</p>
              <div className="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t.applications.tracking}</th><th scope="col">{t.applications.service}</th><th scope="col">{t.queue.applicant}</th><th scope="col">{t.applications.status}</th><th scope="col">{t.applications.due}</th></tr></thead>
                  <tbody>
                    {edges.map(({ node: a }: any) => (
                      <tr key={a.id}>
                        <td><Link to={`/staff/applications/${a.id}`}>{a.trackingNumber}</Link></td>
                        <td><L>{a.procedure.title}</L></td>
                        <td><L>{a.applicant.displayName}</L></td>
                        <td><StatusBadge status={a.status} />{a.overdue && <span className="badge warn">{t.applications.overdue}</span>}</td>
                        <td>{date(a.dueAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {pageInfo.hasNextPage && (
                <p><button type="button" aria-disabled={loadingMore || undefined} onClick={() => void loadMore(pageInfo.endCursor)}>{t.app.more}</button></p>
              )}
            </>
          );
        }}
      </Async>
    </RequireRole>
  );
}

export function FeedbackQueue() {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.FeedbackCases, { first: 50, filter: { statuses: ['RECEIVED', 'IN_PROGRESS'] } });
  const [open, setOpen] = useState<string | null>(null);
  // The answered item leaves the list with the form focus was in: the outcome takes focus.
  const [replied, setReplied] = useState(0);
  return (
    <RequireRole roles={['OFFICER', 'ADMIN']}>
      <PageTitle>{t.feedback.queueTitle}</PageTitle>
      {replied > 0 && <Notice key={replied} focus>{t.feedback.replied}</Notice>}
      <Async q={q}>
        {(d) => d.feedbackQueue.edges.length === 0 ? <p>{t.queue.empty}</p> : (
          <ul className="list">
            {d.feedbackQueue.edges.map(({ node: f }: any) => (
              <li key={f.id} className="card">
                <h2 className="h3"><L>{f.subject}</L></h2>
                <p className="meta">{f.trackingNumber} · {t.feedback.kinds[f.kind]} · {t.feedback.from} <L>{f.submitter?.displayName}</L> · {date(f.submittedAt)} · <StatusBadge status={f.status} />{f.overdue && <span className="badge warn">{t.applications.overdue}</span>}</p>
                {(f.procedure || f.application) && <p className="meta"><L>{[f.procedure?.title, f.application?.trackingNumber].filter(Boolean).join(' · ')}</L></p>}
                <blockquote className="feedback-body" data-testid="feedback-body"><L>{f.body}</L></blockquote>
                {open === f.id ? <Reply id={f.id} consented={f.publicationConsent || f.public} onDone={() => { setOpen(null); setReplied((n) => n + 1); void q.reload(); }} /> : (
                  <button type="button" onClick={() => setOpen(f.id)} aria-label={`${t.feedback.reply}: ${f.subject}`}>{t.feedback.reply}</button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </RequireRole>
  );
}

function Reply({ id, consented, onDone }: { id: string; consented: boolean; onDone: () => void }) {
  const t = useT();
  const c = useCaseT();
  const [body, setBody] = useState('');
  const [makePublic, setMakePublic] = useState(false);
  const { errors, attempt, show: setErrors } = useFormErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { replyToFeedback: r } = await gql(ops.ReplyToFeedback, { input: { feedbackId: id, body, makePublic } });
    setErrors(r.userErrors);
    if (r.feedback) onDone();
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => (f === 'input.body' ? `reply-${id}` : undefined)} />
      <div className="field">
        <label htmlFor={`reply-${id}`}>{t.feedback.replyBody}</label>
        <textarea id={`reply-${id}`} data-label={t.feedback.replyBody} rows={4} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
      </div>
      {consented ? (
        <label className="choice"><input type="checkbox" checked={makePublic} onChange={(e) => setMakePublic(e.target.checked)} /> {t.feedback.makePublic}</label>
      ) : <p className="meta">{c.noConsent}</p>}
      <button type="submit" className="primary">{t.feedback.reply}</button>
    </form>
  );
}

export function Publish() {
  const t = useT();
  const { me } = useSession();
  const [v, setV] = useState({ kind: 'NEWS', title: '', summary: '', body: '', topics: '' });
  const { errors, attempt, show: setErrors } = useFormErrors();
  const [draft, setDraft] = useState<any>(null);
  const [at, setAt] = useState('');
  const [result, setResult] = useState<any>(null);
  const err = (f: string) => errors.filter((e) => e.field === `input.${f}` || e.field === f || e.field?.startsWith(`input.${f}.`)).map((e) => e.message).join(' ') || undefined;
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      departmentId: me!.department!.id, kind: v.kind, title: v.title, summary: v.summary || undefined, body: v.body || undefined,
      topics: v.topics.split(',').map((s) => s.trim()).filter(Boolean),
    };
    const { createPublication: r } = await gql(ops.CreatePublication, { input });
    setErrors(r.userErrors);
    if (r.publication) setDraft(r.publication);
  };
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    const { publishPublication: r } = await gql(ops.PublishPublication, { id: draft.id, at: at ? new Date(at).toISOString() : undefined });
    setErrors(r.userErrors);
    if (r.publication) setResult(r.publication);
  };
  return (
    <RequireRole roles={['EDITOR', 'ADMIN']}>
      <PageTitle>{t.editor.title}</PageTitle>
      {!me?.department ? <Notice kind="error">{t.editor.noDepartment}</Notice> : result ? (
        <>
          <Notice focus>{result.status === 'SCHEDULED' ? t.editor.scheduled(new Date(result.publishedAt).toLocaleString()) : t.editor.published}</Notice>
          <p><Link to={`/publications/${result.slug}`}>{t.editor.view}</Link></p>
          <p><button type="button" onClick={() => { setDraft(null); setResult(null); setV({ kind: 'NEWS', title: '', summary: '', body: '', topics: '' }); }}>{t.editor.title}</button></p>
        </>
      ) : draft ? (
        <form onSubmit={publish} noValidate>
          <Notice focus>{t.editor.draftSaved(draft.slug)}</Notice>
          <p><Link to={`/staff/publications/${draft.id}`}>{t.editor.openEditor}</Link></p>
          <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => (f === 'at' ? 'pub-at' : undefined)} />
          <Input id="pub-at" label={t.editor.when} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          <button type="submit" className="primary">{t.editor.publishNow}</button>
        </form>
      ) : (
        <form onSubmit={create} noValidate>
          <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => ({ kind: 'pub-kind', title: 'pub-title', summary: 'pub-summary', body: 'pub-body', topics: 'pub-topics' })[f.replace(/^input\./, '').replace(/\.\d+$/, '')]} />
          <div className="field">
            <label htmlFor="pub-kind">{t.editor.kind}</label>
            <select id="pub-kind" data-label={t.editor.kind} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })}>
              {Object.entries(t.publication.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </div>
          <Input id="pub-title" label={t.editor.headline} value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} error={err('title')} />
          <Input id="pub-summary" label={t.editor.summary} value={v.summary} onChange={(e) => setV({ ...v, summary: e.target.value })} error={err('summary')} />
          <div className={err('body') ? 'field invalid' : 'field'}>
            <label htmlFor="pub-body">{t.editor.body}</label>
            <textarea id="pub-body" data-label={t.editor.body} rows={10} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} aria-describedby={err('body') ? 'pub-body-error' : undefined} />
            {err('body') && <p id="pub-body-error" className="field-error"><L>{err('body')}</L></p>}
          </div>
          <Input id="pub-topics" label={t.editor.topics} value={v.topics} onChange={(e) => setV({ ...v, topics: e.target.value })} error={err('topics')} />
          <button type="submit" className="primary">{t.editor.saveDraft}</button>
        </form>
      )}
    </RequireRole>
  );
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function Dashboard({ params }: { params: URLSearchParams }) {
  const t = useT();
  const langOf = useLangOf();
  const deps = useQuery<any>(ops.HomePage, {});
  const now = new Date();
  const code = params.get('department') ?? 'CIVIL';
  const from = params.get('from') ?? isoDay(new Date(now.getTime() - 365 * 86_400_000));
  const to = params.get('to') ?? isoDay(new Date(now.getTime() + 86_400_000));
  const q = useQuery<any>(ops.DepartmentDashboard, { code, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  const [form, setForm] = useState({ code, from, to });
  const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toFixed(digits));
  return (
    <RequireRole roles={['ANALYST', 'ADMIN']}>
      <PageTitle>{t.dashboard.title}</PageTitle>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); navigate(`/dashboard?${new URLSearchParams({ department: form.code, from: form.from, to: form.to })}`, true); }}>
        <div className="field">
          <label htmlFor="dash-dep">{t.dashboard.department}</label>
          <select id="dash-dep" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })}>
            {deps.data?.departments.map((d: any) => <option key={d.id} value={d.code} lang={langOf(d.name)}>{d.name}</option>)}
          </select>
        </div>
        <Input id="dash-from" label={t.dashboard.from} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <Input id="dash-to" label={t.dashboard.to} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <button type="submit">{t.dashboard.show}</button>
      </form>
      <Async q={q}>
        {({ department: d }) => !d ? <ErrorBox error={t.app.notFound} /> : (
          <>
            <h2><L>{d.name}</L></h2>
            <dl className="kpis">
              <div><dt>{t.dashboard.submitted}</dt><dd>{d.applicationStats.submitted}</dd></div>
              <div><dt>{t.dashboard.avgDays}</dt><dd>{fmt(d.applicationStats.averageProcessingDays)}</dd></div>
              <div><dt>{t.dashboard.overdue}</dt><dd>{d.applicationStats.overdue}</dd></div>
              <div><dt>{t.dashboard.received}</dt><dd>{d.feedbackStats.received}</dd></div>
              <div><dt>{t.dashboard.answered}</dt><dd>{d.feedbackStats.answered}</dd></div>
              <div><dt>{t.dashboard.avgHours}</dt><dd>{fmt(d.feedbackStats.averageResponseHours)}</dd></div>
              <div><dt>{t.dashboard.satisfaction}</dt><dd>{fmt(d.feedbackStats.averageSatisfaction)}</dd></div>
              <div><dt>{t.dashboard.publications}</dt><dd>{d.publications.totalCount}</dd></div>
            </dl>
            <div className="grid">
              <BarChart title={t.dashboard.byStatus} data={d.applicationStats.byStatus.map((s: any) => ({ label: t.status[s.status] ?? s.status, value: s.count }))} />
              <BarChart title={t.dashboard.byKind} data={d.feedbackStats.byKind.map((k: any) => ({ label: t.feedback.kinds[k.kind] ?? k.kind, value: k.count }))} />
              <BarChart title={t.dashboard.byProcedure} data={d.procedures.edges.map(({ node: p }: any) => ({ label: p.title, value: p.applicationStats?.submitted ?? 0 }))} />
            </div>
          </>
        )}
      </Async>
    </RequireRole>
  );
}
