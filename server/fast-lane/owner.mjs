// Which web worker owns a sandbox (docs/deployment.md, "Sticky sandboxes"), and the
// configuration the primary gives each worker for it. Pure, without I/O: the lane
// (sticky.mjs) routes by it, and the app (lib/db/sandboxes/new-id.ts) draws the id of a
// sandbox it creates so that the creating worker is its owner.
//
// Plain JavaScript: the workers run it without tsx (owner.d.mts types it).

/** FNV-1a (32 bit) of the id's UTF-16 code units: stable across processes and restarts. */
export function idHash(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The index (0..workers-1) of the worker that owns the sandbox. */
export function ownerIndex(sandboxId, workers) {
  return idHash(sandboxId) % workers;
}

/** The Unix socket of worker `index` of the primary whose sockets start with `prefix`. */
export function socketPath(prefix, index) {
  return `${prefix}${index}.sock`;
}

/**
 * Whether this worker forwards, from the environment the primary gives it: the worker
 * count, this worker's index, the sockets' prefix and the secret. Undefined (no
 * forwarding) with one worker, KUBELAB_FAST_LANE=0, or anything missing or malformed.
 */
export function stickyConfig(env) {
  if (env.KUBELAB_FAST_LANE?.trim() === "0") return undefined;
  const workers = Number(env.KUBELAB_WORKERS);
  const index = Number(env.KUBELAB_WORKER_INDEX);
  const prefix = env.KUBELAB_LANE_SOCKET_PREFIX;
  const secret = env.KUBELAB_LANE_SECRET;
  if (!Number.isInteger(workers) || workers < 2) return undefined;
  if (!Number.isInteger(index) || index < 0 || index >= workers) return undefined;
  if (!prefix || !secret || secret.length < 32) return undefined;
  return { workers, index, prefix, secret };
}

/**
 * A new id from `draw()` that the worker `config` describes owns (about `workers` draws),
 * or simply `draw()` without sticky forwarding: the worker that creates a sandbox (and
 * keeps its start in its cache) is then the one its commands go to.
 */
export function ownedId(draw, config) {
  if (!config) return draw();
  for (;;) {
    const id = draw();
    if (ownerIndex(id, config.workers) === config.index) return id;
  }
}
