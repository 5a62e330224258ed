import { afterEach, describe, expect, it } from "vitest";
import { readJsonBody } from "@/lib/http/read-json-body";
import { answerFromOwner, bufferRequestBody } from "./sandbox-owner-worker";

const HOOK = Symbol.for("kubelab.lane.sticky");
const FORWARDED = Symbol.for("kubelab.lane.forwarded");
type Global = Record<symbol, unknown>;

function install(answer: unknown): unknown[] {
  const calls: unknown[] = [];
  (globalThis as Global)[HOOK] = {
    forward: async (request: unknown, body: unknown) => {
      calls.push({ request, body });
      return answer;
    },
  };
  return calls;
}

const request = () =>
  new Request("http://localhost:3000/api/labs/pods-1/check", {
    method: "POST",
    headers: { cookie: "s=1", origin: "http://localhost:3000" },
  });

afterEach(() => {
  delete (globalThis as Global)[HOOK];
});

describe("answerFromOwner", () => {
  it("runs the route here without sticky workers (no hook)", async () => {
    expect(await answerFromOwner(request(), "lab-check", "sb1", { labId: "pods-1" })).toBe(
      undefined,
    );
  });

  it("hands the request to the owner and answers with the owner's answer", async () => {
    const calls = install({
      status: 201,
      headers: ["content-type", "application/json", "set-cookie", "a=1", "set-cookie", "b=2"],
      body: Buffer.from('{"score":3}'),
    });
    const res = await answerFromOwner(request(), "lab-check", "sb1", { labId: "pods-1" });
    expect(calls).toEqual([
      {
        request: {
          route: "lab-check",
          sandboxId: "sb1",
          params: { labId: "pods-1" },
          method: "POST",
          url: "http://localhost:3000/api/labs/pods-1/check",
          headers: { cookie: "s=1", origin: "http://localhost:3000" },
        },
        body: null,
      },
    ]);
    expect(res!.status).toBe(201);
    expect(res!.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res!.json()).toEqual({ score: 3 });
  });

  it("runs the route here when this worker serves it (owner, unreachable owner)", async () => {
    install("local");
    expect(await answerFromOwner(request(), "lab-check", "sb1", {})).toBe(undefined);
  });

  it("never forwards a request another worker forwarded here", async () => {
    const calls = install({ status: 200, headers: [], body: null });
    const forwarded = Object.assign(request(), { [FORWARDED]: true });
    expect(await answerFromOwner(forwarded, "lab-check", "sb1", {})).toBe(undefined);
    expect(calls).toHaveLength(0);
  });

  const post = (body: string) =>
    new Request("http://localhost:3000/api/sandboxes/sb1/shell", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it("sends a route's body to the owner, cut one byte past the route's limit", async () => {
    const calls = install({ status: 200, headers: [], body: null }) as { body: Uint8Array }[];
    await answerFromOwner(post('{"line":"ls"}'), "sandbox-shell", "sb1", {}, { bodyLimit: 100 });
    await answerFromOwner(post("x".repeat(500)), "sandbox-shell", "sb1", {}, { bodyLimit: 100 });
    expect(Buffer.from(calls[0]!.body).toString()).toBe('{"line":"ls"}');
    // Enough for the owner's 413, never the whole body.
    expect(calls[1]!.body.byteLength).toBe(101);
  });

  it("leaves the body it read to the route when the route runs here", async () => {
    install("local");
    const req = post('{"line":"ls"}');
    expect(await answerFromOwner(req, "sandbox-shell", "sb1", {}, { bodyLimit: 100 })).toBe(
      undefined,
    );
    expect(await readJsonBody(req, 100)).toEqual({ line: "ls" });
  });

  it("sends the body a route already read and parsed (bufferRequestBody)", async () => {
    const calls = install({ status: 200, headers: [], body: null }) as { body: Uint8Array }[];
    const req = post('{"action":"etcd-stop"}');
    await bufferRequestBody(req, 4096);
    expect(await readJsonBody(req, 4096)).toEqual({ action: "etcd-stop" });
    await answerFromOwner(req, "lab-control", "sb1", {}, { bodyLimit: 4096 });
    expect(Buffer.from(calls[0]!.body).toString()).toBe('{"action":"etcd-stop"}');
  });
});
