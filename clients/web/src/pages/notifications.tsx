import { useEffect, useState, type FormEvent } from 'react';
import { gql, ops, type UserError } from '../api';
import { useSession, useT } from '../context';
import { currentVisit, Link } from '../router';
import { Async, FormErrors, L, Notice, PageTitle, RequireRole, StatusBadge, useDate, useQuery } from '../ui';

/** Told when notifications were read here, so the header's badge counts again. */
const READ_EVENT = 'egov:notifications-read';
const told = () => window.dispatchEvent(new Event(READ_EVENT));

/**
 * The header's link to the inbox, for anyone signed in, with how many notifications are unread
 * (its name reads "Notifications 2 unread": the visible text, then what the number means).
 * Counted again on every page visit and whenever the inbox marks something read.
 */
export function InboxBadge() {
  const t = useT();
  const visit = currentVisit();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    window.addEventListener(READ_EVENT, again);
    return () => window.removeEventListener(READ_EVENT, again);
  }, []);
  const q = useQuery<any>(ops.UnreadNotificationCount, {}, [visit, tick]);
  const n: number = q.data?.me?.unreadNotificationCount ?? 0;
  return (
    <Link to="/my/notifications" className="inbox-link">
      {t.notifications.title}
      {n > 0 && <> <span className="badge unread-count">{n}</span><span className="sr-only"> {t.notifications.unreadSuffix}</span></>}
    </Link>
  );
}

/** The inbox: newest first, all or unread only, each marked read on its own or all at once; and the email settings. */
export function Notifications() {
  const t = useT();
  const { time } = useDate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [after, setAfter] = useState<string[]>([]);
  // The outcome takes focus (the button pressed is gone once nothing is unread); `n` remounts it each time.
  const [done, setDone] = useState<{ text: string; n: number } | null>(null);
  const q = useQuery<any>(ops.MyNotifications, { first: 20, unreadOnly, after: after.at(-1) ?? null });
  const changed = async (message: string) => {
    setDone({ text: message, n: (done?.n ?? 0) + 1 });
    told();
    await q.reload();
  };
  const markOne = async (id: string) => {
    await gql(ops.MarkNotificationRead, { id });
    await changed(t.notifications.marked);
  };
  const markAll = async () => {
    const { markAllNotificationsRead: r } = await gql(ops.MarkAllNotificationsRead);
    await changed(t.notifications.markedAll(r.marked));
  };
  return (
    <RequireRole roles={['CITIZEN', 'OFFICER', 'EDITOR', 'ANALYST', 'ADMIN']}>
      <PageTitle>{t.notifications.title}</PageTitle>
      <fieldset className="group inline">
        <legend className="sr-only">{t.notifications.title}</legend>
        <label className="choice"><input type="radio" name="shown" checked={!unreadOnly} onChange={() => { setUnreadOnly(false); setAfter([]); }} /> {t.notifications.all}</label>
        <label className="choice"><input type="radio" name="shown" checked={unreadOnly} onChange={() => { setUnreadOnly(true); setAfter([]); }} /> {t.notifications.unreadOnly}</label>
      </fieldset>
      {done && <Notice key={done.n} focus>{done.text}</Notice>}
      <Async q={q}>
        {(d) => {
          const page = d.me.notifications;
          return (
            <>
              {d.me.unreadNotificationCount > 0 && <p><button type="button" onClick={markAll}>{t.notifications.markAllRead}</button></p>}
              {page.edges.length === 0 ? <p>{t.notifications.none}</p> : (
                <ul className="list notifications">
                  {page.edges.map(({ node: n }: any) => (
                    <li key={n.id} className={n.read ? 'card' : 'card unread'}>
                      <p>
                        {!n.read && <span className="badge">{t.notifications.unread}</span>} <L>{n.text}</L>
                      </p>
                      <p className="meta">{n.trackingNumber} · <StatusBadge status={n.status} /> · {time(n.createdAt)}</p>
                      <p>
                        <Link to={n.link}>{t.notifications.open}<span className="sr-only">: {n.trackingNumber}</span></Link>
                        {!n.read && <> · <button type="button" className="link" onClick={() => markOne(n.id)}>{t.notifications.markRead}<span className="sr-only">: {n.trackingNumber}</span></button></>}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              {page.pageInfo.hasNextPage && <p><button type="button" onClick={() => setAfter([...after, page.pageInfo.endCursor])}>{t.notifications.more}</button></p>}
            </>
          );
        }}
      </Async>
      <NotificationSettings />
    </RequireRole>
  );
}

function NotificationSettings() {
  const t = useT();
  const { lang } = useSession();
  const q = useQuery<any>(ops.NotificationSettings, {});
  const [email, setEmail] = useState<boolean | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [saved, setSaved] = useState(false);
  const me = q.data?.me;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { updateNotificationSettings: r } = await gql(ops.UpdateNotificationSettings, {
      input: { emailNotifications: email ?? me.emailNotifications, preferredLanguage: language ?? me.preferredLanguage },
    });
    setErrors(r.userErrors);
    setSaved(r.userErrors.length === 0);
  };
  return (
    <section aria-labelledby="notification-settings">
      <h2 id="notification-settings">{t.notifications.settings}</h2>
      <Async q={q}>
        {() => (
          <form onSubmit={save}>
            <div className="field">
              <label className="choice">
                <input type="checkbox" checked={email ?? me.emailNotifications} onChange={(e) => { setEmail(e.target.checked); setSaved(false); }} /> {t.notifications.emailOn}
              </label>
            </div>
            <div className="field">
              <label htmlFor="email-language">{t.notifications.emailLanguage}</label>
              <select id="email-language" value={language ?? me.preferredLanguage ?? (lang === 'zh' ? 'ZH' : 'EN')} onChange={(e) => { setLanguage(e.target.value); setSaved(false); }}>
                <option value="EN" lang="en">English</option>
                <option value="ZH" lang="zh-CN">中文</option>
              </select>
            </div>
            <FormErrors errors={errors} />
            <button type="submit">{t.notifications.saveSettings}</button>
            {saved && <p role="status">{t.notifications.saved}</p>}
          </form>
        )}
      </Async>
    </section>
  );
}
