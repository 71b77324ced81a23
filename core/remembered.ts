/** Where promises are kept by key: a Map, or an LRUCache for a bounded or expiring store. */
export interface PromiseStore<K, V> {
  get(key: K): Promise<V> | undefined;
  set(key: K, value: Promise<V>): unknown;
  delete(key: K): unknown;
}

/**
 * The promise kept under `key`, or a new one from `make`, kept at once so that everyone who asks
 * meanwhile shares the one call. A rejected promise is forgotten (the next asker tries again), and
 * so is a value `keep` refuses (say, "not found", which may change).
 */
export function remembered<K, V>(store: PromiseStore<K, V>, key: K, make: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
  const known = store.get(key);
  if (known) return known;
  const made = make();
  store.set(key, made);
  const forget = () => {
    if (store.get(key) === made) store.delete(key);
  };
  made.then((value) => keep(value) || forget(), forget);
  return made;
}
