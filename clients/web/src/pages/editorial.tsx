import { useEffect, useState, type FormEvent } from 'react';
import { getToken, gql, ops } from '../api';
import { hasRole, useSession, useT } from '../context';
import { useEditorialT } from '../i18n/editorial';
import { Link, navigate } from '../router';
import { announce, Async, ErrorBox, ErrorSummary, L, Notice, PageTitle, RequireRole, StatusBadge, useDate, useFormErrors, useLangOf, useQuery } from '../ui';
import { Input } from './account';
import { PublicationArticle, SupersededNotice } from './public';

/**
 * The editors' area: the department's publications by status (`/staff/publications`), one item's
 * editor with its attachments, workflow steps and history (`/staff/publications/:id`), and its
 * preview exactly as readers will see it (`/staff/publications/:id/preview`).
 */
const STATUSES = ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'];

export function EditorialList({ params }: { params: URLSearchParams }) {
  const e = useEditorialT();
  const t = useT();
  const { me } = useSession();
  const { time } = useDate();
  const canEdit = hasRole(me, 'EDITOR', 'ADMIN');
  const status = STATUSES.includes(params.get('status') ?? '') ? params.get('status')! : '';
  const vars = me?.department ? { departmentId: me.department.id, status: status || undefined, first: 20 } : null;
  const q = useQuery<any>(ops.EditorialPublications, vars, [me?.department?.id]);
  const [more, setMore] = useState<{ edges: any[]; pageInfo: any } | null>(null);
  useEffect(() => setMore(null), [status]);
  const [choice, setChoice] = useState(status);
  const apply = (ev: FormEvent) => {
    ev.preventDefault();
    navigate(`/staff/publications${choice ? `?status=${choice}` : ''}`, true);
  };
  const loadMore = async () => {
    const page = more?.pageInfo ?? q.data.editorialPublications.pageInfo;
    const { editorialPublications: r } = await gql(ops.EditorialPublications, { ...vars, after: page.endCursor });
    setMore({ edges: [...(more?.edges ?? []), ...r.edges], pageInfo: r.pageInfo });
    announce(e.count(q.data.editorialPublications.edges.length + (more?.edges.length ?? 0) + r.edges.length));
  };
  return (
    <RequireRole roles={['EDITOR', 'OFFICER', 'ADMIN']}>
      <PageTitle>{e.listTitle}</PageTitle>
      {!me?.department ? <Notice kind="error">{t.editor.noDepartment}</Notice> : (
        <>
          <p><Link className="button primary" to="/staff/publish">{e.newItem}</Link></p>
          <form className="filters" onSubmit={apply}>
            <div className="field">
              <label htmlFor="ed-status">{e.status}</label>
              <select id="ed-status" value={choice} onChange={(ev) => setChoice(ev.target.value)}>
                <option value="">{e.allStatuses}</option>
                {STATUSES.map((s) => <option key={s} value={s}>{t.status[s]}</option>)}
              </select>
            </div>
            <button type="submit">{e.show}</button>
          </form>
          <Async q={q}>
            {({ editorialPublications: c }) => {
              const edges = [...c.edges, ...(more?.edges ?? [])];
              const hasNext = (more?.pageInfo ?? c.pageInfo).hasNextPage;
              return edges.length === 0 ? <p>{e.none}</p> : (
                <>
                  <p className="meta">{e.count(c.totalCount)}</p>
                  <ul className="list" data-testid="editorial-list">
                    {edges.map(({ node: p }: any) => (
                      <li key={p.id}>
                        {/* Officers read the department's work; editors and admins change it. */}
                        <Link to={`/staff/publications/${p.id}${canEdit ? '' : '/preview'}`} aria-label={canEdit ? e.open(p.title) : undefined}><L>{p.title}</L></Link>{' '}
                        <StatusBadge status={p.status} />
                        <p className="meta">{t.publication.kinds[p.kind]} · {e.changed}: <time dateTime={p.updatedAt}>{time(p.updatedAt)}</time>
                          {p.status === 'SCHEDULED' && <> · {e.scheduledFor(time(p.publishedAt))}</>}</p>
                      </li>
                    ))}
                  </ul>
                  {hasNext && <button type="button" onClick={loadMore}>{e.more}</button>}
                </>
              );
            }}
          </Async>
        </>
      )}
    </RequireRole>
  );
}

