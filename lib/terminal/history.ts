// Terminal command history, persisted per sandbox (↑/↓ and `history`).

import { db } from "@/lib/db/client";

export const HISTORY_LIMIT = 500;

export async function readHistory(sandboxId: string, limit = HISTORY_LIMIT): Promise<string[]> {
  const rows = await db().terminalCommand.findMany({
    where: { sandboxId },
    orderBy: { seq: "desc" },
    take: limit,
    select: { command: true },
  });
  return rows.reverse().map((r) => r.command);
}

export async function appendHistory(
  sandboxId: string,
  command: string,
  exitCode: number,
): Promise<void> {
  // seq = previous max + 1 in one statement; a concurrent append retries on the key.
  for (let attempt = 0; attempt < 5; attempt++) {
    const last = await db().terminalCommand.findFirst({
      where: { sandboxId },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    try {
      await db().terminalCommand.create({
        data: { sandboxId, seq: (last?.seq ?? 0) + 1, command, exitCode },
      });
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "P2002") throw e;
    }
  }
}
