// The think phase's learner opens the lab page as the browser does: after the lab's
// sandbox, the page's own GETs (history, editor files, the picture's first poll) before
// the first command; a session that types into an already open page sends none of them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learnerSession } from "../../bench/load/learner";
import { LatencyBook } from "../../bench/load/stats";

const seen: string[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  seen.push(`${req.method} ${req.url}`);
  req.resume();
  res.setHeader("content-type", "application/json");
  if (req.url === "/api/labs/lab-x/sandbox") res.end(JSON.stringify({ sandboxId: "sb1" }));
  else if (req.url?.endsWith("/exec")) res.end(JSON.stringify({ stdout: "", exitCode: 0 }));
  else res.end("{}");
});
let baseUrl = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const session = async (openPage: boolean) => {
  seen.length = 0;
  const book = new LatencyBook();
  await learnerSession(
    { baseUrl, userId: "u1", commands: 1, thinkMs: 0, labId: "lab-x", grade: false, openPage },
    book,
  );
  return { requests: [...seen], book };
};

describe("bench:load learner, the lab page's opens", () => {
  it("sends history, files and picture after the sandbox and before the first command", async () => {
    const { requests, book } = await session(true);
    expect(requests[0]).toBe("GET /api/labs/lab-x/sandbox");
    expect(requests.slice(1, 4).sort()).toEqual([
      "GET /api/sandboxes/sb1/history",
      "GET /api/sandboxes/sb1/picture",
      "GET /api/workspace/lab-x",
    ]);
    expect(requests.slice(4)).toEqual(["POST /api/sandboxes/sb1/exec"]);
    expect(book.count("GET history")).toBe(1);
    expect(book.count("GET workspace files")).toBe(1);
    expect(book.count("GET picture")).toBe(1);
  });

  it("sends none of them when the page is already open", async () => {
    const { requests } = await session(false);
    expect(requests).toEqual(["GET /api/labs/lab-x/sandbox", "POST /api/sandboxes/sb1/exec"]);
  });
});
