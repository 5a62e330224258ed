import { describe, expect, it } from "vitest";
import { initialLine } from "./line-editor";
import { inputNow, opensShell, splitFirstLine } from "./shell-mode";

describe("which typed lines open an interactive container shell", () => {
  it("kubectl exec with -i and a shell after --, in any flag spelling", () => {
    for (const line of [
      "kubectl exec -it -n kube-system etcd-master1 -- sh",
      "kubectl exec -ti web -- bash",
      "k exec --stdin --tty web -c app -- /bin/sh",
      "kubectl exec web -i -- /bin/bash",
      "kubectl exec -itn kube-system etcd-master1 -- sh",
      "kubectl exec --stdin=true web -- sh",
    ])
      expect(opensShell(line), line).toBe(true);
  });

  it("not without -i, not with a pipe, not for other commands or arguments", () => {
    for (const line of [
      "kubectl exec web -- sh",
      "kubectl exec -t web -- sh",
      "kubectl exec --stdin=false -t web -- sh",
      "echo ls | kubectl exec -i web -- sh",
      "kubectl exec -it web -- sh | grep x",
      "kubectl exec -it web -- sh -c ls",
      "kubectl exec -it web -- env",
      "kubectl exec -c i web -- sh",
      "kubectl exec -n i web -- sh",
      "kubectl logs -i web -- sh",
      "kubectl exec -it web sh",
      "kubectl exec -it 'web -- sh",
    ])
      expect(opensShell(line), line).toBe(false);
  });
});

describe("input reaches the shell one line at a time", () => {
  it("the first line now (ending in Enter), the rest later", () => {
    expect(splitFirstLine("hostname\nenv\r\nexit\n")).toEqual(["hostname\r", "env\r\nexit\n"]);
    expect(splitFirstLine("ls /etc\r\n")).toEqual(["ls /etc\r", ""]);
    expect(splitFirstLine("partial")).toEqual(["partial", ""]);
  });

  it("in a shell one line at a time; outside, only a paste that opens a shell is held back", () => {
    const paste = "kubectl exec -it web -- sh\nhostname\nexit\n";
    expect(inputNow(paste, false, initialLine())).toEqual([
      "kubectl exec -it web -- sh\r",
      "hostname\nexit\n",
    ]);
    expect(inputNow("hostname\nexit\n", true, initialLine())).toEqual(["hostname\r", "exit\n"]);
    const outer = "kubectl get pods\nkubectl get nodes\n";
    expect(inputNow(outer, false, initialLine())).toEqual([outer, ""]);
    // Typed at the prompt before the paste: the submitted line is what counts.
    const typed = { ...initialLine(), buffer: "kubectl exec -it web -- ", cursor: 24 };
    expect(inputNow("sh\nls\n", false, typed)).toEqual(["sh\r", "ls\n"]);
  });
});
