import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error";
import { BUFFERED_BODY, readJsonBody } from "./read-json-body";

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

describe("readJsonBody with a body the server already read (BUFFERED_BODY)", () => {
  // What server/fast-lane hands the route: a Request without a body stream, the bytes beside it.
  const buffered = (bytes: Uint8Array | null, headers: Record<string, string> = {}) => {
    const request = new Request("http://localhost/api/x", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
    });
    (request as Request & { [BUFFERED_BODY]?: Uint8Array | null })[BUFFERED_BODY] = bytes;
    return request;
  };
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it("answers exactly as for the same bytes in a stream", async () => {
    const cases = ['{"a":1}', '{"이름":"김"}', "[1,2,3]", "{bad", '{"k":"\\u0000"}', '"\\ud800"'];
    for (const text of cases) {
      const viaStream = await readJsonBody(json(text)).then(
        (v) => ({ v }),
        (e: HttpError) => ({ e: [e.status, e.code] }),
      );
      const viaBuffer = await readJsonBody(buffered(utf8(text))).then(
        (v) => ({ v }),
        (e: HttpError) => ({ e: [e.status, e.code] }),
      );
      expect(viaBuffer).toEqual(viaStream);
    }
  });

  it("refuses a missing body, a body over the limit and a non-JSON type as the stream path does", async () => {
    expect((await failure(readJsonBody(buffered(null)))).code).toBe("badJson");
    const big = utf8(`{"a":"${"x".repeat(100)}"}`);
    const tooLarge = await failure(readJsonBody(buffered(big), 64));
    expect([tooLarge.status, tooLarge.code]).toEqual([413, "bodyTooLarge"]);
    const typed = await failure(
      readJsonBody(buffered(utf8("{}"), { "content-type": "text/plain" })),
    );
    expect(typed.status).toBe(415);
  });

  it("is not taken from anything a client can send (a header of that name is just a header)", async () => {
    const request = json('{"real":true}', { "kubelab.http.bufferedBody": "eyJmYWtlIjp0cnVlfQ" });
    expect(await readJsonBody(request)).toEqual({ real: true });
  });
});
