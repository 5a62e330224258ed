// A second app process for the command-unit test (run with `node --import tsx`):
//   <sandboxId> <prefix> <count>: `kubectl create configmap <prefix>-i` then
//   `kubectl get configmap <prefix>-i -o name`, for i < count, as the terminal runs them.

import { runTerminalCommand } from "@/lib/terminal";

async function main() {
  const [id, prefix, count] = process.argv.slice(2);
  if (!id || !prefix)
    throw new Error("usage: terminal-command-worker <sandboxId> <prefix> <count>");
  for (let i = 0; i < Number(count); i++) {
    const created = await runTerminalCommand(id, `kubectl create configmap ${prefix}-${i}`);
    if (created.exitCode !== 0) throw new Error(`create ${prefix}-${i}: ${created.stderr}`);
    const got = await runTerminalCommand(id, `kubectl get configmap ${prefix}-${i} -o name`);
    if (got.stdout !== `configmap/${prefix}-${i}\n`)
      throw new Error(`get ${prefix}-${i}: ${got.stderr}`);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
