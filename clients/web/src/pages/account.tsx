import { useState, type FormEvent } from 'react';
import { getToken, gql, ops, type UserError } from '../api';
import { hasRole, useSession, useT } from '../context';
import { Link, navigate } from '../router';
import { fieldIdFor, localizeFormErrors, SchemaForm, type JsonSchema } from '../SchemaForm';
import { announce, Async, ErrorBox, ErrorSummary, FormErrors, L, Notice, PageTitle, Phrase, RequireRole, StatusBadge, useDate, useFormErrors, useLangOf, useQuery, uuid } from '../ui';
import { useLive } from '../live';
import { useCaseT } from '../i18n/casework';
import { DocumentList, DocumentPicker, type PickedDocument } from './documents';

function fieldError(errors: UserError[], field: string) {
  return errors.filter((e) => e.field === field).map((e) => e.message).join(' ') || undefined;
}

/** One labelled input with its error beside it. */
export function Input({ id, label, error, hint, ...rest }: { id: string; label: string; error?: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      <input id={id} data-label={label} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      {error && <p id={`${id}-error`} className="field-error"><L>{error}</L></p>}
    </div>
  );
}

const homeFor = (roles: string[]) =>
  roles.includes('OFFICER') ? '/staff/applications' : roles.includes('EDITOR') ? '/staff/publish' : roles.includes('ANALYST') ? '/dashboard' : '/my/applications';

/**
 * Where a sign-in or registration returns to: a path of the portal only (`/…`, never `//host`,
 * which would leave it), else nowhere.
 */
export const portalPath = (next: string | null | undefined) => (next && /^\/(?!\/)/.test(next) ? next : undefined);

/** The way back from the sign-in and registration pages: where the person came from, else home. */
function BackLink({ to }: { to?: string }) {
  const t = useT();
  return <p><Link className="back-link" to={to ?? '/'}>{t.auth.back}</Link></p>;
}

/** `path`, carrying where to return to. */
const withNext = (path: string, next?: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

export function SignIn({ next: asked }: { next?: string }) {
  const next = portalPath(asked);
  const t = useT();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, attempt, show: setErrors } = useFormErrors();
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return; // aria-disabled, not disabled: a disabled button drops focus to <body>
    setBusy(true);
    setFailure(null);
    try {
      const { login } = await gql(ops.Login, { email, password });
      setErrors(login.userErrors);
      if (login.token) {
        await signIn(login.token);
        navigate(next ?? homeFor(login.user.roles));
      }
    } catch (err) {
      setFailure(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <BackLink to={next} />
      <PageTitle>{t.auth.signInTitle}</PageTitle>
      {failure && <ErrorBox error={failure} />}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => ({ email: 'signin-email', password: 'signin-password' })[f]} />
        <Input id="signin-email" label={t.auth.email} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(errors, 'email')} />
        <Input id="signin-password" label={t.auth.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(errors, 'password')} />
        <button type="submit" className="primary" aria-disabled={busy || undefined}>{t.auth.submitSignIn}</button>
      </form>
      <p>{t.auth.noAccount} <Link to={withNext('/register', next)}>{t.app.register}</Link></p>
    </div>
  );
}

