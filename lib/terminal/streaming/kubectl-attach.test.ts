import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION } from "@/lib/sim/cli";
import { labTerminal } from "@/lib/sim/cli/testing";
import { snapshotForm } from "../streaming-form";
import { openSource } from "./open-source";
import { splitPipeline } from "./pipeline";
import { ATTACH_HINT } from "./kubectl-attach";

// Texts measured with kubectl 1.28 attached to the REST face (script(1) pty).
describe("kubectl attach in the terminal", { timeout: 30_000 }, () => {
  const lab = labTerminal("attach");
  const ctx = { sandboxId: "unit", env: lab.env, session: DEFAULT_SESSION };
  const open = (line: string) => openSource(splitPipeline(line).head, ctx);

  it("streams until Ctrl-C; a pipe after it runs once", () => {
    expect(snapshotForm("kubectl attach -it -n kube-system etcd-master1")).toBeDefined();
    expect(snapshotForm("kubectl attach web | grep x")).toBeUndefined();
  });

  it("-it on a container without a tty: kubectl's TTY error, the hint, then silence", async () => {
    const src = await open("kubectl attach -it -n kube-system etcd-master1");
    expect(await src.next()).toEqual({
      stdout: "",
      stderr: `error: Unable to use a TTY - container etcd did not allocate one\n${ATTACH_HINT}`,
    });
    expect(await src.next()).toEqual({ stdout: "", stderr: "" });
    const plain = await open("kubectl attach -i -n kube-system etcd-master1");
    expect(await plain.next()).toEqual({ stdout: "", stderr: ATTACH_HINT });
    const quiet = await open("kubectl attach -q -n kube-system etcd-master1");
    expect(await quiet.next()).toEqual({ stdout: "", stderr: "" });
  });

  it("refusals: no pod, a bad container, a pod without a node (after the hint)", async () => {
    await expect((await open("kubectl attach nope")).next()).rejects.toThrow(
      'Error from server (NotFound): pods "nope" not found',
    );
    await expect(
      (await open("kubectl attach -n kube-system etcd-master1 -c x")).next(),
    ).rejects.toThrow("error: container not found (x)");
    const stuck =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\nspec:\n  nodeSelector:\n    disk: none\n  containers:\n  - name: app\n    image: nginx\n";
    await lab.run(`echo '${stuck}' | kubectl apply -f -`);
    lab.env.advance(5_000);
    expect(await (await open("kubectl attach stuck")).next()).toEqual({
      stdout: "",
      stderr: `${ATTACH_HINT}Error from server (BadRequest): pod stuck does not have a host assigned\n`,
      exit: 1,
    });
  });
});
