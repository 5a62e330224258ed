import { describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { parseFlags } from "./flags";
import { generateIngress, INGRESS_FLAGS } from "./create-ingress";

const gen = (...args: string[]) =>
  generateIngress("ing", parseFlags(args, INGRESS_FLAGS, "kubectl create ingress"), "default");
const error = (...args: string[]) => {
  try {
    gen(...args);
  } catch (e) {
    if (e instanceof CliError) return e.stderr;
    throw e;
  }
  return "no error";
};

describe("kubectl create ingress: rules, TLS and checks (create_ingress.go)", () => {
  it("merges paths per host, makes * paths Prefix, and groups TLS hosts per secret", () => {
    const ing = gen(
      "--rule=foo.com/=svc:80",
      "--rule=foo.com/admin*=admin:http,tls=shared",
      "--rule=bar.com/*=svc:80,tls=shared",
      "--rule=/any=svc:80",
    );
    expect(ing.spec).toEqual({
      rules: [
        {
          host: "foo.com",
          http: {
            paths: [
              {
                backend: { service: { name: "svc", port: { number: 80 } } },
                path: "/",
                pathType: "Exact",
              },
              {
                backend: { service: { name: "admin", port: { name: "http" } } },
                path: "/admin",
                pathType: "Prefix",
              },
            ],
          },
        },
        {
          host: "bar.com",
          http: {
            paths: [
              {
                backend: { service: { name: "svc", port: { number: 80 } } },
                path: "/",
                pathType: "Prefix",
              },
            ],
          },
        },
        {
          http: {
            paths: [
              {
                backend: { service: { name: "svc", port: { number: 80 } } },
                path: "/any",
                pathType: "Exact",
              },
            ],
          },
        },
      ],
      tls: [{ hosts: ["foo.com", "bar.com"], secretName: "shared" }],
    });
  });

  it("keeps --annotation values whole (a StringArray flag: commas are not separators)", () => {
    const ing = gen("--default-backend=web:80", "--annotation=a=x,y", "--annotation=b=");
    expect(ing.metadata.annotations).toEqual({ a: "x,y", b: "" });
  });

  it("words bad input as kubectl does", () => {
    expect(error()).toMatch(/^error: not enough information provided/);
    expect(error("--rule=foo.com=svc:80")).toBe(
      "error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]",
    );
    expect(error("--default-backend=a:b:c")).toBe(
      "error: default-backend should be in format servicename:serviceport",
    );
    expect(error("--rule=/x=s:1", "--annotation=k")).toBe(
      "error: annotation k is invalid and should be in format key=[value]",
    );
  });
});
