import { beforeAll, describe, expect, it } from "vitest";
import { memoryEnv } from "../memory-env";
import { runCommandLine } from "../shell/run";
import { etcdctl } from "./etcdctl";
import { labTerminal } from "../testing";
import { DEFAULT_SESSION } from "../types";
import { parseCompare, parseOp } from "./txn";

describe("etcdctl txn", { timeout: 30_000 }, () => {
  let lab: ReturnType<typeof labTerminal>;
  const txn = (stdin: string, flags = "") =>
    etcdctl(["etcdctl", "txn", ...flags.split(" ").filter(Boolean)], {
      env: lab.env,
      session: DEFAULT_SESSION,
      stdin,
    });
  beforeAll(() => {
    lab = labTerminal("etcdctl-txn");
  });

  it("parses compares as etcdctl does (targets, ops, quoted keys and values)", () => {
    expect(parseCompare('mod("key1") > "0"')).toEqual({
      key: "key1",
      target: "mod",
      result: ">",
      value: 0,
    });
    expect(parseCompare('val("k") = "a b"')).toEqual({
      key: "k",
      target: "value",
      result: "=",
      value: "a b",
    });
    expect(parseCompare('ver("k") != "3"')).toMatchObject({ target: "version", value: 3 });
    expect(() => parseCompare('foo("k") = "1"')).toThrow(
      /malformed comparison: foo\("k"\) = "1" \(unknown target foo\)/,
    );
    expect(() => parseCompare("mod(k) > 0")).toThrow(/malformed comparison/);
    expect(parseOp('put key1 "overwrote-key1"')).toEqual({
      op: "put",
      key: "key1",
      value: "overwrote-key1",
      lease: 0,
    });
    expect(parseOp("get /a --prefix")).toMatchObject({
      op: "range",
      range: { key: "/a", rangeEnd: "/b" },
    });
    expect(() => parseOp("bogus x")).toThrow(/invalid txn request: bogus x/);
  });

  it("the etcd docs' transaction: failure branch, then success branch once the key exists", async () => {
    const input =
      'mod("key1") > "0"\n\nput key1 "overwrote-key1"\n\nput key1 "created-key1"\nput key2 "some extra key"\n\n';
    const first = await txn(input);
    expect(first).toEqual({ stdout: "FAILURE\n\nOK\n\nOK\n", stderr: "", exitCode: 0 });
    expect((await lab.run("etcdctl get key1 --print-value-only")).stdout).toBe("created-key1\n");
    const second = await txn(input);
    expect(second.stdout).toBe("SUCCESS\n\nOK\n");
    expect((await lab.run("etcdctl get key1 --print-value-only")).stdout).toBe("overwrote-key1\n");
  });

  it("-i prints the prompts and the lines read; get and del answers follow the simple printer", async () => {
    const r = await txn('val("key2") = "some extra key"\n\nget key2\ndel key2\n\n\n', "-i");
    expect(r.stdout).toBe(
      'compares:\nval("key2") = "some extra key"\n\nsuccess requests (get, put, del):\nget key2\ndel key2\n\nfailure requests (get, put, del):\n\nSUCCESS\n\nkey2\nsome extra key\n\n1\n',
    );
  });

  it("input that ends before a section's empty line is Error: EOF (exit 3)", async () => {
    const r = await txn('mod("key1") > "0"\n\nput a b\n');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe("Error: EOF\n");
    const bare = await runCommandLine("etcdctl txn", lab.env, DEFAULT_SESSION);
    expect(bare.stderr).toMatch(/^Error: EOF\n# 참고: /);
    expect(
      await runCommandLine("etcdctl txn extra", memoryEnv(lab.env.current()), DEFAULT_SESSION),
    ).toMatchObject({
      stderr: "Error: txn command does not accept argument\n",
      exitCode: 128,
    });
  });
});
