// Hostile and odd exec/port-forward upgrades against the HTTPS listener: each gets
// an HTTP answer (or a closed connection), the process stays up and keeps serving,
// and a good exec is audited like kube-apiserver audits it. Needs no kubectl.

import { connect as tlsConnect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readAuditLog } from "@/lib/db/sandboxes";
import { startLab, type Lab } from "./harness";

let lab: Lab;
const execPath = (query = "command=hostname&stdout=true&stderr=true&container=etcd") =>
  `/api/k8s/${lab.sandboxId}/api/v1/namespaces/kube-system/pods/etcd-master1/exec?${query}`;

/** Sends raw bytes over TLS; resolves with everything received until close or `ms`. */
function raw(head: string, after?: Buffer, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    let got = Buffer.alloc(0);
    const s = tlsConnect(
      { host: "127.0.0.1", port: lab.server.port, ca: lab.server.certificate.caPem },
      () => {
        s.write(head);
        if (after) setTimeout(() => s.write(after), 100);
      },
    );
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve(got.toString("latin1"));
    };
    const timer = setTimeout(done, ms);
    s.on("data", (c: Buffer) => (got = Buffer.concat([got, c])));
    s.on("close", done);
    s.on("error", done);
  });
}

const request = (method: string, path: string, headers: Record<string, string>) =>
  [
    `${method} ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    `Authorization: Bearer ${lab.token}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    "",
    "",
  ].join("\r\n");

async function stillServing(): Promise<void> {
  const r = await raw(request("GET", `/api/k8s/${lab.sandboxId}/version`, { Connection: "close" }));
  expect(r).toMatch(/^HTTP\/1\.1 200 /);
}

describe("exec upgrades the listener refuses or survives", () => {
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("without a token: 401 Status; without an upgrade: 400 Upgrade request required", async () => {
    const anon = await raw(
      [
        `POST ${execPath()} HTTP/1.1`,
        "Host: x",
        "Connection: Upgrade",
        "Upgrade: SPDY/3.1",
        "",
        "",
      ].join("\r\n"),
    );
    expect(anon).toMatch(/^HTTP\/1\.1 401 /);
    expect(anon).toContain('"reason":"Unauthorized"');
    const plain = await raw(
      request("POST", execPath(), { "Content-Length": "0", Connection: "close" }),
    );
    expect(plain).toMatch(/^HTTP\/1\.1 400 /);
    expect(plain).toContain('"message":"Upgrade request required"');
  });

  it("unknown upgrade protocols and subprotocols are HTTP errors", async () => {
    const foo = await raw(request("POST", execPath(), { Connection: "Upgrade", Upgrade: "foo/1" }));
    expect(foo).toMatch(
      /^HTTP\/1\.1 400 [^]*unable to upgrade: missing upgrade headers in request/,
    );
    const spdy = await raw(
      request("POST", execPath(), {
        Connection: "Upgrade",
        Upgrade: "SPDY/3.1",
        "X-Stream-Protocol-Version": "v9.channel.k8s.io",
      }),
    );
    expect(spdy).toMatch(/^HTTP\/1\.1 403 [^]*unable to negotiate protocol/);
    const ws = await raw(
      request("GET", execPath(), {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Protocol": "v9.channel.k8s.io",
      }),
    );
    expect(ws).toMatch(/^HTTP\/1\.1 400 [^]*unable to negotiate protocol/);
    const badKey = await raw(
      request("GET", execPath(), {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "short",
        "Sec-WebSocket-Protocol": "v5.channel.k8s.io",
      }),
    );
    expect(badKey).toMatch(/^HTTP\/1\.1 400 /);
    const noStreams = await raw(
      request("POST", execPath("command=env&container=etcd"), {
        Connection: "Upgrade",
        Upgrade: "SPDY/3.1",
      }),
    );
    expect(noStreams).toMatch(
      /^HTTP\/1\.1 400 [^]*you must specify at least 1 of stdin, stdout, stderr/,
    );
    await stillServing();
  });

  it("garbage after the SPDY switch and sockets closed mid-stream leave the server up", async () => {
    const spdyHead = request("POST", execPath(), {
      Connection: "Upgrade",
      Upgrade: "SPDY/3.1",
      "X-Stream-Protocol-Version": "v4.channel.k8s.io",
    });
    const garbage = await raw(
      spdyHead,
      Buffer.from("\x80\x03\x00\x01\xff\xff\xff\xffjunkjunk", "latin1"),
    );
    expect(garbage).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    expect(garbage).toContain("X-Stream-Protocol-Version: v4.channel.k8s.io");
    await raw(spdyHead, undefined, 200); // closed before opening any stream
    await stillServing();
  });

  it("a WebSocket exec (v5) that the client drops mid-stream, and a complete one", async () => {
    const open = (query: string) =>
      new WebSocket(`wss://127.0.0.1:${lab.server.port}${execPath(query)}`, ["v5.channel.k8s.io"], {
        ca: lab.server.certificate.caPem,
        headers: { Authorization: `Bearer ${lab.token}` },
      });
    const dropped = open("command=sh&stdin=true&stdout=true&stderr=true&container=etcd");
    await new Promise((r) => dropped.once("open", r));
    dropped.send(Buffer.concat([Buffer.from([0]), Buffer.from("hostn")]));
    dropped.terminate();

    const ws = open("command=hostname&stdout=true&stderr=true&container=etcd");
    const messages: Buffer[] = [];
    ws.on("message", (m: Buffer) => messages.push(m));
    await new Promise((r) => ws.once("close", r));
    expect(ws.protocol).toBe("v5.channel.k8s.io");
    expect(messages.map((m) => [m[0], m.subarray(1).toString()])).toEqual([
      [1, "etcd-master1\n"],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
    await stillServing();
  });

  it("exec is audited as kube-apiserver does: create pods/exec, 101", async () => {
    const events = (await readAuditLog(lab.sandboxId, { limit: 100_000 })).map((r) => r.event);
    const exec = events.filter((e) => e.objectRef?.subresource === "exec");
    expect(exec.some((e) => e.verb === "create" && e.responseStatus?.code === 101)).toBe(true);
    expect(exec.some((e) => e.verb === "get" && e.responseStatus?.code === 101)).toBe(true);
    expect(exec.find((e) => e.verb === "create")?.objectRef).toMatchObject({
      resource: "pods",
      namespace: "kube-system",
      name: "etcd-master1",
      subresource: "exec",
    });
  });
});
