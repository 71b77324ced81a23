import { createContext, Fragment, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { getToken, gql, ops, setRequestLanguage, setToken } from './api';
import { announceSignOut, askOtherTabs, onSignOutElsewhere } from './tab-session';
import { en, type Messages } from './i18n/en';
import { zh } from './i18n/zh';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  department: { id: string; code: string; name: string } | null;
}

interface Session {
  me: Me | null;
  ready: boolean;
  signIn: (token: string) => Promise<void>;
  signOut: () => void;
  t: Messages;
  lang: 'en' | 'zh';
  setLang: (l: 'en' | 'zh') => void;
}

const Ctx = createContext<Session>(null as never);
export const useSession = () => useContext(Ctx);
export const useT = () => useContext(Ctx).t;
export const hasRole = (me: Me | null, ...roles: string[]) => !!me && me.roles.some((r) => roles.includes(r));

/**
 * The address's `?lang=` first (a Chinese feed's links, a shared link: the sender's choice for this
 * visit, not saved), then the reader's own choice, then the browser's language.
 */
const initialLang = (): 'en' | 'zh' => {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  const saved = localStorage.getItem('egov.lang');
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  // Not ready until this tab knows whether it is signed in: its own token, or another tab's.
  const [ready, setReady] = useState(false);
  // The graph answers in the reader's language (api.ts sends it with every request).
  const [lang, setLangState] = useState(() => {
    const l = initialLang();
    setRequestLanguage(l);
    return l;
  });

  const loadMe = useCallback(async () => {
    try {
      setMe((await gql<{ me: Me | null }>(ops.Me)).me);
    } catch {
      setToken(null);
      setMe(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      if (!getToken()) {
        const shared = await askOtherTabs();
        if (shared) setToken(shared);
      }
      if (getToken()) await loadMe();
      else setReady(true);
    })();
  }, [loadMe]);
  useEffect(
    () =>
      onSignOutElsewhere(() => {
        setToken(null);
        setMe(null);
      }),
    [],
  );
  useEffect(() => {
    // The window's title is each view's (PageTitle), which follows the language too.
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const value: Session = {
    me,
    ready,
    signIn: async (token) => {
      setToken(token);
      await loadMe();
    },
    signOut: () => {
      setToken(null);
      setMe(null);
      announceSignOut();
    },
    t: lang === 'zh' ? zh : en,
    lang,
    setLang: (l) => {
      localStorage.setItem('egov.lang', l);
      setRequestLanguage(l);
      setLangState(l);
    },
  };
  // A new language remounts the pages, so what they show is asked for again in it.
  return (
    <Ctx.Provider value={value}>
      <Fragment key={lang}>{children}</Fragment>
    </Ctx.Provider>
  );
}
