// A second process for the concurrency and crash tests (run with `node --import tsx`).
//   create <sandboxId> <prefix> <count>: creates <count> ConfigMaps one request at a time
//   hang <sandboxId>: starts a request, writes its rows, then waits inside the transaction

import { sandboxRequest } from "@/lib/db/sandboxes";
import { ADMIN_USER } from "@/lib/sim";

async function main() {
  const [mode, id, prefix, count] = process.argv.slice(2);
  if (!id) throw new Error("usage: sandbox-worker <create|hang> <sandboxId> ...");
  if (mode === "create") {
    for (let i = 0; i < Number(count); i++) {
      const r = await sandboxRequest(id, {
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        user: ADMIN_USER,
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${prefix}-${i}` } },
      });
      if (r.response.code !== 201) throw new Error(`create ${prefix}-${i}: ${r.response.code}`);
    }
  } else if (mode === "hang") {
    await sandboxRequest(
      id,
      {
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        user: ADMIN_USER,
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "never" } },
      },
      {
        beforeCommit: async () => {
          process.stdout.write("written\n");
          await new Promise(() => {}); // killed here
        },
      },
    );
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
