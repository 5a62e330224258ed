// `tail -f /var/log/audit.log`: the last lines of the API server's audit log (-n, default
// 10), then every event appended since, read from the sandbox's audit rows in Postgres -
// the log every app instance writes to.

import { readAuditLog } from "@/lib/db/sandboxes";
import { EMPTY, type Chunk, type SourceContext, type StreamSource } from "./source";

const PAGE = 500;

export function auditFollow(lines: number, ctx: SourceContext): StreamSource {
  let lastSeq = -1;
  let first = true;
  const format = (events: { event: unknown }[]) =>
    events.map((e) => `${JSON.stringify(e.event)}\n`).join("");
  return {
    async next(): Promise<Chunk> {
      // Let virtual time catch up (control loops write, and are audited) before reading.
      await ctx.env.state();
      const all: { seq: number; event: unknown }[] = [];
      for (;;) {
        const page = await readAuditLog(ctx.sandboxId, { afterSeq: lastSeq, limit: PAGE });
        all.push(...page);
        if (page.length) lastSeq = page[page.length - 1]!.seq;
        if (page.length < PAGE) break;
      }
      if (first) {
        first = false;
        return { stdout: format(all.slice(Math.max(0, all.length - lines))), stderr: "" };
      }
      return all.length ? { stdout: format(all), stderr: "" } : EMPTY;
    },
  };
}
