import { describe, expect, it } from "vitest";
import { errorLine } from "./error-line";

describe("errorLine", () => {
  it("keeps a Prisma-style message's last line, the cause, with the error's code", () => {
    const error = Object.assign(
      new Error(
        "\nInvalid `db()).user.findFirst()` invocation in\n/app/lib/db/warm-client.ts:24:33\n\n" +
          "  21 export async function warmPrismaClient() {\n→ 24     await db().user.findFirst(\n" +
          "Can't reach database server at 127.0.0.1:1",
      ),
      { code: "P1001" },
    );
    expect(errorLine(error)).toBe("Can't reach database server at 127.0.0.1:1 (P1001)");
  });

  it("does not repeat a code the message already names", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(errorLine(error)).toBe("connect ECONNREFUSED 127.0.0.1:1");
  });

  it("names an error without a message by its name, and a thrown non-error by its text", () => {
    expect(errorLine(new TypeError(""))).toBe("TypeError");
    expect(errorLine("down\nmore")).toBe("down");
  });
});
