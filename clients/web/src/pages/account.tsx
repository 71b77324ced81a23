import { useState, type FormEvent } from 'react';
import { announce, Content, ErrorSummary, Template, useContentLang, useFormErrors } from '../a11y';
import { gql, ops, type UserError } from '../api';
import { hasRole, useSession, useT } from '../context';
import { fieldErrors, idsFrom, Input, Select, TextArea } from '../forms';
import { Link, navigate } from '../router';
import { idFor, SchemaForm, useFieldMessage } from '../SchemaForm';
import { Async, ErrorBox, Notice, PageTitle, RequireRole, StatusBadge, useDate, useQuery, uuid } from '../ui';

export { Input } from '../forms';

const homeFor = (roles: string[]) =>
  roles.includes('OFFICER') ? '/staff/applications' : roles.includes('EDITOR') ? '/staff/publish' : roles.includes('ANALYST') ? '/dashboard' : '/my/applications';

export function SignIn({ next }: { next?: string }) {
  const t = useT();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, attempt, setErrors } = useFormErrors();
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const { login } = await gql(ops.Login, { email, password });
      setErrors(login.userErrors);
      if (login.token) {
        await signIn(login.token);
        navigate(next && next.startsWith('/') ? next : homeFor(login.user.roles));
      }
    } catch (err) {
      setFailure(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <PageTitle>{t.auth.signInTitle}</PageTitle>
      {failure && <ErrorBox error={failure} />}
      <ErrorSummary errors={errors} attempt={attempt} idOf={idsFrom({ email: 'signin-email', password: 'signin-password' })} />
      <form onSubmit={submit} noValidate>
        <Input id="signin-email" label={t.auth.email} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldErrors(errors, 'email')} />
        <Input id="signin-password" label={t.auth.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldErrors(errors, 'password')} />
        <button type="submit" className="primary" disabled={busy}>{t.auth.submitSignIn}</button>
      </form>
      <p>{t.auth.noAccount} <Link to="/register">{t.app.register}</Link></p>
    </div>
  );
}

export function Register() {
  const t = useT();
  const { signIn } = useSession();
  const [v, setV] = useState({ email: '', password: '', displayName: '' });
  const { errors, attempt, setErrors } = useFormErrors();
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const { register } = await gql(ops.Register, { input: v });
      setErrors(register.userErrors);
      if (register.token) {
        await signIn(register.token);
        navigate('/my/applications');
      }
    } catch (err) {
      setFailure(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <PageTitle>{t.auth.registerTitle}</PageTitle>
      {failure && <ErrorBox error={failure} />}
      <ErrorSummary errors={errors} attempt={attempt} idOf={idsFrom({ displayName: 'reg-name', email: 'reg-email', password: 'reg-password' })} />
      <form onSubmit={submit} noValidate>
        <Input id="reg-name" label={t.auth.displayName} autoComplete="name" value={v.displayName} onChange={(e) => setV({ ...v, displayName: e.target.value })} error={fieldErrors(errors, 'displayName')} />
        <Input id="reg-email" label={t.auth.email} hint={t.hints.example('name@example.com')} type="email" autoComplete="email" value={v.email} onChange={(e) => setV({ ...v, email: e.target.value })} error={fieldErrors(errors, 'email')} />
        <Input id="reg-password" label={t.auth.password} hint={t.auth.passwordHint} type="password" autoComplete="new-password" value={v.password} onChange={(e) => setV({ ...v, password: e.target.value })} error={fieldErrors(errors, 'password')} />
        <button type="submit" className="primary" disabled={busy}>{t.auth.submitRegister}</button>
      </form>
      <p>{t.auth.haveAccount} <Link to="/signin">{t.app.signIn}</Link></p>
    </div>
  );
}

