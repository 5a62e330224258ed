import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/sim/apiserver/errors";
import { decodeBody, parseAccept, responseForm } from "./media";

const statusOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
  throw new Error("no error");
};

describe("content negotiation", () => {
  it("picks the Table form kubectl get asks for", () => {
    expect(
      responseForm(
        parseAccept(
          "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
        ),
      ),
    ).toEqual({ kind: "table" });
  });

  it("answers aggregated discovery in the version asked for first", () => {
    const form = responseForm(
      parseAccept(
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
      ),
    );
    expect(form).toEqual({
      kind: "discovery",
      version: "v2beta1",
      contentType: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
    });
  });

  it("falls back past unsupported conversions, and refuses protobuf-only with 406", () => {
    expect(
      responseForm(
        parseAccept(
          "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
        ),
      ),
    ).toEqual({ kind: "json" });
    const s = statusOf(() => responseForm(parseAccept("application/vnd.kubernetes.protobuf")));
    expect(s.code).toBe(406);
    expect(s.reason).toBe("NotAcceptable");
  });
});

describe("request bodies", () => {
  it("decodes JSON and YAML objects", () => {
    expect(decodeBody("POST", "application/json", Buffer.from('{"kind":"Pod"}')).body).toEqual({
      kind: "Pod",
    });
    expect(decodeBody("POST", "application/yaml", Buffer.from("kind: Pod\n")).body).toEqual({
      kind: "Pod",
    });
  });

  it("truncated JSON is 400 with Go's wording", () => {
    const s = statusOf(() => decodeBody("POST", "application/json", Buffer.from('{"kind":"Po')));
    expect(s.code).toBe(400);
    expect(s.message).toBe(
      "couldn't get version/kind; json parse error: unexpected end of JSON input",
    );
  });

  it("unknown body types are 415 listing what the server decodes", () => {
    const s = statusOf(() => decodeBody("POST", "text/plain", Buffer.from("x")));
    expect(s.code).toBe(415);
    expect(s.message).toBe(
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    );
    const p = statusOf(() => decodeBody("PATCH", "application/json", Buffer.from("{}")));
    expect(p.code).toBe(415);
    expect(p.message).toContain("application/strategic-merge-patch+json");
  });

  it("a malformed patch is 400", () => {
    const s = statusOf(() =>
      decodeBody("PATCH", "application/merge-patch+json", Buffer.from("{oops")),
    );
    expect(s.code).toBe(400);
    expect(s.reason).toBe("BadRequest");
  });
});
