import { describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { parseFlags } from "./flags";
import { generateService, SERVICE_FLAGS, type ServiceSubcommand } from "./create-service";

const SPECS = [...SERVICE_FLAGS, { name: "tcp", type: "array" as const }];

function gen(sub: ServiceSubcommand, ...args: string[]) {
  return generateService(sub, "web", parseFlags(args, SPECS, "kubectl create service"), "default");
}
function error(sub: ServiceSubcommand, ...args: string[]) {
  try {
    gen(sub, ...args);
  } catch (e) {
    if (e instanceof CliError) return e.stderr;
    throw e;
  }
  return "no error";
}

describe("kubectl create service <type>: ports and checks (create_service.go)", () => {
  it("names each port after its spec and gives every port the --node-port", () => {
    const svc = gen("nodeport", "--tcp=80:8080,443:https", "--node-port=30080");
    expect(svc.spec).toEqual({
      ports: [
        { name: "80-8080", nodePort: 30080, port: 80, protocol: "TCP", targetPort: 8080 },
        { name: "443-https", nodePort: 30080, port: 443, protocol: "TCP", targetPort: "https" },
      ],
      selector: { app: "web" },
      type: "NodePort",
    });
  });

  it("needs a port except for headless ClusterIP and ExternalName services", () => {
    expect(error("loadbalancer")).toBe("error: at least one tcp port specifier must be provided");
    expect(gen("clusterip", "--clusterip=None").spec).toEqual({
      clusterIP: "None",
      selector: { app: "web" },
      type: "ClusterIP",
    });
    expect(gen("externalname", "--external-name=db.example.com").spec).toMatchObject({
      externalName: "db.example.com",
      type: "ExternalName",
    });
  });

  it("words bad input as kubectl does", () => {
    expect(error("externalname")).toBe('error: required flag(s) "external-name" not set');
    expect(error("externalname", "--external-name=Bad_Name")).toBe(
      "error: invalid service external name Bad_Name",
    );
    expect(error("nodeport", "--tcp=abc")).toBe(
      'error: strconv.ParseUint: parsing "abc": invalid syntax',
    );
    expect(error("nodeport", "--tcp=70000")).toBe(
      'error: strconv.ParseUint: parsing "70000": value out of range',
    );
    expect(error("clusterip", "--tcp=80:0")).toBe("error: must be between 1 and 65535, inclusive");
    expect(error("clusterip", "--tcp=80:Bad_Name")).toBe(
      "error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
    );
    expect(error("clusterip", "--tcp=80:a--b-")).toBe(
      "error: must not contain consecutive hyphens,must not begin or end with a hyphen",
    );
  });
});