export function Apply({ code }: { code: string }) {
  const t = useT();
  const { me } = useSession();
  const { date } = useDate();
  const q = useQuery<any>(ops.ProcedureGuide, { code });
  const [value, setValue] = useState<Record<string, unknown> | null>(null);
  const { errors, attempt, setErrors } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [done, setDone] = useState<any>(null);
  // One key per application: a retry after a lost answer returns the same application.
  const [key] = useState(uuid);
  return (
    <RequireRole roles={['CITIZEN']}>
      <Async q={q} page>
        {({ procedure: p }) => {
          if (!p?.applicationForm) return <><PageTitle><Template of={t.form.title}><Content>{p?.title ?? code}</Content></Template></PageTitle><Notice kind="info">{t.procedure.notOnline}</Notice></>;
          if (done) return <Received application={done} date={date} />;
          return <ApplyForm p={p} value={value ?? { applicant: { fullName: me?.displayName, email: me?.email } }} setValue={setValue} errors={errors} attempt={attempt} busy={busy} failure={failure} submit={async (data) => {
            setBusy(true);
            setFailure(null);
            try {
              const { submitApplication: r } = await gql(ops.SubmitApplication, { input: { procedureId: p.id, formData: data, idempotencyKey: key } });
              setErrors(r.userErrors);
              if (r.application) {
                setDone(r.application);
                announce(`${t.form.submitted} ${t.form.tracking}: ${r.application.trackingNumber}`);
              }
            } catch (err) {
              setFailure(err as Error);
            } finally {
              setBusy(false);
            }
          }} />;
        }}
      </Async>
    </RequireRole>
  );
}

/** The outcome of an application: its own view, heading focused, tracking number announced. */
function Received({ application: a, date }: { application: any; date: (iso?: string | null) => string }) {
  const t = useT();
  return (
    <div key="received">
      <PageTitle>{t.form.submitted}</PageTitle>
      <dl className="facts">
        <dt>{t.form.tracking}</dt><dd data-testid="tracking-number">{a.trackingNumber}</dd>
        <dt>{t.applications.status}</dt><dd><StatusBadge status={a.status} /></dd>
        <dt>{t.form.due}</dt><dd>{date(a.dueAt)}</dd>
      </dl>
      <Link className="button" to={`/my/applications/${a.id}`}>{t.applications.title} →</Link>
    </div>
  );
}

function ApplyForm({ p, value, setValue, errors, attempt, busy, failure, submit }: {
  p: any; value: Record<string, unknown>; setValue: (v: Record<string, unknown>) => void; errors: UserError[]; attempt: number;
  busy: boolean; failure: Error | null; submit: (data: Record<string, unknown>) => Promise<void>;
}) {
  const t = useT();
  const schema = p.applicationForm.schema;
  const messageOf = useFieldMessage(schema);
  return (
    <div key="form">
      <PageTitle><Template of={t.form.title}><Content>{p.title}</Content></Template></PageTitle>
      <p className="hint">{t.form.requiredNote}</p>
      {failure && <ErrorBox error={failure} />}
      <ErrorSummary errors={errors} attempt={attempt} idOf={idFor} messageOf={messageOf} />
      <form onSubmit={(e) => { e.preventDefault(); void submit(value); }} noValidate aria-describedby="form-version">
        <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} />
        <p id="form-version" className="meta">v{p.applicationForm.version}</p>
        <button type="submit" className="primary" disabled={busy}>{busy ? t.form.submitting : t.form.submit}</button>
      </form>
    </div>
  );
}

