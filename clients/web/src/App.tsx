import { useState, type ReactNode } from 'react';
import { hasRole, useSession } from './context';
import { currentVisit, Link, navigate, useLocation } from './router';
import { Statement } from './pages/statement';
import { Announcer, Phrase } from './ui';
import { ApplicationView, Apply, MyApplications, MyFeedback, NewFeedback, Register, SignIn } from './pages/account';
import { Catalogue, DepartmentPage, Home, NotFound, ProcedureGuide, PublicationList, PublicationView, Questions, SearchPage } from './pages/public';
import { ApplicationQueue, Dashboard, FeedbackQueue, Publish } from './pages/staff';
import { CaseFile } from './pages/casework';
import { InboxBadge, Notifications } from './pages/notifications';
import { useCompareT } from './i18n/compare';
import { EditorialList, EditPublication, PreviewPublication } from './pages/editorial';
import { Compare } from './pages/compare';

function route(url: URL): ReactNode {
  const p = url.pathname.replace(/\/+$/, '') || '/';
  const q = url.searchParams;
  let m: RegExpExecArray | null;
  if (p === '/') return <Home />;
  if (p === '/search') return <SearchPage text={q.get('q') ?? ''} />;
  if (p === '/services') return <Catalogue departmentId={q.get('department') ?? undefined} onlineOnly={q.get('online') === '1'} />;
  if ((m = /^\/procedures\/([^/]+)\/apply$/.exec(p))) return <Apply code={decodeURIComponent(m[1])} />;
  if ((m = /^\/procedures\/([^/]+)$/.exec(p))) return <ProcedureGuide code={decodeURIComponent(m[1])} />;
  if ((m = /^\/publications\/([^/]+)$/.exec(p))) return <PublicationView slug={decodeURIComponent(m[1])} />;
  if (p === '/publications') return <PublicationList kind={q.get('kind') ?? undefined} />;
  if (p === '/questions') return <Questions />;
  if ((m = /^\/departments\/([^/]+)$/.exec(p))) return <DepartmentPage code={decodeURIComponent(m[1])} />;
  if (p === '/accessibility') return <Statement />;
  if (p === '/signin') return <SignIn next={q.get('next') ?? undefined} />;
  if (p === '/register') return <Register next={q.get('next') ?? undefined} />;
  if (p === '/my/applications') return <MyApplications />;
  if ((m = /^\/my\/applications\/([^/]+)$/.exec(p))) return <ApplicationView id={m[1]} />;
  if (p === '/my/feedback') return <MyFeedback />;
  if (p === '/my/notifications') return <Notifications />;
  if (p === '/feedback/new') return <NewFeedback params={q} />;
  if (p === '/staff/applications') return <ApplicationQueue params={q} />;
  if ((m = /^\/staff\/applications\/([^/]+)$/.exec(p))) return <CaseFile id={m[1]} />;
  if (p === '/staff/feedback') return <FeedbackQueue />;
  if (p === '/staff/publish') return <Publish />;
  if (p === '/staff/publications') return <EditorialList params={q} />;
  if ((m = /^\/staff\/publications\/([^/]+)\/preview$/.exec(p))) return <PreviewPublication id={m[1]} />;
  if ((m = /^\/staff\/publications\/([^/]+)$/.exec(p))) return <EditPublication id={m[1]} />;
  if (p === '/dashboard') return <Dashboard params={q} />;
  if (p === '/dashboard/compare') return <Compare params={q} />;
  return <NotFound />;
}

export function App() {
  const url = useLocation();
  const { me, signOut, t, lang, setLang } = useSession();
  const c = useCompareT();
  const [menuOpen, setMenuOpen] = useState(false);
  const links: [string, string][] = [
    ['/', t.app.home],
    ['/services', t.app.services],
    ['/publications', t.app.publications],
    ['/search', t.app.search],
    ['/questions', t.app.questions],
  ];
  if (hasRole(me, 'CITIZEN')) links.push(['/my/applications', t.app.myApplications], ['/my/feedback', t.app.myFeedback]);
  if (hasRole(me, 'OFFICER', 'ADMIN')) links.push(['/staff/applications', t.app.queue], ['/staff/feedback', t.app.feedbackQueue]);
  if (hasRole(me, 'EDITOR', 'ADMIN')) links.push(['/staff/publish', t.app.publish], ['/staff/publications', t.app.editorial]);
  if (hasRole(me, 'ANALYST', 'ADMIN')) links.push(['/dashboard', t.app.dashboard], ['/dashboard/compare', c.link]);
  // Seen from the sign-in or registration page itself, "here" is where that page returns to.
  const here = url.pathname === '/signin' || url.pathname === '/register' ? (new URLSearchParams(url.search).get('next') ?? '/') : url.pathname + url.search;
  const under = (to: string) => (to === '/' ? url.pathname === '/' : url.pathname === to || url.pathname.startsWith(`${to}/`) || url.pathname.startsWith(to));
  // The most precise link is the current one (/dashboard/compare, not /dashboard as well).
  const current = (to: string) => under(to) && !links.some(([other]) => other !== to && other.startsWith(to) && under(other));
  return (
    <>
      <a className="skip-link" href="#main">{t.app.skip}</a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">{t.app.title}</Link>
          <div className="account">
            {/* Its name starts with what it shows (2.5.3), in that language, then says what it does. */}
            <button type="button" className="link" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
              <span lang={lang === 'en' ? 'zh-CN' : 'en'}>{t.lang.switchTo}</span>
              <span className="sr-only"> – {t.lang.switchLabel}</span>
            </button>
            {me ? (
              <>
                <span className="who"><Phrase message={t.app.signedInAs} part={me.displayName} /></span>
                <InboxBadge />
                <button type="button" className="link" onClick={() => { signOut(); navigate('/'); }}>{t.app.signOut}</button>
              </>
            ) : (
              <>
                {/* They return here afterwards, and their back link leads here. */}
                <Link to={`/signin?next=${encodeURIComponent(here)}`}>{t.app.signIn}</Link>
                <Link to={`/register?next=${encodeURIComponent(here)}`}>{t.app.register}</Link>
              </>
            )}
          </div>
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>☰ <span className="sr-only">{t.app.mainNav}</span></button>
        </div>
        <nav id="main-nav" aria-label={t.app.mainNav} className={menuOpen ? 'open' : ''}>
          <ul>
            {links.map(([to, label]) => (
              <li key={to}><Link to={to} aria-current={current(to) ? 'page' : undefined} onClick={() => setMenuOpen(false)}>{label}</Link></li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <div key={currentVisit()}>{route(url)}</div>
      </main>
      <Announcer />
      <footer className="site-footer">
        <p>{t.app.footer}</p>
        <p><Link to="/accessibility">{t.statement.link}</Link></p>
      </footer>
    </>
  );
}
