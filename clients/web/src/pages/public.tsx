import { useState, type FormEvent } from 'react';
import { Content, useAnnounce, useContentLang } from '../a11y';
import { ops } from '../api';
import { useSession, useT } from '../context';
import { Select } from '../forms';
import { Markdown } from '../markdown';
import { Link, navigate } from '../router';
import { Async, PageTitle, useDate, useQuery } from '../ui';

type Edges<T> = { edges: { node: T }[]; totalCount?: number };

export function Home() {
  const t = useT();
  const langOf = useContentLang();
  const { date } = useDate();
  const q = useQuery<any>(ops.HomePage, {});
  return (
    <>
      <section className="hero">
        <PageTitle>{t.home.welcome}</PageTitle>
        <p>{t.home.intro}</p>
        <SearchBox />
      </section>
      <Async q={q}>
        {(d) => (
          <div className="grid">
            <section aria-labelledby="h-news" className="card">
              <h2 id="h-news">{t.home.news}</h2>
              <ul className="list">
                {d.news.edges.map(({ node: n }: any) => (
                  <li key={n.id}>
                    <Link to={`/publications/${n.slug}`} lang={langOf()}>{n.title}</Link>
                    <div className="meta">{date(n.publishedAt)} · <Content>{n.department.name}</Content></div>
                    {n.summary && <Content as="p">{n.summary}</Content>}
                  </li>
                ))}
              </ul>
              <Link to="/publications?kind=NEWS">{t.app.more} →</Link>
            </section>
            <section aria-labelledby="h-ann" className="card">
              <h2 id="h-ann">{t.home.announcements}</h2>
              <ul className="list">
                {d.announcements.edges.map(({ node: n }: any) => (
                  <li key={n.id}>
                    <Link to={`/publications/${n.slug}`} lang={langOf()}>{n.title}</Link>
                    <div className="meta">{date(n.publishedAt)} · <Content>{n.department.name}</Content></div>
                  </li>
                ))}
              </ul>
              <Link to="/publications?kind=ANNOUNCEMENT">{t.app.more} →</Link>
            </section>
            <section aria-labelledby="h-online" className="card">
              <h2 id="h-online">{t.home.onlineServices}</h2>
              <ul className="list">
                {d.onlineServices.edges.map(({ node: p }: any) => (
                  <li key={p.id}>
                    <Link to={`/procedures/${p.code}`} lang={langOf()}>{p.title}</Link>
                    <Content as="div" className="meta">{p.department.name}</Content>
                  </li>
                ))}
              </ul>
              <Link to="/services">{t.home.allServices} →</Link>
            </section>
            <section aria-labelledby="h-dep" className="card">
              <h2 id="h-dep">{t.home.departments}</h2>
              <ul className="list">
                {d.departments.map((dep: any) => (
                  <li key={dep.id}><Link to={`/services?department=${dep.id}`} lang={langOf()}>{dep.name}</Link></li>
                ))}
              </ul>
            </section>
          </div>
        )}
      </Async>
    </>
  );
}

export function SearchBox({ initial = '' }: { initial?: string }) {
  const t = useT();
  const [text, setText] = useState(initial);
  return (
    <form role="search" className="search" onSubmit={(e) => {
      e.preventDefault();
      if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
    }}>
      <label htmlFor="search-text" className="sr-only">{t.search.label}</label>
      <input id="search-text" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t.search.label} />
      <button type="submit">{t.search.button}</button>
    </form>
  );
}

