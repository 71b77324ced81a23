import { useT } from '../context';
import { Link } from '../router';
import { PageTitle } from '../ui';

/** The accessibility statement public-sector bodies publish: what conforms, what not yet, how to report. */
export function AccessibilityStatement() {
  const t = useT();
  const s = t.statement;
  return (
    <article className="prose">
      <PageTitle>{s.title}</PageTitle>
      <p className="lead">{s.intro}</p>
      <section aria-labelledby="st-standard">
        <h2 id="st-standard">{s.standardTitle}</h2>
        <p>{s.standard}</p>
      </section>
      <section aria-labelledby="st-conforms">
        <h2 id="st-conforms">{s.conformsTitle}</h2>
        <ul>{s.conforms.map((x) => <li key={x}>{x}</li>)}</ul>
      </section>
      <section aria-labelledby="st-gaps">
        <h2 id="st-gaps">{s.gapsTitle}</h2>
        <ul>{s.gaps.map((x) => <li key={x}>{x}</li>)}</ul>
      </section>
      <section aria-labelledby="st-report">
        <h2 id="st-report">{s.reportTitle}</h2>
        <p>{s.report}</p>
        <p><Link className="button" to="/feedback/new?kind=COMPLAINT">{s.reportLink}</Link></p>
        <p>{s.reportEmail} <a href="mailto:accessibility@demo.gov">accessibility@demo.gov</a></p>
        <p>{s.reportOther}</p>
      </section>
      <section aria-labelledby="st-tested">
        <h2 id="st-tested">{s.testedTitle}</h2>
        <ul>{s.tested.map((x) => <li key={x}>{x}</li>)}</ul>
      </section>
      <section aria-labelledby="st-enforcement">
        <h2 id="st-enforcement">{s.enforcementTitle}</h2>
        <p>{s.enforcement}</p>
      </section>
      <p className="meta">{s.prepared}</p>
    </article>
  );
}
