import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ops } from '../api';
import { useSession, useT } from '../context';
import { Markdown } from '../markdown';
import { Link, navigate } from '../router';
import { announce, Async, L, Loading, PageTitle, useDate, useLangOf, useQuery } from '../ui';
import { useLive } from '../live';
import { useEditorialT } from '../i18n/editorial';

type Edges<T> = { edges: { node: T }[]; totalCount?: number };

export function Home() {
  const t = useT();
  const { date } = useDate();
  const q = useQuery<any>(ops.HomePage, {});
  // Items published while the page is open, newest first, added to their list as they come.
  const [fresh, setFresh] = useState<any[]>([]);
  useLive<any>(ops.LivePublications, ({ data }) => {
    if (!data) return void q.reload();
    const p = data.publicationPublished;
    setFresh((items) => [p, ...items.filter((i) => i.id !== p.id)]);
    announce(t.home.published(p.title));
  });
  const withFresh = (kind: string, edges: any[]) => [
    ...fresh.filter((p) => p.kind === kind && !edges.some((e) => e.node.id === p.id)).map((node) => ({ node })),
    ...edges,
  ].slice(0, 5);
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
                {withFresh('NEWS', d.news.edges).map(({ node: n }: any) => (
                  <li key={n.id}>
                    <Link to={`/publications/${n.slug}`}><L>{n.title}</L></Link>
                    <div className="meta">{date(n.publishedAt)} · <L>{n.department.name}</L></div>
                    {n.summary && <p><L>{n.summary}</L></p>}
                  </li>
                ))}
              </ul>
              <Link to="/publications?kind=NEWS">{t.app.more} →</Link>
            </section>
            <section aria-labelledby="h-ann" className="card">
              <h2 id="h-ann">{t.home.announcements}</h2>
              <ul className="list">
                {withFresh('ANNOUNCEMENT', d.announcements.edges).map(({ node: n }: any) => (
                  <li key={n.id}>
                    <Link to={`/publications/${n.slug}`}><L>{n.title}</L></Link>
                    <div className="meta">{date(n.publishedAt)} · <L>{n.department.name}</L></div>
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
                    <Link to={`/procedures/${p.code}`}><L>{p.title}</L></Link>
                    <div className="meta"><L>{p.department.name}</L></div>
                  </li>
                ))}
              </ul>
              <Link to="/services">{t.home.allServices} →</Link>
            </section>
            <section aria-labelledby="h-dep" className="card">
              <h2 id="h-dep">{t.home.departments}</h2>
              <ul className="list">
                {d.departments.map((dep: any) => (
                  <li key={dep.id}><Link to={`/departments/${dep.code.toLowerCase()}`}><L>{dep.name}</L></Link></li>
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
  const q = useQuery<any>(ops.Search, text ? { text, first: 20 } : null);
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
                    <li key={p.id}><Link to={`/procedures/${p.code}`}><L>{p.title}</L></Link><div className="meta"><L>{p.department.name}</L></div><p><L>{p.summary}</L></p></li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="h-spub" className="card">
                <h2 id="h-spub">{t.search.publications} <small>({t.search.results(d.publications.totalCount)})</small></h2>
                {d.publications.edges.length === 0 && <p>{t.search.noResults}</p>}
                <ul className="list">
                  {d.publications.edges.map(({ node: p }: any) => (
                    <li key={p.id}><Link to={`/publications/${p.slug}`}><L>{p.title}</L></Link><div className="meta">{t.publication.kinds[p.kind] ?? p.kind}</div><p><L>{p.summary}</L></p></li>
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

/**
 * A publication as readers see it: the public page and the editors' preview render this same
 * component, so a preview is exactly what will be published.
 */
export function PublicationArticle({ p, children }: { p: any; children?: ReactNode }) {
  const t = useT();
  const langOf = useLangOf();
  const { date } = useDate();
  return (
    <article>
      <p className="meta">{t.publication.kinds[p.kind] ?? p.kind} · <L>{p.department.name}</L></p>
      <PageTitle><L>{p.title}</L></PageTitle>
      <p className="meta">{t.publication.published}: <time dateTime={p.publishedAt ?? undefined}>{date(p.publishedAt)}</time></p>
      {children}
      {p.summary && <p className="lead"><L>{p.summary}</L></p>}
      <div lang={langOf(p.body)}><Markdown source={p.body ?? ''} /></div>
      {p.topics?.length > 0 && <p className="meta">{t.publication.topics}: <L>{p.topics.join(', ')}</L></p>}
      {p.attachments?.length > 0 && (
        <section aria-labelledby="h-att">
          <h2 id="h-att">{t.publication.attachments}</h2>
          <ul>{p.attachments.map((a: any) => <li key={a.url}><a href={a.url} download={a.fileName}><L>{a.fileName}</L></a> ({Math.ceil(a.sizeBytes / 1024)} KB)</li>)}</ul>
        </section>
      )}
    </article>
  );
}

/** Points readers of a replaced item to what replaces it. */
export function SupersededNotice({ by }: { by: { slug: string; title: string } }) {
  const e = useEditorialT();
  return <div className="alert info" data-testid="superseded">{e.supersededBy} <Link to={`/publications/${by.slug}`}><L>{by.title}</L></Link></div>;
}

export function PublicationView({ slug }: { slug: string }) {
  const t = useT();
  const e = useEditorialT();
  const { date } = useDate();
  const q = useQuery<any>(ops.PublicationPage, { slug });
  // Where the address stands: replaced, changed since published, or withdrawn (rather than "not found").
  const standing = useQuery<any>(ops.PublicationStanding, { slug });
  return (
    <Async q={q}>
      {({ publication: p }) =>
        !p ? (
          standing.loading ? <Loading /> : standing.data?.withdrawnPublication ? (
            <>
              <PageTitle>{e.withdrawnTitle}</PageTitle>
              <p data-testid="withdrawn">{e.withdrawnText(date(standing.data.withdrawnPublication.withdrawnAt))}</p>
              {standing.data.withdrawnPublication.supersededBy && (
                <p>{e.replacedBy} <Link to={`/publications/${standing.data.withdrawnPublication.supersededBy.slug}`}><L>{standing.data.withdrawnPublication.supersededBy.title}</L></Link></p>
              )}
            </>
          ) : <NotFound />
        ) : (
          <>
            <PublicationArticle p={p}>
              {standing.data?.publication?.supersededBy && <SupersededNotice by={standing.data.publication.supersededBy} />}
            </PublicationArticle>
            {standing.data?.publication?.history?.length > 0 && (
              <section aria-labelledby="h-updates">
                <h2 id="h-updates">{e.updates}</h2>
                <ul>{standing.data.publication.history.map((h: any) => <li key={h.changedAt}><time dateTime={h.changedAt}>{date(h.changedAt)}</time>: <L>{h.note}</L></li>)}</ul>
              </section>
            )}
            <p><Link className="button" to={`/feedback/new?kind=OPINION&publication=${p.id}&department=${p.department.id}`}>{t.publication.giveOpinion}</Link></p>
            {p.opinions?.totalCount > 0 && (
              <section aria-labelledby="h-op">
                <h2 id="h-op">{t.feedback.opinions} ({p.opinions.totalCount})</h2>
                <ul className="list">{p.opinions.edges.map(({ node: o }: any) => <li key={o.id}><strong><L>{o.subject}</L></strong><p><L>{o.body}</L></p></li>)}</ul>
              </section>
            )}
          </>
        )
      }
    </Async>
  );
}

/** A department's own page: what it does, its counter, its services and its latest news (with its feed). */
export function DepartmentPage({ code }: { code: string }) {
  const t = useT();
  const { lang } = useSession();
  const { date } = useDate();
  const q = useQuery<any>(ops.DepartmentPage, { code });
  return (
    <Async q={q}>
      {({ department: d }) =>
        !d ? <NotFound /> : (
          <article>
            <PageTitle><L>{d.name}</L></PageTitle>
            <p className="lead"><L>{d.description}</L></p>
            <section aria-labelledby="h-contact"><h2 id="h-contact">{t.procedure.contact}</h2>
              <address><L>{d.contact.address}</L><br />{d.contact.phone} · <a href={`mailto:${d.contact.email}`}>{d.contact.email}</a><br /><L>{d.contact.officeHours}</L></address>
            </section>
            <section aria-labelledby="h-services"><h2 id="h-services">{t.department.services(d.procedures.totalCount)}</h2>
              <ul className="list">
                {d.procedures.edges.map(({ node: p }: any) => (
                  <li key={p.id}>
                    <Link to={`/procedures/${p.code}`}><L>{p.title}</L></Link> {p.onlineApplication && <span className="badge">{t.catalogue.online}</span>}
                    <div className="meta">{t.catalogue.days(p.processingTimeDays)}</div>
                    <p><L>{p.summary}</L></p>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="h-news"><h2 id="h-news">{t.department.news}</h2>
              {d.publications.edges.length === 0 ? <p>{t.app.none}</p> : (
                <ul className="list">
                  {d.publications.edges.map(({ node: n }: any) => (
                    <li key={n.id}>
                      <Link to={`/publications/${n.slug}`}><L>{n.title}</L></Link>
                      <div className="meta">{t.publication.kinds[n.kind] ?? n.kind} · <time dateTime={n.publishedAt}>{date(n.publishedAt)}</time></div>
                    </li>
                  ))}
                </ul>
              )}
              {/* The feed in the reader's language: its entries open the portal in that language too. */}
              <p><a href={`/feeds/departments/${d.code.toLowerCase()}.atom${lang === 'zh' ? '?lang=zh' : ''}`}>{t.department.feed}</a></p>
            </section>
          </article>
        )
      }
    </Async>
  );
}

export function Catalogue({ departmentId, onlineOnly }: { departmentId?: string; onlineOnly: boolean }) {
  const t = useT();
  const langOf = useLangOf();
  const deps = useQuery<any>(ops.HomePage, {});
  const q = useQuery<any>(ops.ProcedureCatalog, { filter: { departmentId: departmentId || undefined, onlineOnly: onlineOnly || undefined }, first: 50 });
  const [form, setForm] = useState({ dep: departmentId ?? '', online: onlineOnly });
  const apply = async (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (form.dep) p.set('department', form.dep);
    if (form.online) p.set('online', '1');
    navigate(`/services${p.size ? `?${p}` : ''}`, true);
  };
  useAnnounceCount(q, (d) => d.procedures.edges.length);
  return (
    <>
      <PageTitle>{t.catalogue.title}</PageTitle>
      {/* Applied by the button, never on change: arrow keys in the list must not reload the page (3.2.2). */}
      <form className="filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="cat-dep">{t.catalogue.department}</label>
          <select id="cat-dep" value={form.dep} onChange={(e) => setForm({ ...form, dep: e.target.value })}>
            <option value="">{t.catalogue.allDepartments}</option>
            {deps.data?.departments.map((d: any) => <option key={d.id} value={d.id} lang={langOf(d.name)}>{d.name}</option>)}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={form.online} onChange={(e) => setForm({ ...form, online: e.target.checked })} /> {t.catalogue.onlineOnly}
        </label>
        <button type="submit">{t.app.applyFilters}</button>
      </form>
      <Async q={q}>
        {(d) => (
          <ul className="list cards">
            {d.procedures.edges.map(({ node: p }: any) => (
              <li key={p.id} className="card">
                <h2 className="h3"><Link to={`/procedures/${p.code}`}><L>{p.title}</L></Link></h2>
                <div className="meta"><L>{p.department.name}</L> · <L>{p.category}</L> · {t.catalogue.days(p.processingTimeDays)} {p.onlineApplication && <span className="badge">{t.catalogue.online}</span>}</div>
                <p><L>{p.summary}</L></p>
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
  const { me } = useSession();
  const q = useQuery<any>(ops.ProcedureGuide, { code });
  return (
    <Async q={q}>
      {({ procedure: p }) =>
        !p ? <NotFound /> : (
          <article>
            <p className="meta"><L>{p.department.name}</L> · <L>{p.category}</L></p>
            <PageTitle><L>{p.title}</L></PageTitle>
            <p className="lead"><L>{p.summary}</L></p>
            <div className="actions">
              {p.onlineApplication && p.applicationForm ? (
                <Link className="button primary" to={me ? `/procedures/${p.code}/apply` : `/signin?next=/procedures/${p.code}/apply`}>
                  {me ? t.procedure.applyOnline : t.procedure.signInToApply}
                </Link>
              ) : <p>{t.procedure.notOnline}</p>}
              <Link className="button" to={`/feedback/new?kind=INQUIRY&procedure=${p.id}&department=${p.department.id}`}>{t.procedure.ask}</Link>
            </div>
            <dl className="facts">
              <dt>{t.procedure.eligibility}</dt><dd><L>{p.eligibility}</L></dd>
              <dt>{t.procedure.processingTime}</dt><dd>{t.catalogue.days(p.processingTimeDays)}</dd>
              <dt>{t.procedure.channels}</dt><dd>{p.channels.map((c: string) => t.procedure.channelNames[c] ?? c).join(', ')}</dd>
              <dt>{t.procedure.legalBasis}</dt><dd><L>{p.legalBasis}</L></dd>
            </dl>
            <section aria-labelledby="h-steps"><h2 id="h-steps">{t.procedure.steps}</h2>
              <ol>{p.steps.map((s: any) => <li key={s.position}><strong><L>{s.title}</L></strong> — <L>{s.description}</L></li>)}</ol>
            </section>
            <section aria-labelledby="h-docs"><h2 id="h-docs">{t.procedure.documents}</h2>
              <ul>{p.requiredDocuments.map((d: any) => <li key={d.name}><strong><L>{d.name}</L></strong>{!d.mandatory && ` (${t.procedure.optional})`} — <L>{d.description}</L></li>)}</ul>
            </section>
            <section aria-labelledby="h-fees"><h2 id="h-fees">{t.procedure.fees}</h2>
              <ul>{p.fees.map((f: any) => <li key={f.description}><L>{f.description}</L>: {f.amount} {f.currency}</li>)}</ul>
            </section>
            {p.forms.length > 0 && (
              <section aria-labelledby="h-forms"><h2 id="h-forms">{t.procedure.forms}</h2>
                <ul>{p.forms.map((f: any) => (
                  <li key={f.id}><a href={f.downloadUrl} download={f.fileName}>{t.procedure.download}: <L>{f.title}</L></a> <span className="meta">(<L>{f.fileName}</L>, {Math.ceil(f.sizeBytes / 1024)} KB)</span></li>
                ))}</ul>
              </section>
            )}
            {p.faqs.length > 0 && (
              <section aria-labelledby="h-faq"><h2 id="h-faq">{t.procedure.faqs}</h2>
                {p.faqs.map((f: any) => <details key={f.question}><summary><L>{f.question}</L></summary><p><L>{f.answer}</L></p></details>)}
              </section>
            )}
            <section aria-labelledby="h-contact"><h2 id="h-contact">{t.procedure.contact}</h2>
              <address><L>{p.department.name}</L><br /><L>{p.department.contact?.address}</L><br />{p.department.contact?.phone} · <a href={`mailto:${p.department.contact?.email}`}>{p.department.contact?.email}</a><br /><L>{p.department.contact?.officeHours}</L></address>
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
                <h2 className="h3"><L>{f.subject}</L></h2>
                <p className="meta">{date(f.submittedAt)}</p>
                <p><L>{f.body}</L></p>
                {f.replies.map((r: any, i: number) => <blockquote key={i}><strong>{t.feedback.answer}:</strong> <L>{r.body}</L></blockquote>)}
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
  const q = useQuery<any>(ops.PublicationFeed, { filter: kind ? { kinds: [kind] } : undefined, first: 30 });
  const [chosen, setChosen] = useState(kind ?? '');
  useAnnounceCount(q, (d) => d.publications.edges.length);
  return (
    <>
      <PageTitle>{kind ? t.publication.kinds[kind] ?? kind : t.publication.all}</PageTitle>
      {/* Applied by the button, never on change (3.2.2). */}
      <form className="filters" onSubmit={(e) => { e.preventDefault(); navigate(chosen ? `/publications?kind=${chosen}` : '/publications', true); }}>
        <div className="field">
          <label htmlFor="pub-filter">{t.editor.kind}</label>
          <select id="pub-filter" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t.publication.all}</option>
            {Object.entries(t.publication.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </div>
        <button type="submit">{t.app.applyFilters}</button>
      </form>
      <Async q={q}>
        {(d) => d.publications.edges.length === 0 ? <p>{t.app.none}</p> : (
          <ul className="list cards">
            {d.publications.edges.map(({ node: p }: any) => (
              <li key={p.id} className="card">
                <h2 className="h3"><Link to={`/publications/${p.slug}`}><L>{p.title}</L></Link></h2>
                <div className="meta">{t.publication.kinds[p.kind] ?? p.kind} · <L>{p.department.name}</L> · {date(p.publishedAt)}</div>
                {p.summary && <p><L>{p.summary}</L></p>}
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

/**
 * After a filter is applied (the same visit, focus stays on its button), says how many results
 * there are now, so a screen reader user hears that the list changed.
 */
export function useAnnounceCount<T>(q: { data?: T; loading: boolean }, count: (d: T) => number) {
  const t = useT();
  const first = useRef(true);
  useEffect(() => {
    if (q.loading || !q.data) return;
    if (first.current) {
      first.current = false;
      return;
    }
    announce(t.app.filtered(count(q.data)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q.data, q.loading]);
}