export function SearchPage({ text }: { text: string }) {
  const t = useT();
  const langOf = useContentLang();
  const q = useQuery<any>(ops.Search, text ? { text, first: 20 } : null);
  useAnnounce(q.data && !q.loading && text ? `${t.search.procedures}: ${t.search.results(q.data.procedures.totalCount)}. ${t.search.publications}: ${t.search.results(q.data.publications.totalCount)}.` : null);
  return (
    <>
      <PageTitle>{t.app.search}</PageTitle>
      <SearchBox key={text} initial={text} />
      {text && (
        <Async q={q}>
          {(d) => (
            <div className="grid">
              <section aria-labelledby="h-sp" className="card">
                <h2 id="h-sp">{t.search.procedures} <small>({t.search.results(d.procedures.totalCount)})</small></h2>
                {d.procedures.edges.length === 0 && <p>{t.search.noResults}</p>}
                <ul className="list">
                  {d.procedures.edges.map(({ node: p }: any) => (
                    <li key={p.id} lang={langOf()}><Link to={`/procedures/${p.code}`}>{p.title}</Link><div className="meta">{p.department.name}</div><p>{p.summary}</p></li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="h-spub" className="card">
                <h2 id="h-spub">{t.search.publications} <small>({t.search.results(d.publications.totalCount)})</small></h2>
                {d.publications.edges.length === 0 && <p>{t.search.noResults}</p>}
                <ul className="list">
                  {d.publications.edges.map(({ node: p }: any) => (
                    <li key={p.id}><Link to={`/publications/${p.slug}`} lang={langOf()}>{p.title}</Link><div className="meta">{t.publication.kinds[p.kind] ?? p.kind}</div><Content as="p">{p.summary}</Content></li>
                  ))}
                </ul>
              </section>
            </div>
          )}
        </Async>
      )}
    </>
  );
}

export function PublicationView({ slug }: { slug: string }) {
  const t = useT();
  const langOf = useContentLang();
  const { date } = useDate();
  const q = useQuery<any>(ops.PublicationPage, { slug });
  return (
    <Async q={q} page>
      {({ publication: p }) =>
        !p ? <NotFound /> : (
          <article>
            <p className="meta">{t.publication.kinds[p.kind] ?? p.kind} · <Content>{p.department.name}</Content></p>
            <PageTitle><Content>{p.title}</Content></PageTitle>
            <p className="meta">{t.publication.published}: <time dateTime={p.publishedAt}>{date(p.publishedAt)}</time></p>
            {p.summary && <Content as="p" className="lead">{p.summary}</Content>}
            <div lang={langOf()}><Markdown source={p.body ?? ''} /></div>
            {p.topics?.length > 0 && <p className="meta">{t.publication.topics}: <Content>{p.topics.join(', ')}</Content></p>}
            {p.attachments?.length > 0 && (
              <section aria-labelledby="h-att">
                <h2 id="h-att">{t.publication.attachments}</h2>
                <ul>{p.attachments.map((a: any) => <li key={a.url}><a href={a.url} download={a.fileName}>{a.fileName}</a> ({Math.ceil(a.sizeBytes / 1024)} KB)</li>)}</ul>
              </section>
            )}
            <p><Link className="button" to={`/feedback/new?kind=OPINION&publication=${p.id}&department=${p.department.id}`}>{t.publication.giveOpinion}</Link></p>
            {p.opinions?.totalCount > 0 && (
              <section aria-labelledby="h-op">
                <h2 id="h-op">{t.feedback.opinions} ({p.opinions.totalCount})</h2>
                <ul className="list">{p.opinions.edges.map(({ node: o }: any) => <li key={o.id} lang={langOf()}><strong>{o.subject}</strong><p>{o.body}</p></li>)}</ul>
              </section>
            )}
          </article>
        )
      }
    </Async>
  );
}

export function Catalogue({ departmentId, onlineOnly }: { departmentId?: string; onlineOnly: boolean }) {
  const t = useT();
  const langOf = useContentLang();
  const deps = useQuery<any>(ops.HomePage, {});
  const q = useQuery<any>(ops.ProcedureCatalog, { filter: { departmentId: departmentId || undefined, onlineOnly: onlineOnly || undefined }, first: 50 });
  // The filters apply on an explicit button (3.2.2): choosing an option changes nothing yet.
  const [form, setForm] = useState({ dep: departmentId ?? '', online: onlineOnly });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (form.dep) p.set('department', form.dep);
    if (form.online) p.set('online', '1');
    navigate(`/services${p.size ? `?${p}` : ''}`, true);
  };
  useAnnounce(q.data && !q.loading ? t.filters.services(q.data.procedures.edges.length) : null);
  return (
    <>
      <PageTitle>{t.catalogue.title}</PageTitle>
      <form className="filters" onSubmit={apply}>
        <Select id="cat-dep" label={t.catalogue.department} value={form.dep} onChange={(e) => setForm({ ...form, dep: e.target.value })}>
          <option value="">{t.catalogue.allDepartments}</option>
          {deps.data?.departments.map((d: any) => <option key={d.id} value={d.id} lang={langOf()}>{d.name}</option>)}
        </Select>
        <label className="choice">
          <input type="checkbox" checked={form.online} onChange={(e) => setForm({ ...form, online: e.target.checked })} /> {t.catalogue.onlineOnly}
        </label>
        <button type="submit">{t.filters.apply}</button>
      </form>
      <Async q={q}>
        {(d) => (
          <ul className="list cards">
            {d.procedures.edges.map(({ node: p }: any) => (
              <li key={p.id} className="card">
                <h2 className="h3"><Link to={`/procedures/${p.code}`} lang={langOf()}>{p.title}</Link></h2>
                <div className="meta"><Content>{p.department.name} · {p.category}</Content> · {t.catalogue.days(p.processingTimeDays)} {p.onlineApplication && <span className="badge">{t.catalogue.online}</span>}</div>
                <Content as="p">{p.summary}</Content>
              </li>
            ))}
          </ul>
        )}
      </Async>
    </>
  );
}

export function ProcedureGuide({ code }: { code: string }) {
  const t = useT();
  const langOf = useContentLang();
  const L = langOf();
  const { me } = useSession();
  const q = useQuery<any>(ops.ProcedureGuide, { code });
  return (
    <Async q={q} page>
      {({ procedure: p }) =>
        !p ? <NotFound /> : (
          <article>
            <p className="meta" lang={L}>{p.department.name} · {p.category}</p>
            <PageTitle><Content>{p.title}</Content></PageTitle>
            <p className="lead" lang={L}>{p.summary}</p>
            <div className="actions">
              {p.onlineApplication && p.applicationForm ? (
                <Link className="button primary" to={me ? `/procedures/${p.code}/apply` : `/signin?next=/procedures/${p.code}/apply`}>
                  {me ? t.procedure.applyOnline : t.procedure.signInToApply}
                </Link>
              ) : <p>{t.procedure.notOnline}</p>}
              <Link className="button" to={`/feedback/new?kind=INQUIRY&procedure=${p.id}&department=${p.department.id}`}>{t.procedure.ask}</Link>
            </div>
            <dl className="facts">
              <dt>{t.procedure.eligibility}</dt><dd lang={L}>{p.eligibility}</dd>
              <dt>{t.procedure.processingTime}</dt><dd>{t.catalogue.days(p.processingTimeDays)}</dd>
              <dt>{t.procedure.channels}</dt><dd>{p.channels.map((c: string) => t.procedure.channelNames[c] ?? c).join(', ')}</dd>
              <dt>{t.procedure.legalBasis}</dt><dd lang={L}>{p.legalBasis}</dd>
            </dl>
            <section aria-labelledby="h-steps"><h2 id="h-steps">{t.procedure.steps}</h2>
              <ol lang={L}>{p.steps.map((s: any) => <li key={s.position}><strong>{s.title}</strong> — {s.description}</li>)}</ol>
            </section>
            <section aria-labelledby="h-docs"><h2 id="h-docs">{t.procedure.documents}</h2>
              <ul>{p.requiredDocuments.map((d: any) => <li key={d.name}><strong lang={L}>{d.name}</strong>{!d.mandatory && ` (${t.procedure.optional})`} — <span lang={L}>{d.description}</span></li>)}</ul>
            </section>
            <section aria-labelledby="h-fees"><h2 id="h-fees">{t.procedure.fees}</h2>
              <ul>{p.fees.map((f: any) => <li key={f.description}><span lang={L}>{f.description}</span>: {f.amount} {f.currency}</li>)}</ul>
            </section>
            {p.forms.length > 0 && (
              <section aria-labelledby="h-forms"><h2 id="h-forms">{t.procedure.forms}</h2>
                <ul>{p.forms.map((f: any) => (
                  <li key={f.id}><a href={f.downloadUrl} download={f.fileName}>{t.procedure.download}: <span lang={L}>{f.title}</span></a> <span className="meta">({f.fileName}, {Math.ceil(f.sizeBytes / 1024)} KB)</span></li>
                ))}</ul>
              </section>
            )}
            {p.faqs.length > 0 && (
              <section aria-labelledby="h-faq"><h2 id="h-faq">{t.procedure.faqs}</h2>
                {p.faqs.map((f: any) => <details key={f.question} lang={L}><summary>{f.question}</summary><p>{f.answer}</p></details>)}
              </section>
            )}
            <section aria-labelledby="h-contact"><h2 id="h-contact">{t.procedure.contact}</h2>
              <address lang={L}>{p.department.name}<br />{p.department.contact?.address}<br />{p.department.contact?.phone} · <a href={`mailto:${p.department.contact?.email}`}>{p.department.contact?.email}</a><br />{p.department.contact?.officeHours}</address>
              {p.applicationStats && <p className="meta">{t.procedure.stats(p.applicationStats.submitted, p.applicationStats.averageProcessingDays?.toFixed?.(1) ?? '—')}</p>}
            </section>
          </article>
        )
      }
    </Async>
  );
}

export function Questions() {
  const t = useT();
  const langOf = useContentLang();
  const { date } = useDate();
  const q = useQuery<any>(ops.PublicQuestions, { first: 30 });
  return (
    <>
      <PageTitle>{t.feedback.publicQuestions}</PageTitle>
      <p><Link className="button" to="/feedback/new?kind=INQUIRY">{t.feedback.send}</Link></p>
      <Async q={q}>
        {(d) => (
          d.publicFeedback.edges.length === 0 ? <p>{t.app.none}</p> :
          <ul className="list">
            {d.publicFeedback.edges.map(({ node: f }: any) => (
              <li key={f.id} className="card">
                <h2 className="h3" lang={langOf()}>{f.subject}</h2>
                <p className="meta">{date(f.submittedAt)}</p>
                <Content as="p">{f.body}</Content>
                {f.replies.map((r: any, i: number) => <blockquote key={i}><strong>{t.feedback.answer}:</strong> <Content>{r.body}</Content></blockquote>)}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </>
  );
}

export function PublicationList({ kind }: { kind?: string }) {
  const t = useT();
  const { date } = useDate();
  const langOf = useContentLang();
  const q = useQuery<any>(ops.PublicationFeed, { filter: kind ? { kinds: [kind] } : undefined, first: 30 });
  // The filter applies on an explicit button (3.2.2): choosing an option changes nothing yet.
  const [choice, setChoice] = useState(kind ?? '');
  useAnnounce(q.data && !q.loading ? t.filters.publications(q.data.publications.edges.length) : null);
  return (
    <>
      <PageTitle>{kind ? t.publication.kinds[kind] ?? kind : t.publication.all}</PageTitle>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); navigate(choice ? `/publications?kind=${choice}` : '/publications', true); }}>
        <Select id="pub-filter" label={t.editor.kind} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t.publication.all}</option>
          {Object.entries(t.publication.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </Select>
        <button type="submit">{t.filters.apply}</button>
      </form>
      <Async q={q}>
        {(d) => d.publications.edges.length === 0 ? <p>{t.app.none}</p> : (
          <ul className="list cards">
            {d.publications.edges.map(({ node: p }: any) => (
              <li key={p.id} className="card">
                <h2 className="h3"><Link to={`/publications/${p.slug}`} lang={langOf()}>{p.title}</Link></h2>
                <div className="meta">{t.publication.kinds[p.kind] ?? p.kind} · <Content>{p.department.name}</Content> · {date(p.publishedAt)}</div>
                {p.summary && <Content as="p">{p.summary}</Content>}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </>
  );
}

export function NotFound() {
  const t = useT();
  return (<><PageTitle>{t.app.notFound}</PageTitle><p>{t.app.notFoundText}</p><Link to="/">{t.app.home}</Link></>);
}

export type { Edges };
