// `etcdctl txn -i` typed in the browser terminal: the terminal collects the three
// sections locally (interactive-input.ts, as lab-terminal.tsx does), then POSTs the
// command with them as stdin; the screen ends up as etcdctl 3.5's in a real tty.
import { describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { feedLine, interactiveInput, withoutEcho } from "@/lib/terminal/interactive-input";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function signedIn() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  const { id } = (await r.json()) as { id: string };
  const post = async (command: string, stdin?: string) => {
    const res = await exec(
      jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command, stdin }, { cookie }),
      params(id),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { stdout: string; stderr: string; exitCode: number };
  };
  return { post };
}

/** What the learner sees: the prompts and typed lines, then the command's own output. */
async function typeTransaction(
  post: (command: string, stdin?: string) => Promise<{ stdout: string; exitCode: number }>,
  command: string,
  lines: string[],
) {
  let s = interactiveInput(command)!;
  let screen = s.echoed;
  let stdin: string | undefined;
  for (const l of lines) {
    const r = feedLine(s, l);
    s = r.state;
    screen += `${l}\n${r.write}`;
    stdin = r.stdin;
  }
  expect(stdin).toBeDefined();
  const out = await post(s.command, stdin);
  return { screen: screen + withoutEcho(out.stdout, s.prompts ? s.echoed : ""), out };
}

const LINES = [
  'mod("key1") > "0"',
  "",
  'put key1 "overwrote-key1"',
  "",
  'put key1 "created-key1"',
  'put key2 "some extra key"',
  "",
];

describe("etcdctl txn -i through the terminal API", () => {
  it("prints etcdctl's prompts once, runs the failure branch, then the success branch", async () => {
    const { post } = await signedIn();
    const first = await typeTransaction(post, "etcdctl txn -i", LINES);
    expect(first.out.exitCode).toBe(0);
    expect(first.screen).toBe(
      'compares:\nmod("key1") > "0"\n\nsuccess requests (get, put, del):\nput key1 "overwrote-key1"\n\nfailure requests (get, put, del):\nput key1 "created-key1"\nput key2 "some extra key"\n\nFAILURE\n\nOK\n\nOK\n',
    );
    expect((await post("etcdctl get key1 --print-value-only")).stdout).toBe("created-key1\n");
    const second = await typeTransaction(
      post,
      "kubectl exec -n kube-system etcd-master1 -- etcdctl txn -i",
      LINES,
    );
    expect(second.screen.endsWith("\n\nSUCCESS\n\nOK\n")).toBe(true);
    expect((await post("etcdctl get key1 --print-value-only")).stdout).toBe("overwrote-key1\n");
  });
});
