import { describe, expect, it } from "vitest";
import { isDatabaseBusy, isDatabaseUnavailable } from "./unavailable";

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    errno: -111,
    syscall: "connect",
  });
}

describe("isDatabaseUnavailable", () => {
  it("recognises socket errors from node-postgres", () => {
    expect(isDatabaseUnavailable(socketError("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(socketError("ECONNRESET"))).toBe(true);
  });

  it("recognises shutdown SQLSTATEs and class 08", () => {
    const shutdown = Object.assign(new Error("terminating connection due to admin"), {
      code: "57P01",
    });
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(isDatabaseUnavailable({ code: "08006", message: "x" })).toBe(true);
  });

  it("recognises pg's dropped-connection message", () => {
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
  });

  it("looks through Prisma's wrappers", () => {
    const adapterError = { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } };
    const prismaError = Object.assign(new Error("Can't reach database"), {
      code: "P1001",
    });
    expect(isDatabaseUnavailable(prismaError)).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("query failed"), { meta: { driverAdapterError: adapterError } }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: { originalCode: "57P03" } }))).toBe(
      true,
    );
  });

  it("leaves query errors alone", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("stops on cyclic causes", () => {
    const a: { cause?: unknown; message: string } = { message: "a" };
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("isDatabaseBusy", () => {
  it("recognises Prisma's transaction timeout and Postgres lock/statement timeouts", () => {
    expect(
      isDatabaseBusy(Object.assign(new Error("Transaction already closed"), { code: "P2028" })),
    ).toBe(true);
    expect(isDatabaseBusy({ code: "55P03", message: "could not obtain lock" })).toBe(true);
    expect(isDatabaseBusy(new Error("wrapped", { cause: { originalCode: "57014" } }))).toBe(true);
  });

  it("is not an outage, and leaves other errors alone", () => {
    expect(isDatabaseUnavailable({ code: "P2028" })).toBe(false);
    expect(isDatabaseBusy({ code: "P1001" })).toBe(false);
    expect(isDatabaseBusy({ code: "23505" })).toBe(false);
    expect(isDatabaseBusy(new Error("boom"))).toBe(false);
  });
});
