import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny history router: the gateway serves index.html for every portal path. */
const listeners = new Set<() => void>();

/**
 * Counts visits: a new page (a link, back and forward) is a new visit, shown afresh with focus on
 * its heading; a replaced address (a filter applied) is the same visit, so focus stays where the
 * reader is (WCAG 3.2.2).
 */
let visits = 0;
export const currentVisit = () => visits;

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else {
    history.pushState(null, '', to);
    visits++;
    window.scrollTo(0, 0);
  }
  listeners.forEach((l) => l());
}

window.addEventListener('popstate', () => {
  visits++;
  listeners.forEach((l) => l());
});

export function useLocation(): URL {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return new URL(window.location.href);
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={go} {...rest} />;
}
