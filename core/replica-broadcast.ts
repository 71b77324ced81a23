import cluster from 'node:cluster';

/**
 * News one replica has for the others (platform/workers.ts): sent to the primary over the cluster's
 * IPC channel, which relays it to every other replica. Without replicas, nothing is sent. Used so
 * that a mutation through any replica clears every replica's response cache, not only its own.
 */
interface Broadcast {
  broadcast: string;
}
const isBroadcast = (m: unknown): m is Broadcast => typeof (m as Broadcast)?.broadcast === 'string';

export function broadcast(topic: string): void {
  if (cluster.isWorker && process.connected) process.send!({ broadcast: topic } satisfies Broadcast);
}

export function onBroadcast(topic: string, listener: () => void): void {
  if (cluster.isWorker) process.on('message', (m: unknown) => isBroadcast(m) && m.broadcast === topic && listener());
}

/** In the primary: passes each replica's broadcast on to all the others. */
export function relayBroadcasts(): void {
  cluster.on('message', (from, m: unknown) => {
    if (!isBroadcast(m)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(m);
    }
  });
}
