import { describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { lex } from "./lex";

describe("shell lexer", () => {
  it("splits words and pipes with bash quoting", () => {
    expect(
      lex(`kubectl get pods -o jsonpath='{.items[*].metadata.name}' | grep "a b" | wc -l`).stages,
    ).toEqual([
      ["kubectl", "get", "pods", "-o", "jsonpath={.items[*].metadata.name}"],
      ["grep", "a b"],
      ["wc", "-l"],
    ]);
    expect(lex(`echo "say \\"hi\\"" 'it''s' a\\ b`).stages).toEqual([
      ["echo", 'say "hi"', "its", "a b"],
    ]);
    expect(lex("kubectl get --raw='/healthz'").stages).toEqual([
      ["kubectl", "get", "--raw=/healthz"],
    ]);
  });

  it("keeps empty quoted words and drops comments", () => {
    expect(lex(`echo "" x # comment`).stages).toEqual([["echo", "", "x"]]);
  });

  it("reports unbalanced quotes and bad pipes with bash's texts and exit 2", () => {
    const err = (line: string) => {
      try {
        lex(line);
      } catch (e) {
        return e as CliError;
      }
      throw new Error("no error");
    };
    expect(err(`echo "abc`).stderr).toBe("bash: unexpected EOF while looking for matching `\"'");
    expect(err(`echo 'abc`).stderr).toBe("bash: unexpected EOF while looking for matching `''");
    expect(err(`| grep x`).stderr).toBe("bash: syntax error near unexpected token `|'");
    expect(err(`echo x |`).exitCode).toBe(2);
    expect(err(`echo x > f`).exitCode).toBe(2);
  });
});
