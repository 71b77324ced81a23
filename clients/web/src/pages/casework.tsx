import { useRef, useState } from 'react';
import { gql, ops, type UserError } from '../api';
import { useT } from '../context';
import { useCaseT } from '../i18n/casework';
import { Link } from '../router';
import { Async, ErrorBox, FormErrors, L, Notice, PageTitle, RequireRole, StatusBadge, useDate, useQuery } from '../ui';
import { History } from './account';
import { DocumentList, type RequiredDocument } from './documents';

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

  // Busy buttons are aria-disabled, not disabled: a disabled button drops the focus it has to <body>.
  const act = async (a: any, action: string) => {
    if (busy) return;
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
            <PageTitle><L>{a.procedure.title}</L> · {a.trackingNumber}</PageTitle>
            {notice && <Notice key={notice} focus>{notice}</Notice>}
            <dl className="facts">
              <dt>{t.queue.applicant}</dt><dd><L>{a.applicant.displayName}</L></dd>
              <dt>{t.applications.status}</dt><dd data-testid="application-status"><StatusBadge status={a.status} /></dd>
              <dt>{t.applications.submitted}</dt><dd>{date(a.submittedAt)}</dd>
              <dt>{t.applications.due}</dt>
              <dd>{date(a.dueAt)}{a.overdue && <span className="badge warn">{t.applications.overdue}</span>}<div className="meta">{c.counted('')}<L>{a.dueCalendar.description}</L></div></dd>
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
                        <button type="button" className="danger" aria-disabled={busy || undefined} onClick={() => void act(a, pending)}>{c.confirm(t.actions[pending])}</button>
                        <button type="button" aria-disabled={busy || undefined} onClick={() => setPending(null)}>{c.cancel}</button>
                      </div>
                    </div>
                  ) : (
                    <div className="actions">
                      {a.availableActions.map((x: any) => (
                        <button key={x.action} type="button" aria-disabled={busy || undefined} className={x.final ? 'danger' : 'primary'} onClick={() => choose(a, x)}>
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
                  <div key={x.field} className="fact"><dt><L>{x.label}</L></dt><dd><L>{x.value}</L></dd></div>
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
          <L>{doc.name}</L> <span className="meta">({doc.mandatory ? c.required : c.optional})</span>:{' '}
          {provided.has(i) ? <span className="badge">{c.provided}</span> : <span className="badge warn">{c.missing}</span>}
        </li>
      ))}
    </ul>
  );
}
