// The web worker's arguments, as `next start` takes them (scripts/web-workers.ts
// passes the same ones whether it forks `next start` or server/fast-lane/worker-entry.mjs).

/** -p/--port, -H/--hostname and --keepAliveTimeout from argv; the rest is ignored. */
export function parseWorkerArgs(argv) {
  const opts = { port: 3000, hostname: undefined, keepAliveTimeout: undefined };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "-p" || argv[i] === "--port") opts.port = Number(value);
    else if (argv[i] === "-H" || argv[i] === "--hostname") opts.hostname = value;
    else if (argv[i] === "--keepAliveTimeout") opts.keepAliveTimeout = Number(value);
    else continue;
    i++;
  }
  return opts;
}
