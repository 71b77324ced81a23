/**
 * Live updates (issue 19): the gateway's GraphQL over SSE (`POST /graphql/stream`, graphql-sse's
 * distinct connections mode), with the sign-in token as for every request. The client reconnects
 * by itself after a network failure, sending the last event id it got as `Last-Event-ID`, so the
 * gateway first sends what was missed meanwhile; `EVENTS_MISSED` (away too long) says to reload.
 */
import { createClient } from 'graphql-sse';
import { useEffect, useRef } from 'react';
import { getToken, getRequestLanguage } from './api';

export interface LiveMessage<T> {
  /** The event's data, or null when the page should reload what it shows (updates were missed). */
  data: T | null;
}

/** Follows a subscription (one of the trusted documents) while the component is shown. */
export function useLive<T>(query: string, onMessage: (message: LiveMessage<T>) => void, enabled = true) {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (!enabled) return;
    let lastEventId: string | null = null;
    const client = createClient({
      url: '/graphql/stream',
      retryAttempts: 20,
      headers: () => ({
        'x-egov-language': getRequestLanguage(),
        ...(getToken() ? { authorization: `Bearer ${getToken()}` } : {}),
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      }),
    });
    const stop = client.subscribe<T>({ query }, {
      next: (result) => {
        const eventId = (result.extensions as { eventId?: string | null } | undefined)?.eventId;
        if (eventId) lastEventId = eventId;
        if (result.errors?.some((e) => (e.extensions as { code?: string } | undefined)?.code === 'EVENTS_MISSED')) return handler.current({ data: null });
        if (result.data) handler.current({ data: result.data as T });
      },
      // The page keeps working without live updates; a reload resubscribes.
      error: () => {},
      complete: () => {},
    });
    return () => {
      stop();
      client.dispose();
    };
  }, [query, enabled]);
}
