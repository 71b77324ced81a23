import { useT } from '../context';
import { Link } from '../router';
import { PageTitle } from '../ui';

/** The accessibility statement public-sector bodies publish: what conforms, what not yet, how to report. */
export function Statement() {
  const t = useT().statement;
  return (
    <article className="prose">
      <PageTitle>{t.title}</PageTitle>
      <p>{t.intro}</p>
      <section aria-labelledby="h-standard">
        <h2 id="h-standard">{t.standardTitle}</h2>
        <p>{t.standard}</p>
      </section>
      <section aria-labelledby="h-conforms">
        <h2 id="h-conforms">{t.conformsTitle}</h2>
        <ul>{t.conforms.map((c) => <li key={c}>{c}</li>)}</ul>
      </section>
      <section aria-labelledby="h-gaps">
        <h2 id="h-gaps">{t.gapsTitle}</h2>
        <ul>{t.gaps.map((c) => <li key={c}>{c}</li>)}</ul>
      </section>
      <section aria-labelledby="h-report">
        <h2 id="h-report">{t.reportTitle}</h2>
        <p>{t.report}</p>
        <p><Link className="button" to="/feedback/new?kind=COMPLAINT">{t.sendFeedback}</Link></p>
      </section>
      <section aria-labelledby="h-tested">
        <h2 id="h-tested">{t.testedTitle}</h2>
        <p>{t.tested}</p>
        <p>{t.lastAudit}</p>
      </section>
    </article>
  );
}