export function Register({ next: asked }: { next?: string }) {
  const next = portalPath(asked);
  const t = useT();
  const { signIn } = useSession();
  const [v, setV] = useState({ email: '', password: '', displayName: '' });
  const { errors, attempt, show: setErrors } = useFormErrors();
  const [failure, setFailure] = useState<Error | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      const { register } = await gql(ops.Register, { input: v });
      setErrors(register.userErrors);
      if (register.token) {
        await signIn(register.token);
        navigate(next ?? '/my/applications');
      }
    } catch (err) {
      setFailure(err as Error);
    }
  };
  const err = (f: string) => fieldError(errors, f) ?? fieldError(errors, `input.${f}`);
  return (
    <div className="narrow">
      <BackLink to={next} />
      <PageTitle>{t.auth.registerTitle}</PageTitle>
      {failure && <ErrorBox error={failure} />}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => ({ displayName: 'reg-name', email: 'reg-email', password: 'reg-password' })[f.replace(/^input\./, '')]} />
        <Input id="reg-name" label={t.auth.displayName} autoComplete="name" value={v.displayName} onChange={(e) => setV({ ...v, displayName: e.target.value })} error={err('displayName')} />
        <Input id="reg-email" label={t.auth.email} hint={t.form.example('name@example.org')} type="email" autoComplete="email" value={v.email} onChange={(e) => setV({ ...v, email: e.target.value })} error={err('email')} />
        <Input id="reg-password" label={t.auth.password} hint={t.auth.passwordHint} type="password" autoComplete="new-password" value={v.password} onChange={(e) => setV({ ...v, password: e.target.value })} error={err('password')} />
        <button type="submit" className="primary">{t.auth.submitRegister}</button>
      </form>
      <p>{t.auth.haveAccount} <Link to={withNext('/signin', next)}>{t.app.signIn}</Link></p>
    </div>
  );
}

export function Apply({ code }: { code: string }) {
  const t = useT();
  const { me } = useSession();
  const { date } = useDate();
  const q = useQuery<any>(ops.ProcedureGuide, { code });
  const [value, setValue] = useState<Record<string, unknown> | null>(null);
  const { errors, attempt, show: setErrors } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [done, setDone] = useState<any>(null);
  const [documents, setDocuments] = useState<PickedDocument[]>([]);
  // One key per application: a retry after a lost answer returns the same application.
  const [key] = useState(uuid);
  return (
    <RequireRole roles={['CITIZEN']}>
      <Async q={q}>
        {({ procedure: p }) => {
          if (!p?.applicationForm) return <Notice kind="info">{t.procedure.notOnline}</Notice>;
          const schema = p.applicationForm.schema as JsonSchema;
          const data = value ?? { applicant: { fullName: me?.displayName, email: me?.email } };
          if (done) {
            return (
              <>
                {/* A new heading, so it takes focus from the submit button that is gone. */}
                <PageTitle key="received">{t.form.submitted}</PageTitle>
                <dl className="facts">
                  <dt>{t.form.tracking}</dt><dd data-testid="tracking-number">{done.trackingNumber}</dd>
                  <dt>{t.applications.status}</dt><dd><StatusBadge status={done.status} /></dd>
                  <dt>{t.form.due}</dt><dd>{date(done.dueAt)}</dd>
                </dl>
                <Link className="button" to={`/my/applications/${done.id}`}>{t.applications.title} →</Link>
              </>
            );
          }
          const submit = async (e: FormEvent) => {
            e.preventDefault();
            if (busy) return; // aria-disabled, not disabled: a disabled button drops focus to <body>
            setBusy(true);
            setFailure(null);
            try {
              const { submitApplication: r } = await gql(ops.SubmitApplication, { input: { procedureId: p.id, formData: data, idempotencyKey: key, documents: documents.map(({ fileId, requirement }) => ({ fileId, requirement })) } });
              setErrors(localizeFormErrors(schema, r.userErrors, t));
              if (r.application) {
                setDone(r.application);
                announce(t.form.received(r.application.trackingNumber));
              }
            } catch (err) {
              setFailure(err as Error);
            } finally {
              setBusy(false);
            }
          };
          return (
            <>
              <PageTitle><Phrase message={t.form.title} part={p.title} /></PageTitle>
              <p className="hint">{t.form.requiredNote}</p>
              {failure && <ErrorBox error={failure} />}
              <form onSubmit={submit} noValidate aria-describedby="form-version">
                <ErrorSummary errors={errors} attempt={attempt} fieldId={fieldIdFor} />
                <SchemaForm schema={schema} value={data} onChange={setValue} errors={errors} />
                <DocumentPicker required={p.requiredDocuments} onChange={setDocuments} />
                <p id="form-version" className="meta">v{p.applicationForm.version}</p>
                <button type="submit" className="primary" aria-disabled={busy || undefined}>{busy ? t.form.submitting : t.form.submit}</button>
              </form>
            </>
          );
        }}
      </Async>
    </RequireRole>
  );
}

