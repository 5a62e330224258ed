import { describe, expect, it } from "vitest";
import {
  feedLine,
  interactiveInput,
  withoutEcho,
  type InteractiveInput,
} from "./interactive-input";

/** Types the lines one by one; returns what the terminal showed and the collected stdin. */
function typeLines(start: InteractiveInput, lines: string[]) {
  let s = start;
  let screen = start.echoed;
  let stdin: string | undefined;
  for (const l of lines) {
    expect(stdin).toBeUndefined();
    const r = feedLine(s, l);
    s = r.state;
    screen += `${l}\n${r.write}`;
    stdin = r.stdin;
  }
  return { screen, stdin, state: s };
}

describe("interactive input (etcdctl txn in the browser terminal)", () => {
  it("recognises etcdctl txn, directly or inside an etcd pod, but not piped input or other commands", () => {
    expect(interactiveInput("etcdctl txn -i")?.prompts).toEqual([
      "compares:",
      "success requests (get, put, del):",
      "failure requests (get, put, del):",
    ]);
    expect(interactiveInput("etcdctl --endpoints https://127.0.0.1:2379 txn")?.prompts).toBeNull();
    expect(
      interactiveInput("kubectl exec -n kube-system etcd-master1 -- etcdctl txn --interactive"),
    ).toBeDefined();
    expect(interactiveInput("echo x | etcdctl txn")).toBeUndefined();
    expect(interactiveInput("etcdctl get txn")).toBeUndefined();
    expect(interactiveInput("kubectl get pods")).toBeUndefined();
    expect(interactiveInput("etcdctl txn 'unbalanced")).toBeUndefined();
  });

  it("-i: prompts section by section; three empty lines complete the input", () => {
    const start = interactiveInput("etcdctl txn -i")!;
    expect(start.echoed).toBe("compares:\n");
    const { screen, stdin } = typeLines(start, [
      'mod("key1") > "0"',
      "",
      'put key1 "overwrote-key1"',
      "",
      'put key1 "created-key1"',
      'put key2 "some extra key"',
      "",
    ]);
    expect(screen).toBe(
      'compares:\nmod("key1") > "0"\n\nsuccess requests (get, put, del):\nput key1 "overwrote-key1"\n\nfailure requests (get, put, del):\nput key1 "created-key1"\nput key2 "some extra key"\n\n',
    );
    expect(stdin).toBe(
      'mod("key1") > "0"\n\nput key1 "overwrote-key1"\n\nput key1 "created-key1"\nput key2 "some extra key"\n\n',
    );
  });

  it("without -i nothing is prompted; the output is shown without the echo", () => {
    const { screen, stdin, state } = typeLines(interactiveInput("etcdctl txn")!, ["", "", ""]);
    expect(screen).toBe("\n\n\n");
    expect(stdin).toBe("\n\n\n");
    expect(withoutEcho("SUCCESS\n", state.echoed)).toBe("SUCCESS\n");
    expect(withoutEcho("compares:\nx\n\nSUCCESS\n", "compares:\nx\n\n")).toBe("SUCCESS\n");
  });
});
