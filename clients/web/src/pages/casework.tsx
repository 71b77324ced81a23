import { useRef, useState, type ReactNode } from 'react';
import { getToken, gql, ops, type UserError } from '../api';
import { useT } from '../context';
import { useCaseT } from '../i18n/casework';
import { Link } from '../router';
import { Async, ErrorBox, FormErrors, Notice, PageTitle, RequireRole, StatusBadge, useDate, useQuery } from '../ui';
import { History } from './account';

/** One attached document as the portal keeps it until the form is sent. */
export interface PickedDocument {
  fileId: string;
  requirement: number | null;
  fileName: string;
}

interface RequiredDocument {
  name: string;
  description?: string;
  mandatory: boolean;
}

const auth = (): Record<string, string> => {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** `POST /documents`: the raw file; the gateway checks its type by content and keeps it private. */
async function uploadDocument(file: File): Promise<{ id: string; fileName: string }> {
  const res = await fetch(`/documents?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', ...auth() },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; fileName?: string; error?: string };
  if (!res.ok || !body.id) throw new Error(body.error ?? `HTTP ${res.status}`);
  return { id: body.id, fileName: body.fileName ?? file.name };
}

/** Opens a private document in a new tab through a short-lived signed link (no token in the URL bar for long). */
async function openDocument(downloadUrl: string) {
  const res = await fetch(`${downloadUrl}/link`, { method: 'POST', headers: auth() });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const { url } = (await res.json()) as { url: string };
  window.open(url, '_blank', 'noopener');
}

/**
 * A file input per document the procedure asks for, and one for anything else. Each file is
 * uploaded as soon as it is chosen; the form then sends the ids with the requirement each meets.
 */
export function DocumentPicker({ required, value, onChange, idPrefix = 'doc' }: {
  required: RequiredDocument[];
  value: PickedDocument[];
  onChange: (v: PickedDocument[]) => void;
  idPrefix?: string;
}) {
  const c = useCaseT();
  const [state, setState] = useState<Record<string, string>>({});
  const slots: { key: string; requirement: number | null; label: string; doc?: RequiredDocument }[] = [
    ...required.map((doc, i) => ({ key: String(i), requirement: i, label: doc.name, doc })),
    { key: 'extra', requirement: null, label: c.extra },
  ];
  const pick = async (requirement: number | null, key: string, file: File | undefined) => {
    if (!file) return;
    setState((s) => ({ ...s, [key]: c.uploading }));
    try {
      const up = await uploadDocument(file);
      const others = value.filter((d) => (requirement === null ? true : d.requirement !== requirement));
      onChange([...others, { fileId: up.id, requirement, fileName: up.fileName }]);
      setState((s) => ({ ...s, [key]: c.uploaded(up.fileName) }));
    } catch (err) {
      setState((s) => ({ ...s, [key]: c.uploadFailed((err as Error).message) }));
    }
  };
  return (
    <fieldset className="documents">
      <legend>{c.documents}</legend>
      <p className="hint">{c.documentsHint}</p>
      {slots.map((slot) => {
        const id = `${idPrefix}-${slot.key}`;
        return (
          <div className="field" key={slot.key}>
            <label htmlFor={id}>
              {slot.label} <span className="meta">({slot.doc ? (slot.doc.mandatory ? c.required : c.optional) : c.optional})</span>
            </label>
            {slot.doc?.description && <p className="hint" id={`${id}-hint`}>{slot.doc.description}</p>}
            <input
              id={id}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={slot.doc?.description ? `${id}-hint` : undefined}
              onChange={(e) => void pick(slot.requirement, slot.key, e.target.files?.[0])}
            />
            {state[slot.key] && <p className="meta" role="status">{state[slot.key]}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The attached documents, each opened through a signed link. */
export function DocumentList({ documents, children }: { documents: any[] | null; children?: ReactNode }) {
  const c = useCaseT();
  const { time } = useDate();
  const [error, setError] = useState<Error | null>(null);
  if (!documents) return null;
  return (
    <section aria-labelledby="h-documents">
      <h2 id="h-documents">{c.documents}</h2>
      {children}
      {error && <ErrorBox error={error} />}
      {documents.length === 0 ? <p>{c.noDocuments}</p> : (
        <ul className="list" data-testid="documents">
          {documents.map((d) => (
            <li key={d.id}>
              <strong>{d.requirement ?? c.extra}</strong>: {d.fileName}{' '}
              <span className="meta">{c.stage[d.stage]} · {time(d.attachedAt)} · {Math.ceil(d.sizeBytes / 1024)} KB</span>{' '}
              {d.downloadUrl ? (
                <button type="button" onClick={() => void openDocument(d.downloadUrl).catch(setError)}>{c.open(d.fileName)}</button>
              ) : <span className="meta">{c.removed}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The officer's case file: the citizen's answers as the form labels them, the documents against
 * the procedure's checklist, the history, and only the actions the graph says are possible now.
 * A reason is asked for where one is needed; a final decision is confirmed first.
 */
export function CaseFile({ id }: { id: string }) {
  const t = useT();
  const c = useCaseT();
  const { date } = useDate();
  const q = useQuery<any>(ops.CaseFile, { id });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const act = async (a: any, action: string) => {
    setBusy(true);
    try {
      const { transitionApplication: r } = await gql(ops.TransitionApplication, { input: { id: a.id, action, expectedVersion: a.version, comment: reason.trim() || undefined } });
      setErrors(r.userErrors);
      setPending(null);
      await q.reload();
      if (r.userErrors.length === 0 && r.application) {
        setNotice(t.queue.done(t.status[r.application.status] ?? r.application.status));
        setReason('');
      }
    } finally {
      setBusy(false);
    }
  };
  const choose = (a: any, available: { action: string; reasonRequired: boolean; final: boolean }) => {
    setNotice(null);
    if (available.reasonRequired && !reason.trim()) {
      setErrors([{ field: 'input.comment', code: 'REASON_REQUIRED', message: c.reasonNeeded(t.actions[available.action]) }]);
      reasonRef.current?.focus();
      return;
    }
    setErrors([]);
    if (available.final) setPending(available.action);
    else void act(a, available.action);
  };

  return (
    <RequireRole roles={['OFFICER', 'ADMIN']}>
      <Async q={q}>
        {({ application: a }) => !a ? <ErrorBox error={t.app.notFound} /> : (
          <article>
            <p><Link to="/staff/applications">← {t.queue.title}</Link></p>
            <PageTitle>{a.procedure.title} · {a.trackingNumber}</PageTitle>
            {notice && <Notice>{notice}</Notice>}
            <dl className="facts">
              <dt>{t.queue.applicant}</dt><dd>{a.applicant.displayName}</dd>
              <dt>{t.applications.status}</dt><dd data-testid="application-status"><StatusBadge status={a.status} /></dd>
              <dt>{t.applications.submitted}</dt><dd>{date(a.submittedAt)}</dd>
              <dt>{t.applications.due}</dt>
              <dd>{date(a.dueAt)}{a.overdue && <span className="badge warn">{t.applications.overdue}</span>}<div className="meta">{c.counted(a.dueCalendar.description)}</div></dd>
            </dl>
            <section aria-labelledby="h-decide" className="card">
              <h2 id="h-decide">{c.decide}</h2>
              <FormErrors errors={errors} />
              {a.availableActions.length === 0 ? <p>{c.noActions}</p> : (
                <>
                  <div className="field">
                    <label htmlFor="decision-comment">{t.queue.comment}</label>
                    <textarea id="decision-comment" ref={reasonRef} rows={3} value={reason} onChange={(e) => setReason(e.target.value)}
                      aria-invalid={errors.some((e) => e.field === 'input.comment') || undefined} />
                  </div>
                  {pending ? (
                    <div role="alertdialog" aria-labelledby="confirm-title" className="alert warn">
                      <p id="confirm-title">{c.confirmTitle(t.actions[pending])}</p>
                      <div className="actions">
                        <button type="button" className="danger" disabled={busy} onClick={() => void act(a, pending)}>{c.confirm(t.actions[pending])}</button>
                        <button type="button" disabled={busy} onClick={() => setPending(null)}>{c.cancel}</button>
                      </div>
                    </div>
                  ) : (
                    <div className="actions">
                      {a.availableActions.map((x: any) => (
                        <button key={x.action} type="button" disabled={busy} className={x.final ? 'danger' : 'primary'} onClick={() => choose(a, x)}>
                          {t.actions[x.action] ?? x.action}
                        </button>
                      ))}
                    </div>
                  )}
                </>
              )}
            </section>
            <section aria-labelledby="h-answers">
              <h2 id="h-answers">{c.answers}</h2>
              <dl className="facts" data-testid="answers">
                {a.answers.map((x: any) => (
                  <div key={x.field} className="fact"><dt>{x.label}</dt><dd>{x.value}</dd></div>
                ))}
              </dl>
            </section>
            <DocumentList documents={a.documents}>
              <Checklist required={a.procedure.requiredDocuments} documents={a.documents} />
            </DocumentList>
            <History items={a.history} />
          </article>
        )}
      </Async>
    </RequireRole>
  );
}

/** The procedure's required documents, each marked provided or missing. */
function Checklist({ required, documents }: { required: RequiredDocument[]; documents: any[] | null }) {
  const c = useCaseT();
  if (!documents || required.length === 0) return null;
  const provided = new Set(documents.map((d) => d.requirementIndex));
  return (
    <ul className="checklist" aria-label={c.requirement}>
      {required.map((doc, i) => (
        <li key={i}>
          {doc.name} <span className="meta">({doc.mandatory ? c.required : c.optional})</span>:{' '}
          {provided.has(i) ? <span className="badge">{c.provided}</span> : <span className="badge warn">{c.missing}</span>}
        </li>
      ))}
    </ul>
  );
}
