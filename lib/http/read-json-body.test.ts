import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error";
import { readJsonBody } from "./read-json-body";

const json = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/x", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe("readJsonBody", () => {
  it("parses JSON within the limit, with a charset parameter too", async () => {
    expect(await readJsonBody(json('{"a":1}'))).toEqual({ a: 1 });
    const withCharset = json('{"이름":"김"}', {
      "content-type": "application/json; charset=utf-8",
    });
    expect(await readJsonBody(withCharset)).toEqual({ 이름: "김" });
  });

  it("refuses by Content-Length before reading", async () => {
    const error = await failure(readJsonBody(json("{}", { "content-length": "999999" }), 1024));
    expect(error.status).toBe(413);
    expect(error.message).toBe("요청 본문이 너무 큽니다. (최대 1KB)");
  });

  it("refuses while streaming when the length header is absent", async () => {
    const chunk = new TextEncoder().encode("x".repeat(600));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    expect((await failure(readJsonBody(json(stream), 1000))).status).toBe(413);
  });

  it("answers 415 for non-JSON and 400 for malformed JSON or no body", async () => {
    expect((await failure(readJsonBody(json("{}", { "content-type": "text/plain" })))).status).toBe(
      415,
    );
    expect(
      (await failure(readJsonBody(json("{}", { "content-type": "application/jsonp" })))).status,
    ).toBe(415);
    const bad = await failure(readJsonBody(json("{oops")));
    expect([bad.status, bad.code]).toEqual([400, "badJson"]);
    const empty = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect((await failure(readJsonBody(empty))).status).toBe(400);
  });
});

describe("text PostgreSQL cannot store", () => {
  it("refuses NUL and lone surrogates anywhere, keys included, with a Korean 400", async () => {
    for (const body of [
      '{"name":"a\\u0000b"}',
      '{"list":[{"deep":"x\\ud800"}]}',
      '{"k\\u0000":"v"}',
      '{"v":"\\udc00 alone"}',
    ]) {
      const error = await failure(readJsonBody(json(body)));
      expect([error.status, error.code]).toEqual([400, "unstorableCharacters"]);
      expect(error.message).toContain("NUL");
    }
  });

  it("accepts paired surrogates (emoji), Korean and control characters other than NUL", async () => {
    expect(await readJsonBody(json('{"v":"😀 한글 \\t \\u0001"}'))).toEqual({
      v: "😀 한글 \t \u0001",
    });
  });
});
