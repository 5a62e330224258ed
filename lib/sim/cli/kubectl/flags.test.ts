import { describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { GET_FLAGS } from "./get";

describe("kubectl flag parsing (pflag)", () => {
  it("parses each line on its own with a table's kept lookup maps", () => {
    const a = parseFlags(["pods", "-n", "a", "-o", "wide"], GET_FLAGS, "kubectl get");
    const b = parseFlags(["nodes"], GET_FLAGS, "kubectl get");
    expect(flagString(a, "namespace")).toBe("a");
    expect(flagString(b, "namespace")).toBeUndefined();
    expect(flagString(b, "output")).toBeUndefined();
    // Another table with the same global flags knows only its own.
    expect(() => parseFlags(["-o", "wide"], [], "kubectl cluster-info")).toThrow(CliError);
    expect(flagString(parseFlags(["-n", "x"], [], "kubectl cluster-info"), "namespace")).toBe("x");
  });

  it("accepts long, short, joined and clustered forms", () => {
    const p = parseFlags(
      ["pods", "-nkube-system", "-owide", "--show-labels", "-l", "a=b", "-L", "x,y", "-A=false"],
      GET_FLAGS,
      "kubectl get",
    );
    expect(p.positional).toEqual(["pods"]);
    expect(flagString(p, "namespace")).toBe("kube-system");
    expect(flagString(p, "output")).toBe("wide");
    expect(flagBool(p, "show-labels")).toBe(true);
    expect(flagBool(p, "all-namespaces")).toBe(false);
    expect(flagArray(p, "label-columns")).toEqual(["x", "y"]);
  });

  it("stops at -- and keeps the rest", () => {
    const p = parseFlags(["etcd-0", "--", "etcdctl", "--endpoints=x"], [], "kubectl exec");
    expect(p.rest).toEqual(["etcdctl", "--endpoints=x"]);
    expect(p.dashDash).toBe(true);
  });

  it("reports unknown flags and missing values with kubectl's texts", () => {
    const err = (args: string[]) => {
      try {
        parseFlags(args, GET_FLAGS, "kubectl get");
      } catch (e) {
        return (e as CliError).stderr;
      }
      return "";
    };
    expect(err(["--bogus"])).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.",
    );
    expect(err(["-z"])).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.",
    );
    expect(err(["pods", "-n"])).toBe(
      "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.",
    );
    expect(err(["--chunk-size=x"])).toContain('invalid argument "x" for "--chunk-size" flag');
  });
});