export function MyApplications() {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.MyApplications, { first: 50 });
  useLive<any>(ops.MyApplicationUpdates, ({ data }) => {
    void q.reload();
    const a = data?.myApplicationUpdated;
    if (a) announce(t.applications.updated(a.trackingNumber, t.status[a.status as keyof typeof t.status] ?? a.status));
  }, !!getToken());
  return (
    <RequireRole roles={['CITIZEN']}>
      <PageTitle>{t.applications.title}</PageTitle>
      <Async q={q}>
        {(d) => d.me.applications.edges.length === 0 ? <p>{t.app.none} <Link to="/services?online=1">{t.home.onlineServices}</Link></p> : (
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t.applications.tracking}</th><th scope="col">{t.applications.service}</th><th scope="col">{t.applications.status}</th><th scope="col">{t.applications.submitted}</th><th scope="col">{t.applications.due}</th></tr></thead>
              <tbody>
                {d.me.applications.edges.map(({ node: a }: any) => (
                  <tr key={a.id}>
                    <td><Link to={`/my/applications/${a.id}`}>{a.trackingNumber}</Link></td>
                    <td><L>{a.procedure.title}</L><div className="meta"><L>{a.procedure.department.name}</L></div></td>
                    <td><StatusBadge status={a.status} />{a.overdue && <span className="badge warn">{t.applications.overdue}</span>}</td>
                    <td>{date(a.submittedAt)}</td>
                    <td>{date(a.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </RequireRole>
  );
}

export function History({ items }: { items: any[] }) {
  const t = useT();
  const { time } = useDate();
  return (
    <section aria-labelledby="h-history">
      <h2 id="h-history">{t.applications.history}</h2>
      <ol className="timeline">
        {items.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{time(h.at)}</time> — <StatusBadge status={h.toStatus} />
            {h.actor && <span className="meta"> {t.applications.by} <L>{h.actor.displayName}</L></span>}
            {h.comment && <p className="comment"><L>{h.comment}</L></p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function FormDataView({ data }: { data: unknown }) {
  if (data === null || typeof data !== 'object') return <>{String(data)}</>;
  return (
    <dl className="facts">
      {Object.entries(data as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="fact"><dt><L>{k}</L></dt><dd>{v && typeof v === 'object' && !Array.isArray(v) ? <FormDataView data={v} /> : <L>{Array.isArray(v) ? v.join(', ') : String(v)}</L>}</dd></div>
      ))}
    </dl>
  );
}

export function ApplicationView({ id }: { id: string }) {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.MyApplicationFile, { id });
  // The officer's decisions (and anything else that changes it) appear without reload.
  useLive<any>(ops.MyApplicationUpdates, ({ data }) => {
    const a = data?.myApplicationUpdated;
    if (a && a.id !== id) return;
    void q.reload();
    if (a) announce(t.applications.updated(a.trackingNumber, t.status[a.status as keyof typeof t.status] ?? a.status));
  }, !!getToken());
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<UserError[]>([]);
  const may = (a: any, action: string) => a.availableActions.some((x: any) => x.action === action);
  const withdraw = async (a: any) => {
    if (!window.confirm(t.applications.withdrawConfirm)) return;
    const { withdrawApplication: r } = await gql(ops.WithdrawApplication, { id: a.id, expectedVersion: a.version });
    setErrors(r.userErrors);
    if (r.application) setNotice(t.status[r.application.status]);
    await q.reload();
  };
  return (
    <RequireRole roles={['CITIZEN']}>
      <Async q={q}>
        {({ application: a }) => !a ? <ErrorBox error={t.app.notFound} /> : (
          <article>
            <p><Link to="/my/applications">← {t.applications.title}</Link></p>
            <PageTitle><L>{a.procedure.title}</L> · {a.trackingNumber}</PageTitle>
            {notice && <Notice focus>{notice}</Notice>}
            <FormErrors errors={errors} />
            <dl className="facts">
              <dt>{t.applications.status}</dt><dd data-testid="application-status"><StatusBadge status={a.status} />{a.overdue && <span className="badge warn">{t.applications.overdue}</span>}</dd>
              <dt>{t.applications.submitted}</dt><dd>{date(a.submittedAt)}</dd>
              <dt>{t.applications.due}</dt><dd>{date(a.dueAt)}</dd>
              <dt>{t.applications.decided}</dt><dd>{date(a.decidedAt)}</dd>
            </dl>
            <History items={a.history} />
            <DocumentList documents={a.documents} />
            {may(a, 'SUPPLEMENT') && <Supplement application={a} onDone={() => { setNotice(t.applications.done); void q.reload(); }} />}
            {may(a, 'WITHDRAW') && (
              <p><button type="button" className="danger" onClick={() => void withdraw(a)}>{t.applications.withdraw}</button></p>
            )}
            <section aria-labelledby="h-data"><h2 id="h-data">{t.applications.formData}</h2><FormDataView data={a.formData} /></section>
          </article>
        )}
      </Async>
    </RequireRole>
  );
}

function Supplement({ application: a, onDone }: { application: any; onDone: () => void }) {
  const t = useT();
  const q = useQuery<any>(ops.ProcedureGuide, { code: a.procedure.code });
  const [value, setValue] = useState<Record<string, unknown>>(a.formData);
  const { errors, attempt, show: setErrors } = useFormErrors();
  const [documents, setDocuments] = useState<PickedDocument[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const attached = documents.map(({ fileId, requirement }) => ({ fileId, requirement }));
    const { supplementApplication: r } = await gql(ops.SupplementApplication, { input: { id: a.id, formData: value, expectedVersion: a.version, documents: attached } });
    setErrors(localizeFormErrors(q.data!.procedure.applicationForm.schema, r.userErrors, t));
    if (r.application) onDone();
  };
  return (
    <section aria-labelledby="h-supp" className="card">
      <h2 id="h-supp">{t.applications.supplement}</h2>
      <p>{t.applications.supplementHint}</p>
      <Async q={q}>
        {({ procedure: p }) => (
          <form onSubmit={submit} noValidate>
            <ErrorSummary errors={errors} attempt={attempt} fieldId={fieldIdFor} />
            <SchemaForm schema={p.applicationForm.schema} value={value} onChange={setValue} errors={errors} />
            <DocumentPicker required={a.procedure.requiredDocuments} onChange={setDocuments} idPrefix="supplement-doc" />
            <button type="submit" className="primary">{t.applications.sendSupplement}</button>
          </form>
        )}
      </Async>
    </section>
  );
}

export function MyFeedback() {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.MyFeedback, { first: 50 });
  const [rated, setRated] = useState<string | null>(null);
  return (
    <RequireRole roles={['CITIZEN']}>
      <PageTitle>{t.feedback.title}</PageTitle>
      <p><Link className="button primary" to="/feedback/new">{t.feedback.send}</Link></p>
      <Async q={q}>
        {(d) => d.me.feedback.edges.length === 0 ? <p>{t.app.none}</p> : (
          <ul className="list">
            {d.me.feedback.edges.map(({ node: f }: any) => (
              <li key={f.id} className="card">
                <h2 className="h3"><L>{f.subject}</L></h2>
                <p className="meta">{f.trackingNumber} · {t.feedback.kinds[f.kind]} · {date(f.submittedAt)} · <StatusBadge status={f.status} /></p>
                {f.replies.length > 0 && (
                  <>
                    <h3 className="h4">{t.feedback.replies}</h3>
                    {f.replies.map((r: any, i: number) => <blockquote key={i}><L>{r.body}</L><div className="meta">{date(r.at)}</div></blockquote>)}
                    {/* Just rated: the form is gone, so its outcome takes focus. */}
                    {f.satisfaction ? (rated === f.id ? <Notice focus>{t.feedback.rated(f.satisfaction)}</Notice> : <p>{t.feedback.rated(f.satisfaction)}</p>) : <Rate id={f.id} onDone={() => { setRated(f.id); void q.reload(); }} />}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </RequireRole>
  );
}

function Rate({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [score, setScore] = useState(0);
  const [errors, setErrors] = useState<UserError[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { rateFeedback: r } = await gql(ops.RateFeedback, { input: { feedbackId: id, score } });
    setErrors(r.userErrors);
    if (r.feedback) onDone();
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <fieldset className="group inline">
        <legend>{t.feedback.score}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="choice"><input type="radio" name={`rate-${id}`} checked={score === n} onChange={() => setScore(n)} /> {n}</label>
        ))}
      </fieldset>
      <FormErrors errors={errors} />
      <button type="submit" disabled={!score}>{t.feedback.rate}</button>
    </form>
  );
}

export function NewFeedback({ params }: { params: URLSearchParams }) {
  const t = useT();
  const { me } = useSession();
  const deps = useQuery<any>(ops.HomePage, {});
  const langOf = useLangOf();
  const [v, setV] = useState({
    kind: params.get('kind') ?? 'COMPLAINT',
    departmentId: params.get('department') ?? '',
    subject: '',
    body: '',
    publicationConsent: false,
  });
  const { errors, attempt, show: setErrors } = useFormErrors();
  const c = useCaseT();
  const [sent, setSent] = useState<string | null>(null);
  const [key] = useState(uuid);
  if (!hasRole(me, 'CITIZEN')) {
    return <RequireRole roles={['CITIZEN']}><></></RequireRole>;
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      ...v,
      procedureId: params.get('procedure') || undefined,
      publicationId: params.get('publication') || undefined,
      applicationId: params.get('application') || undefined,
      idempotencyKey: key,
    };
    const { submitFeedback: r } = await gql(ops.SubmitFeedback, { input });
    setErrors(r.userErrors);
    if (r.feedback) setSent(r.feedback.trackingNumber);
  };
  const err = (f: string) => fieldError(errors, `input.${f}`) ?? fieldError(errors, f);
  if (sent) return (<><PageTitle>{t.feedback.send}</PageTitle><Notice focus>{t.feedback.sent(sent)}</Notice><Link to="/my/feedback">{t.feedback.title} →</Link></>);
  return (
    <div className="narrow">
      <PageTitle>{t.feedback.send}</PageTitle>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} attempt={attempt} fieldId={(f) => ({ kind: 'fb-kind', departmentId: 'fb-dep', subject: 'fb-subject', body: 'fb-body' })[f.replace(/^input\./, '')]} />
        <div className="field">
          <label htmlFor="fb-kind">{t.feedback.kind}</label>
          <select id="fb-kind" data-label={t.feedback.kind} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })}>
            {Object.entries(t.feedback.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </div>
        <div className={err('departmentId') ? 'field invalid' : 'field'}>
          <label htmlFor="fb-dep">{t.feedback.department}</label>
          <select id="fb-dep" data-label={t.feedback.department} value={v.departmentId} onChange={(e) => setV({ ...v, departmentId: e.target.value })} aria-invalid={!!err('departmentId') || undefined} aria-describedby={err('departmentId') ? 'fb-dep-error' : undefined}>
            <option value="">{t.form.choose}</option>
            {deps.data?.departments.map((d: any) => <option key={d.id} value={d.id} lang={langOf(d.name)}>{d.name}</option>)}
          </select>
          {err('departmentId') && <p id="fb-dep-error" className="field-error"><L>{err('departmentId')}</L></p>}
        </div>
        <Input id="fb-subject" label={t.feedback.subject} value={v.subject} onChange={(e) => setV({ ...v, subject: e.target.value })} error={err('subject')} />
        <div className={err('body') ? 'field invalid' : 'field'}>
          <label htmlFor="fb-body">{t.feedback.body}</label>
          <textarea id="fb-body" data-label={t.feedback.body} rows={6} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} aria-invalid={!!err('body') || undefined} aria-describedby={err('body') ? 'fb-body-error' : undefined} />
          {err('body') && <p id="fb-body-error" className="field-error"><L>{err('body')}</L></p>}
        </div>
        <label className="choice"><input type="checkbox" checked={v.publicationConsent} onChange={(e) => setV({ ...v, publicationConsent: e.target.checked })} /> {c.consent}</label>
        <button type="submit" className="primary">{t.feedback.submit}</button>
      </form>
    </div>
  );
}
