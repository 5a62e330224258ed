// The quiz page saves an answer as it changes. Two saves of one question in flight at
// once may reach the server in either order (they can travel on different connections
// to different app processes), and the older answer could be stored last. So each
// question has at most one save in flight; changes made meanwhile are coalesced and
// the latest one is sent when it returns. Client-safe: no server imports.

export type SaveSender<T> = (key: string, value: T) => Promise<unknown>;

export interface SaveQueue<T> {
  /** Saves `value` for `key` after any save of that key in flight; the latest value wins. */
  save(key: string, value: T): void;
  /** Resolves when no save is in flight or waiting (for tests and before leaving). */
  idle(): Promise<void>;
}

export function createSaveQueue<T>(send: SaveSender<T>): SaveQueue<T> {
  const pending = new Map<string, { next: T | undefined; waiting: boolean }>();
  const running = new Set<Promise<void>>();

  async function drain(key: string, first: T): Promise<void> {
    const slot = pending.get(key)!;
    let value: T | undefined = first;
    try {
      while (slot.waiting || value !== undefined) {
        const current = value as T;
        slot.next = undefined;
        slot.waiting = false;
        try {
          await send(key, current);
        } catch {
          // The sender reports its own errors; the next change is still saved.
        }
        value = slot.waiting ? slot.next : undefined;
      }
    } finally {
      pending.delete(key);
    }
  }

  return {
    save(key, value) {
      const slot = pending.get(key);
      if (slot) {
        slot.next = value;
        slot.waiting = true;
        return;
      }
      pending.set(key, { next: undefined, waiting: false });
      const run = drain(key, value);
      running.add(run);
      void run.finally(() => running.delete(run));
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
