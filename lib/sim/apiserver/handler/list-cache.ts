// Lists the pipeline reads on most requests (a namespace's LimitRanges and ResourceQuotas,
// PriorityClasses, the CustomResourceDefinitions behind the registry) stay the same while no
// row under their key prefix is written. The revision log is an append-only array shared by
// the states of one lineage, so "unchanged" is checked by scanning only the rows appended
// since the list was read - a handful - instead of ranging and decoding it again.

import type { KubeObject } from "../object";
import type { KvRow, StoreState } from "../../store/types";

interface SeenList {
  rows: readonly KvRow[];
  length: number;
  items: readonly KubeObject[];
}

const seen = new Map<string, SeenList>();
const SEEN_LIMIT = 1_000;

/**
 * The objects under `prefix` in `store`, read with `read` unless the list read last time is
 * still current. The result is shared: callers must not change it (it is frozen).
 */
export function cachedList(
  store: StoreState,
  prefix: string,
  read: () => KubeObject[],
): readonly KubeObject[] {
  const log = store.log;
  const last = seen.get(prefix);
  if (last && last.rows === log.rows && last.length <= log.length) {
    let written = false;
    for (let i = last.length; i < log.length; i++) {
      if (log.rows[i]!.key.startsWith(prefix)) {
        written = true;
        break;
      }
    }
    if (!written) {
      last.length = log.length;
      return last.items;
    }
  }
  const items = Object.freeze(read());
  if (seen.size >= SEEN_LIMIT) seen.clear();
  seen.set(prefix, { rows: log.rows, length: log.length, items });
  return items;
}
