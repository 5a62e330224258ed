// When the cluster picture asks the server again: now, then `intervalMs` after each answer
// (while the page is visible), and at once when the workspace says the cluster changed -
// never a second request while one is on its way. A timer that fired every 3 s whatever
// the last request was doing kept the rate at 1 per 3 s per open page when the server
// slowed down: requests piled up on the server (and in the browser's six connections,
// ahead of the terminal's commands) and each one made the next slower. bench:load's paced
// phase at 200 learners on a loaded machine: 28,269 pictures, p50 49.8 s, exec p99 97 s.
// Plain TypeScript (no React): the component drives it, and the load benchmark's learners
// poll through it too (bench/load/paced.ts).

export interface Poll {
  /** Asks again now (the cluster changed); after the current request when one is on its way. */
  refresh(): void;
  /** No further request; the answer of one on its way still arrives (the caller ignores it). */
  stop(): void;
}

export interface PollOptions {
  intervalMs: number;
  /** Whether a request is wanted now (the page visible); checked again every interval. */
  visible: () => boolean;
  /** One request; its failure is the caller's to show (the poll carries on). */
  load: () => Promise<unknown>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function startPoll(o: PollOptions): Poll {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let timer: unknown;
  let loading = false;
  let again = false;
  let stopped = false;

  const schedule = () => {
    timer = setTimer(() => {
      timer = undefined;
      if (o.visible()) run();
      else schedule();
    }, o.intervalMs);
  };
  const run = () => {
    if (stopped) return;
    if (loading) {
      again = true;
      return;
    }
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    loading = true;
    void o
      .load()
      .catch(() => undefined)
      .then(() => {
        loading = false;
        if (stopped) return;
        if (again) {
          again = false;
          run();
        } else schedule();
      });
  };

  run();
  return {
    refresh: run,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}