/** `POST /files`: staff upload an attachment; the gateway checks its type by content. */
async function uploadFile(file: File): Promise<{ id: string; fileName: string }> {
  const token = getToken();
  const res = await fetch(`/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; fileName?: string; error?: string };
  if (!res.ok || !body.id) throw new Error(body.error ?? `HTTP ${res.status}`);
  return { id: body.id, fileName: body.fileName ?? file.name };
}

const FIELD_IDS: Record<string, string> = { kind: 'ed-kind', title: 'ed-title', summary: 'ed-summary', body: 'ed-body', topics: 'ed-topics', attachmentIds: 'ed-file', changeNote: 'ed-note' };

export function EditPublication({ id }: { id: string }) {
  const e = useEditorialT();
  const q = useQuery<any>(ops.EditorialPublication, { id });
  // Kept here: the editor below starts afresh (its fields from the saved item) after every step.
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <RequireRole roles={['EDITOR', 'ADMIN']}>
      <Async q={q}>
        {({ publication: p }) => (!p ? <ErrorBox error={e.none} /> : <Editor key={p.updatedAt} p={p} reload={q.reload} outcome={outcome} setOutcome={setOutcome} />)}
      </Async>
    </RequireRole>
  );
}

function Editor({ p, reload, outcome, setOutcome }: { p: any; reload: () => Promise<void>; outcome: string | null; setOutcome: (o: string | null) => void }) {
  const e = useEditorialT();
  const t = useT();
  const { time } = useDate();
  // What the editor wrote is marked with its language when it is not the page's (3.1.2).
  const langOf = useLangOf();
  const [v, setV] = useState({ kind: p.kind, title: p.title, summary: p.summary, body: p.body, topics: p.topics.join(', '), changeNote: '' });
  const [files, setFiles] = useState<{ id: string; fileName: string }[]>(p.attachments);
  const [uploading, setUploading] = useState<string | null>(null);
  const { errors, attempt, show: setErrors } = useFormErrors();
  const err = (f: string) => errors.filter((x) => x.field === `input.${f}` || x.field === f || x.field?.startsWith(`input.${f}.`)).map((x) => x.message).join(' ') || undefined;
  const editable = p.status !== 'ARCHIVED';
  const live = p.status === 'PUBLISHED';

  // Every step answers a payload: its userErrors go to the summary, else the outcome is shown and the item reloaded.
  const run = async (op: string, vars: Record<string, unknown>, key: string, done: string) => {
    setOutcome(null);
    const r = (await gql(op, vars))[key];
    setErrors(r.userErrors);
    if (r.userErrors.length === 0) {
      setOutcome(done);
      await reload();
    }
  };
  const save = (ev: FormEvent) => {
    ev.preventDefault();
    const input = {
      id: p.id, kind: v.kind, title: v.title, summary: v.summary, body: v.body,
      topics: v.topics.split(',').map((s: string) => s.trim()).filter(Boolean),
      attachmentIds: files.map((f) => f.id), changeNote: v.changeNote || undefined,
    };
    return run(ops.UpdatePublication, { input }, 'updatePublication', e.saved);
  };
  const attach = async (file: File | undefined) => {
    if (!file) return;
    setUploading(e.uploading);
    try {
      const f = await uploadFile(file);
      setFiles((old) => [...old, f]);
      setUploading(null);
      announce(f.fileName);
    } catch (x) {
      setUploading(e.uploadFailed((x as Error).message));
    }
  };
  return (
    <>
      <PageTitle>{e.editTitle(p.title)}</PageTitle>
      <p><StatusBadge status={p.status} /> {p.status === 'SCHEDULED' && e.scheduledFor(time(p.publishedAt))}</p>
      {outcome && <Notice focus>{outcome}</Notice>}
      {p.supersededBy && <SupersededNotice by={p.supersededBy} />}
      <p>
        <Link to={`/staff/publications/${p.id}/preview`}>{e.preview}</Link>
        {live && <> · <Link to={`/publications/${p.slug}`}>{e.viewPublic}</Link></>}
      </p>
      <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => FIELD_IDS[f.replace(/^input\./, '').replace(/\.\d+$/, '')]} />
      {editable && (
        <form onSubmit={save} noValidate>
          <div className="field">
            <label htmlFor="ed-kind">{t.editor.kind}</label>
            <select id="ed-kind" data-label={t.editor.kind} value={v.kind} onChange={(ev) => setV({ ...v, kind: ev.target.value })}>
              {Object.entries(t.publication.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </div>
          <Input id="ed-title" lang={langOf(v.title)} label={t.editor.headline} value={v.title} onChange={(ev) => setV({ ...v, title: ev.target.value })} error={err('title')} />
          <Input id="ed-summary" lang={langOf(v.summary)} label={t.editor.summary} value={v.summary} onChange={(ev) => setV({ ...v, summary: ev.target.value })} error={err('summary')} />
          <div className={err('body') ? 'field invalid' : 'field'}>
            <label htmlFor="ed-body">{t.editor.body}</label>
            <textarea id="ed-body" lang={langOf(v.body)} data-label={t.editor.body} rows={10} value={v.body} onChange={(ev) => setV({ ...v, body: ev.target.value })} aria-describedby={err('body') ? 'ed-body-error' : undefined} />
            {err('body') && <p id="ed-body-error" className="field-error"><L>{err('body')}</L></p>}
          </div>
          <Input id="ed-topics" lang={langOf(v.topics)} label={t.editor.topics} value={v.topics} onChange={(ev) => setV({ ...v, topics: ev.target.value })} error={err('topics')} />
          <fieldset>
            <legend>{e.attachments}</legend>
            <ul data-testid="editor-attachments">
              {files.map((f) => (
                <li key={f.id}><L>{f.fileName}</L>{' '}
                  <button type="button" className="link" onClick={() => setFiles(files.filter((o) => o.id !== f.id))}>{e.removeAttachment(f.fileName)}</button></li>
              ))}
            </ul>
            <Input id="ed-file" type="file" label={e.addAttachment} error={err('attachmentIds')} onChange={(ev) => void attach(ev.target.files?.[0])} />
            {uploading && <p role="status">{uploading}</p>}
          </fieldset>
          {live && <Input id="ed-note" label={e.changeNote} value={v.changeNote} onChange={(ev) => setV({ ...v, changeNote: ev.target.value })} error={err('changeNote')} />}
          <button type="submit" className="primary">{e.save}</button>
        </form>
      )}
      <Steps p={p} run={run} />
      <section aria-labelledby="h-history">
        <h2 id="h-history">{e.history}</h2>
        {p.editorialHistory.length === 0 ? <p>{e.noHistory}</p> : (
          <ol data-testid="history">
            {p.editorialHistory.map((h: any, i: number) => (
              <li key={i}><strong>{e.actions[h.action] ?? h.action}</strong> · <time dateTime={h.changedAt}>{time(h.changedAt)}</time>
                {h.changedBy?.displayName && <> · <L>{e.by(h.changedBy.displayName)}</L></>}<br /><L>{h.note}</L></li>
            ))}
          </ol>
        )}
      </section>
      <p><Link to="/staff/publications">{e.listTitle}</Link></p>
    </>
  );
}

type Run = (op: string, vars: Record<string, unknown>, key: string, done: string) => Promise<void>;

/** The workflow steps the item's status allows: schedule or publish, unpublish, supersede, archive. */
function Steps({ p, run }: { p: any; run: Run }) {
  const e = useEditorialT();
  const { me } = useSession();
  const { time } = useDate();
  const [at, setAt] = useState('');
  const [reason, setReason] = useState('');
  const [successor, setSuccessor] = useState('');
  const live = p.status === 'PUBLISHED';
  const published = useQuery<any>(ops.EditorialPublications, live && !p.supersededBy && me?.department ? { departmentId: p.department.id, status: 'PUBLISHED', first: 50 } : null);
  const publish = (ev: FormEvent) => {
    ev.preventDefault();
    const when = at ? new Date(at) : null;
    return run(ops.PublishPublication, { id: p.id, at: when?.toISOString() }, 'publishPublication',
      when && when.getTime() > Date.now() ? e.scheduledFor(time(when.toISOString())) : e.published);
  };
  return (
    <>
      {(p.status === 'DRAFT' || p.status === 'SCHEDULED') && (
        <form onSubmit={publish} noValidate aria-labelledby="h-schedule">
          <h2 id="h-schedule">{e.schedule}</h2>
          <Input id="ed-at" label={e.when} type="datetime-local" value={at} onChange={(ev) => setAt(ev.target.value)} />
          <button type="submit" className="primary">{e.publish}</button>
        </form>
      )}
      {(live || p.status === 'SCHEDULED') && (
        <section aria-labelledby="h-withdraw">
          <h2 id="h-withdraw">{e.unpublish}</h2>
          <p className="hint">{e.unpublishHint}</p>
          <Input id="ed-reason" label={e.reason} value={reason} onChange={(ev) => setReason(ev.target.value)} />
          <button type="button" onClick={() => run(ops.UnpublishPublication, { id: p.id, changeNote: reason || undefined }, 'unpublishPublication', e.unpublished)}>{e.unpublish}</button>
        </section>
      )}
      {live && !p.supersededBy && (
        <form aria-labelledby="h-supersede" onSubmit={(ev) => { ev.preventDefault(); void run(ops.SupersedePublication, { id: p.id, successorId: successor }, 'supersedePublication', e.superseded); }}>
          <h2 id="h-supersede">{e.supersede}</h2>
          <p className="hint">{e.supersedeHint}</p>
          <div className="field">
            <label htmlFor="ed-successor">{e.successor}</label>
            <select id="ed-successor" data-label={e.successor} value={successor} onChange={(ev) => setSuccessor(ev.target.value)}>
              <option value="">{e.chooseSuccessor}</option>
              {published.data?.editorialPublications.edges.filter(({ node }: any) => node.id !== p.id).map(({ node }: any) => <option key={node.id} value={node.id}>{node.title}</option>)}
            </select>
          </div>
          <button type="submit">{e.supersede}</button>
        </form>
      )}
      {p.status !== 'ARCHIVED' && (
        <section aria-labelledby="h-archive">
          <h2 id="h-archive">{e.archive}</h2>
          <p className="hint">{e.archiveHint}</p>
          <button type="button" onClick={() => run(ops.ArchivePublication, { id: p.id, changeNote: reason || undefined }, 'archivePublication', e.archived)}>{e.archive}</button>
        </section>
      )}
    </>
  );
}

/** The item exactly as readers will see it (the public page's own component), marked as a preview. */
export function PreviewPublication({ id }: { id: string }) {
  const e = useEditorialT();
  const q = useQuery<any>(ops.EditorialPublication, { id });
  return (
    <RequireRole roles={['EDITOR', 'OFFICER', 'ADMIN']}>
      <Async q={q}>
        {({ publication: p }) => (!p ? <ErrorBox error={e.none} /> : (
          <>
            <div className="alert info" role="note" data-testid="preview-banner">{e.previewBanner} <Link to={`/staff/publications/${p.id}`}>{e.backToEditor}</Link></div>
            <PublicationArticle p={p}>{p.supersededBy && <SupersededNotice by={p.supersededBy} />}</PublicationArticle>
          </>
        ))}
      </Async>
    </RequireRole>
  );
}
