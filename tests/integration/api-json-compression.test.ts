// The terminal routes' answers tell `next start`'s compressor what to skip: answers
// under 1 KiB carry Cache-Control no-transform (gzip would cost more than it saves),
// larger ones (tables, YAML) stay compressible; errors follow the same rule.
import { describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { GET as history } from "@/app/api/sandboxes/[id]/history/route";
import { COMPRESS_MIN_BYTES } from "@/lib/http/json-response";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function learner() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  expect(r.headers.get("cache-control")).toBe("no-store, no-transform");
  const { id } = (await r.json()) as { id: string };
  const run = (command: string, headers: Record<string, string> = { cookie }) =>
    exec(jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command }, headers), params(id));
  return { id, cookie, run };
}

describe("terminal answers and compression", () => {
  it("marks a small command answer no-transform and leaves a large one compressible", async () => {
    const { run } = await learner();
    const small = await run("kubectl version --client");
    expect(small.status).toBe(200);
    const smallText = await small.text();
    expect(Buffer.byteLength(smallText)).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(small.headers.get("content-type")).toBe("application/json");

    const large = await run("kubectl api-resources");
    expect(large.status).toBe(200);
    const largeText = await large.text();
    expect(Buffer.byteLength(largeText)).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    expect(large.headers.get("cache-control")).toBe("no-store");
    expect((JSON.parse(largeText) as { stdout: string }).stdout).toContain("NAME");
  });

  it("answers errors and reads the same way", async () => {
    const { id, cookie, run } = await learner();
    const refused = await run("kubectl get ns", {}); // no session cookie
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store, no-transform");
    const h = await history(
      new Request(`${APP_ORIGIN}/api/sandboxes/${id}/history`, { headers: { cookie } }),
      params(id),
    );
    expect(h.status).toBe(200);
    expect(h.headers.get("cache-control")).toBe("no-store, no-transform");
  });
});
