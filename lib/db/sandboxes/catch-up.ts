// When a request to a persisted sandbox lets the control loops catch up with the
// time that passed since they last ran. A real cluster's components act on their
// own clocks: the kubelet notices container changes by relisting every second
// (PLEG), renews its Lease every 10 s, the leaders renew theirs every 2 s. A
// learner's commands come every few hundred milliseconds, and running every loop
// over the whole cluster before each of them cost more than the command itself
// (most of the app's CPU under load) while finding nothing to do. So a request
// runs the loops on the passage of time only when at least CATCH_UP_INTERVAL_MS
// of virtual time passed since they last ran; a write still runs them at once
// (its settle reacts to the change, as the watches of real components do).
// What a learner sees is at most one second behind, which is what a real
// cluster's status lag is; nothing is skipped, only observed at the next pass
// (time-driven work - lease renewals, image pulls, NotReady, eviction - happens
// with the timestamps of the pass that does it). Streams (`-w`, `-f`, watches)
// poll once per second, so an active watch sees every pass.
//
// A read whose catch-up only renewed Leases is still persisted, in the statement that
// records its history row anyway (bench/pg-per-command.ts --only=read: ~2.6 KiB sent,
// ~2 Lease rows + one packed log row, ~1 ms of Postgres CPU, most of it the statement
// every command costs). Not persisting it would need every instance to reproduce those
// renewals exactly - the same virtual instant (each instance's wall clock differs) and
// the same store revisions, which are the Leases' resourceVersions that kubectl shows -
// and a later write to build on them; one instance could then show a resourceVersion
// another contradicts. Multi-instance correctness first: it stays a real write.
// (The cluster picture's poll does not write a catch-up that changed nothing it shows: it
// answers the stored state and keeps the catch-up, unwritten, for the next step on that
// state to go on from and write - lib/workspace/quiet-view.ts, pending-catch-up.ts. Nothing
// shown is unstored, and the sandbox evolves as when the poll wrote - but for the leaders'
// Lease renewals, which a poll with nothing else due skips: renewals-only.ts.)

export const CATCH_UP_INTERVAL_MS = 1000;

/** Loops never ran in this process's copy of the sandbox (e.g. freshly loaded). */
export const LOOPS_NEVER_RAN = Number.NEGATIVE_INFINITY;

/**
 * True when a request at `virtualNow` should first let the loops run on the time
 * that passed: time moved and the loops last ran at least one interval ago.
 */
export function catchUpDue(stateTime: number, loopsRanAt: number, virtualNow: number): boolean {
  return virtualNow > stateTime && virtualNow - loopsRanAt >= CATCH_UP_INTERVAL_MS;
}
