/**
 * The sign-in is kept per tab (sessionStorage: it ends when the browser's tabs close, which a
 * shared computer in a library or a service centre needs), yet a link opened in a new tab keeps
 * it: a tab without a token asks the portal's other open tabs over a BroadcastChannel (same origin
 * only) and takes the answer. Signing out tells every tab, so none stays signed in behind the
 * person's back.
 */
type Message = { kind: 'who' } | { kind: 'token'; token: string } | { kind: 'signed-out' };

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('egov.session') : null;
/** How long a new tab waits for another tab's answer before it shows itself signed out. */
const ASK_MS = 250;

/** Answers other tabs that ask, with this tab's token while it has one. */
export function shareSession(current: () => string | null): void {
  channel?.addEventListener('message', (e: MessageEvent<Message>) => {
    const token = current();
    if (e.data.kind === 'who' && token) channel.postMessage({ kind: 'token', token } satisfies Message);
  });
}

/** A token from another open tab, or null when none answers in time. */
export function askOtherTabs(): Promise<string | null> {
  if (!channel) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (token: string | null) => {
      clearTimeout(timer);
      channel.removeEventListener('message', listen);
      resolve(token);
    };
    const listen = (e: MessageEvent<Message>) => {
      if (e.data.kind === 'token' && typeof e.data.token === 'string') done(e.data.token);
    };
    const timer = setTimeout(() => done(null), ASK_MS);
    channel.addEventListener('message', listen);
    channel.postMessage({ kind: 'who' } satisfies Message);
  });
}

/** Tells every other tab this browser signed out. */
export function announceSignOut(): void {
  channel?.postMessage({ kind: 'signed-out' } satisfies Message);
}

/** Runs `listener` when another tab signs out; returns the function that stops listening. */
export function onSignOutElsewhere(listener: () => void): () => void {
  const listen = (e: MessageEvent<Message>) => {
    if (e.data.kind === 'signed-out') listener();
  };
  channel?.addEventListener('message', listen);
  return () => channel?.removeEventListener('message', listen);
}
