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

/**
 * A batch of per-parent keys that also carry arguments (a filter, a page size, a cursor): the keys
 * with the same arguments (`argsOf`) share one statement for all their parents (`fetch`, given
 * their parent ids and one of them for the arguments), whose answer is filed by parent. One result
 * per key, in the keys' order; undefined for a parent the statement found nothing for.
 */
export async function perArguments<K, V>(
  keys: readonly K[],
  argsOf: (key: K) => string,
  parentOf: (key: K) => string,
  fetch: (parentIds: string[], args: K) => Promise<Map<string, V>>,
): Promise<(V | undefined)[]> {
  const answers = new Map<string, Map<string, V>>();
  for (const [args, group] of groupBy(keys, argsOf)) answers.set(args, await fetch(group.map(parentOf), group[0]));
  return keys.map((k) => answers.get(argsOf(k))!.get(parentOf(k)));
}
