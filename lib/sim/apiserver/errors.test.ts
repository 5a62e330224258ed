import { describe, expect, it } from "vitest";
import {
  ApiError,
  isConflict,
  isNotFound,
  newAlreadyExists,
  newBadRequest,
  newForbidden,
  newInternalError,
  newInvalid,
  newMethodNotSupported,
  newNotFound,
  newRequestEntityTooLarge,
  newResourceExpired,
  newStaleConflict,
  newTimeoutError,
  newTooManyRequests,
  newUnauthorized,
  newUnsupportedMediaType,
  toStatus,
} from "./errors";
import { fieldErrors } from "./validation/field-error";

const pods = { group: "", resource: "pods" };
const deployments = { group: "apps", resource: "deployments" };

describe("ApiError constructors (apimachinery api/errors)", () => {
  it("NotFound: message, reason, code and details as the real JSON body", () => {
    const err = newNotFound(pods, "demo");
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.stringify(err.status)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"demo\\" not found","reason":"NotFound","details":{"name":"demo","kind":"pods"},"code":404}',
    );
    expect(isNotFound(err)).toBe(true);
  });

  it("qualifies non-core resources with their group", () => {
    const err = newNotFound(deployments, "web");
    expect(err.message).toBe('deployments.apps "web" not found');
    expect(err.status.details).toEqual({ name: "web", group: "apps", kind: "deployments" });
  });

  it("AlreadyExists is a 409", () => {
    const err = newAlreadyExists({ group: "", resource: "namespaces" }, "dev");
    expect(err.code).toBe(409);
    expect(err.reason).toBe("AlreadyExists");
    expect(err.message).toBe('namespaces "dev" already exists');
  });

  it("stale update conflict has the exact optimistic-lock text", () => {
    const err = newStaleConflict(pods, "demo");
    expect(err.code).toBe(409);
    expect(isConflict(err)).toBe(true);
    expect(err.message).toBe(
      'Operation cannot be fulfilled on pods "demo": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it("Invalid aggregates one field error bare and carries causes", () => {
    const err = newInvalid({ group: "", kind: "Pod" }, "Bad_Name", [
      fieldErrors.invalid(
        "metadata.name",
        "Bad_Name",
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ),
    ]);
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(err.status.details?.causes?.[0]).toEqual({
      type: "FieldValueInvalid",
      message: expect.stringMatching(/^Invalid value: "Bad_Name": a lowercase/),
      field: "metadata.name",
    });
  });

  it("Invalid with several errors prints them in brackets, deduplicated", () => {
    const err = newInvalid({ group: "apps", kind: "Deployment" }, "web", [
      fieldErrors.required("spec.selector", ""),
      fieldErrors.required("spec.selector", ""),
      fieldErrors.invalid(
        "spec.template.metadata.labels",
        { app: "x" },
        "`selector` does not match template `labels`",
      ),
    ]);
    expect(err.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`]',
    );
    expect(err.status.details?.causes).toHaveLength(3);
  });

  it("Forbidden: with name, without name, and without resource", () => {
    expect(
      newForbidden(
        pods,
        "",
        'User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
      ).message,
    ).toBe(
      'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(newForbidden(pods, "demo", "x").message).toBe('pods "demo" is forbidden: x');
    expect(newForbidden({ group: "", resource: "" }, "", "y").message).toBe("forbidden: y");
    expect(newForbidden(pods, "", "x").code).toBe(403);
  });

  it("the remaining constructors use the upstream texts and codes", () => {
    expect(newUnauthorized("").status).toMatchObject({
      code: 401,
      reason: "Unauthorized",
      message: "not authorized",
    });
    expect(newBadRequest("bad").status).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: "bad",
    });
    expect(newResourceExpired("too old resource version: 1 (5)").status).toMatchObject({
      code: 410,
      reason: "Expired",
    });
    expect(newMethodNotSupported(pods, "deletecollection").message).toBe(
      'deletecollection is not supported on resources of kind "pods"',
    );
    expect(newRequestEntityTooLarge("limit is 3145728").status).toMatchObject({
      code: 413,
      message: "Request entity too large: limit is 3145728",
    });
    expect(newUnsupportedMediaType(["application/json", "application/yaml"]).status).toMatchObject({
      code: 415,
      reason: "UnsupportedMediaType",
      message:
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
    });
    expect(newInternalError("boom").status).toMatchObject({
      code: 500,
      message: "Internal error occurred: boom",
      details: { causes: [{ message: "boom" }] },
    });
    expect(
      newTimeoutError("request did not complete within requested timeout", 0).status,
    ).toMatchObject({
      code: 504,
      reason: "Timeout",
      message: "Timeout: request did not complete within requested timeout",
    });
    expect(newTooManyRequests("slow down", 1).status.details).toEqual({ retryAfterSeconds: 1 });
  });

  it("toStatus turns unexpected errors into 500 Status objects", () => {
    expect(toStatus(new TypeError("x is undefined"))).toMatchObject({
      code: 500,
      reason: "InternalError",
    });
    expect(toStatus(newNotFound(pods, "a")).code).toBe(404);
  });

  it("quotes names the way Go's %q does", () => {
    expect(newNotFound(pods, 'a"b\n').message).toBe('pods "a\\"b\\n" not found');
  });
});
