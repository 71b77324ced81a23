/**
 * Orders a batch's rows the way DataLoader needs them: one result per requested key, in the
 * keys' order, null where no row matched.
 */
export function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Like byKey, for one-to-many lookups: every key gets the (possibly empty) list of its rows. */
export function groupByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = groupBy(rows, keyOf);
  return keys.map((k) => map.get(k) ?? []);
}

/** Items filed by key, each list in the items' order (one pass, no copying). */
export function groupBy<K, R>(items: Iterable<R>, keyOf: (item: R) => K): Map<K, R[]> {
  const map = new Map<K, R[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