export function MyApplications() {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.MyApplications, { first: 50 });
  return (
    <RequireRole roles={['CITIZEN']}>
      <PageTitle>{t.applications.title}</PageTitle>
      <Async q={q}>
        {(d) => d.me.applications.edges.length === 0 ? <p>{t.app.none} <Link to="/services?online=1">{t.home.onlineServices}</Link></p> : (
          <div className="table-wrap" role="region" aria-labelledby="my-apps-caption" tabIndex={0}>
            <table>
              <caption id="my-apps-caption" className="sr-only">{t.applications.title}</caption>
              <thead><tr><th scope="col">{t.applications.tracking}</th><th scope="col">{t.applications.service}</th><th scope="col">{t.applications.status}</th><th scope="col">{t.applications.submitted}</th><th scope="col">{t.applications.due}</th></tr></thead>
              <tbody>
                {d.me.applications.edges.map(({ node: a }: any) => (
                  <tr key={a.id}>
                    <td><Link to={`/my/applications/${a.id}`}>{a.trackingNumber}</Link></td>
                    <td><Content>{a.procedure.title}</Content><Content as="div" className="meta">{a.procedure.department.name}</Content></td>
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
            {h.actor && <span className="meta"> {t.applications.by} {h.actor.displayName}</span>}
            {h.comment && <Content as="p" className="comment">{h.comment}</Content>}
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
        <div key={k} className="fact"><dt>{k}</dt><dd>{v && typeof v === 'object' && !Array.isArray(v) ? <FormDataView data={v} /> : Array.isArray(v) ? v.join(', ') : String(v)}</dd></div>
      ))}
    </dl>
  );
}

export function ApplicationView({ id }: { id: string }) {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.ApplicationDetail, { id });
  // Each outcome is a new notice (key), focused: the control that caused it is gone.
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const { errors, attempt, setErrors } = useFormErrors();
  const say = (text: string) => setNotice((o) => ({ text, n: (o?.n ?? 0) + 1 }));
  const withdraw = async (a: any) => {
    if (!window.confirm(t.applications.withdrawConfirm)) return;
    const { withdrawApplication: r } = await gql(ops.WithdrawApplication, { id: a.id, expectedVersion: a.version });
    setErrors(r.userErrors);
    await q.reload();
    if (r.application) say(t.status[r.application.status]);
  };
  return (
    <RequireRole roles={['CITIZEN']}>
      <Async q={q} page>
        {({ application: a }) => !a ? <><PageTitle>{t.app.notFound}</PageTitle><p>{t.app.notFoundText}</p></> : (
          <article>
            <p><Link to="/my/applications">← {t.applications.title}</Link></p>
            <PageTitle><Content>{a.procedure.title}</Content> · {a.trackingNumber}</PageTitle>
            {notice && <Notice key={notice.n} focus>{notice.text}</Notice>}
            <ErrorSummary errors={errors} attempt={attempt} idOf={() => undefined} />
            <dl className="facts">
              <dt>{t.applications.status}</dt><dd data-testid="application-status"><StatusBadge status={a.status} />{a.overdue && <span className="badge warn">{t.applications.overdue}</span>}</dd>
              <dt>{t.applications.submitted}</dt><dd>{date(a.submittedAt)}</dd>
              <dt>{t.applications.due}</dt><dd>{date(a.dueAt)}</dd>
              <dt>{t.applications.decided}</dt><dd>{date(a.decidedAt)}</dd>
            </dl>
            <History items={a.history} />
            {a.status === 'SUPPLEMENT_REQUESTED' && <Supplement application={a} onDone={() => { void q.reload().then(() => say(t.applications.done)); }} />}
            {['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED'].includes(a.status) && (
              <p><button type="button" className="danger" onClick={() => void withdraw(a)}>{t.applications.withdraw}</button></p>
            )}
            <section aria-labelledby="h-data"><h2 id="h-data">{t.applications.formData}</h2><Content as="div"><FormDataView data={a.formData} /></Content></section>
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
  const { errors, attempt, setErrors } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const submit = async (data: Record<string, unknown>) => {
    setBusy(true);
    try {
      const { supplementApplication: r } = await gql(ops.SupplementApplication, { input: { id: a.id, formData: data, expectedVersion: a.version } });
      setErrors(r.userErrors);
      if (r.application) onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="h-supp" className="card">
      <h2 id="h-supp">{t.applications.supplement}</h2>
      <p>{t.applications.supplementHint}</p>
      <Async q={q}>
        {({ procedure: p }) => <SupplementForm schema={p.applicationForm.schema} value={value} setValue={setValue} errors={errors} attempt={attempt} busy={busy} submit={submit} />}
      </Async>
    </section>
  );
}

function SupplementForm({ schema, value, setValue, errors, attempt, busy, submit }: {
  schema: any; value: Record<string, unknown>; setValue: (v: Record<string, unknown>) => void; errors: UserError[]; attempt: number; busy: boolean;
  submit: (v: Record<string, unknown>) => Promise<void>;
}) {
  const t = useT();
  const messageOf = useFieldMessage(schema);
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(value); }} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} idOf={idFor} messageOf={messageOf} />
      <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} />
      <button type="submit" className="primary" disabled={busy}>{t.applications.sendSupplement}</button>
    </form>
  );
}

