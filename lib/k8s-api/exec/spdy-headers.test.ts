import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { HeaderCodec } from "./spdy-headers";

describe("SPDY/3 header compression", () => {
  it("one zlib context per direction across blocks, with the SPDY/3 dictionary", async () => {
    const client = new HeaderCodec();
    const server = new HeaderCodec();
    const first = await client.encode({ streamtype: "error" });
    const second = await client.encode({ streamtype: "stdout" });
    // The second block only makes sense after the first: decoding it alone fails.
    await expect(new HeaderCodec().decode(second)).rejects.toThrow();
    expect(await server.decode(first)).toEqual({ streamtype: "error" });
    expect(await server.decode(second)).toEqual({ streamtype: "stdout" });
    client.close();
    server.close();
  });

  it("garbage and zlib bombs are protocol errors, not crashes", async () => {
    await expect(new HeaderCodec().decode(Buffer.from("not zlib"))).rejects.toThrow(/header block/);
    const bomb = zlib.deflateSync(Buffer.alloc(200_000));
    await expect(new HeaderCodec().decode(bomb)).rejects.toThrow();
  });
});