export function MyFeedback() {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.MyFeedback, { first: 50 });
  return (
    <RequireRole roles={['CITIZEN']}>
      <PageTitle>{t.feedback.title}</PageTitle>
      <p><Link className="button primary" to="/feedback/new">{t.feedback.send}</Link></p>
      <Async q={q}>
        {(d) => d.me.feedback.edges.length === 0 ? <p>{t.app.none}</p> : (
          <ul className="list">
            {d.me.feedback.edges.map(({ node: f }: any) => (
              <li key={f.id} className="card">
                <h2 className="h3"><Content>{f.subject}</Content></h2>
                <p className="meta">{f.trackingNumber} · {t.feedback.kinds[f.kind]} · {date(f.submittedAt)} · <StatusBadge status={f.status} /></p>
                {f.replies.length > 0 && (
                  <>
                    <h3 className="h4">{t.feedback.replies}</h3>
                    {f.replies.map((r: any, i: number) => <blockquote key={i}><Content>{r.body}</Content><div className="meta">{date(r.at)}</div></blockquote>)}
                    {f.satisfaction ? <Rated score={f.satisfaction} /> : <Rate id={f.id} subject={f.subject} onDone={() => void q.reload()} />}
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

/** The rating given: focused when it replaces the form that gave it. */
function Rated({ score }: { score: number }) {
  const t = useT();
  return <p tabIndex={-1} ref={(el) => { if (el && document.activeElement === document.body) el.focus(); }}>{t.feedback.rated(score)}</p>;
}

function Rate({ id, subject, onDone }: { id: string; subject: string; onDone: () => void }) {
  const t = useT();
  const [score, setScore] = useState(0);
  const { errors, attempt, setErrors } = useFormErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { rateFeedback: r } = await gql(ops.RateFeedback, { input: { feedbackId: id, score } });
    setErrors(r.userErrors);
    if (r.feedback) onDone();
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label={`${t.feedback.rate}: ${subject}`}>
      <ErrorSummary errors={errors} attempt={attempt} idOf={() => `rate-${id}`} />
      <fieldset id={`rate-${id}`} className="group inline">
        <legend>{t.feedback.score}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="choice"><input type="radio" name={`rate-${id}`} checked={score === n} onChange={() => setScore(n)} /> {n}</label>
        ))}
      </fieldset>
      <button type="submit" disabled={!score}>{t.feedback.rate}</button>
    </form>
  );
}

const FEEDBACK_FIELDS = { kind: 'fb-kind', departmentId: 'fb-dep', subject: 'fb-subject', body: 'fb-body' };

export function NewFeedback({ params }: { params: URLSearchParams }) {
  const t = useT();
  const { me } = useSession();
  const langOf = useContentLang();
  const deps = useQuery<any>(ops.HomePage, {});
  const [v, setV] = useState({
    kind: params.get('kind') ?? 'COMPLAINT',
    departmentId: params.get('department') ?? '',
    subject: '',
    body: '',
  });
  const { errors, attempt, setErrors } = useFormErrors();
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    try {
      const { submitFeedback: r } = await gql(ops.SubmitFeedback, { input });
      setErrors(r.userErrors);
      if (r.feedback) setSent(r.feedback.trackingNumber);
    } finally {
      setBusy(false);
    }
  };
  if (sent) {
    return (
      <div key="sent">
        <PageTitle>{t.feedback.sent(sent)}</PageTitle>
        <p><Link to="/my/feedback">{t.feedback.title} →</Link></p>
      </div>
    );
  }
  return (
    <div className="narrow" key="form">
      <PageTitle>{t.feedback.send}</PageTitle>
      <ErrorSummary errors={errors} attempt={attempt} idOf={idsFrom(FEEDBACK_FIELDS)} />
      <form onSubmit={submit} noValidate>
        <Select id="fb-kind" label={t.feedback.kind} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })} error={fieldErrors(errors, 'kind')}>
          {Object.entries(t.feedback.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </Select>
        <Select id="fb-dep" label={t.feedback.department} value={v.departmentId} onChange={(e) => setV({ ...v, departmentId: e.target.value })} error={fieldErrors(errors, 'departmentId')}>
          <option value="">{t.form.choose}</option>
          {deps.data?.departments.map((d: any) => <option key={d.id} value={d.id} lang={langOf()}>{d.name}</option>)}
        </Select>
        <Input id="fb-subject" label={t.feedback.subject} value={v.subject} onChange={(e) => setV({ ...v, subject: e.target.value })} error={fieldErrors(errors, 'subject')} />
        <TextArea id="fb-body" label={t.feedback.body} rows={6} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} error={fieldErrors(errors, 'body')} />
        <button type="submit" className="primary" disabled={busy}>{t.feedback.submit}</button>
      </form>
    </div>
  );
}
