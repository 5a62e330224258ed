import { describe, expect, it } from "vitest";
import { grep, head, sort, tail, wc } from "./text-filters";

const text = "alpha Pod\nbeta pod\ngamma Node\ndelta Pod\n";

describe("text filters", () => {
  it("grep: basic, -i, -v, -c, -n, -E, exit 1 when nothing matches", () => {
    expect(grep(["grep", "Pod"], text).stdout).toBe("alpha Pod\ndelta Pod\n");
    expect(grep(["grep", "-i", "pod"], text).stdout).toBe("alpha Pod\nbeta pod\ndelta Pod\n");
    expect(grep(["grep", "-v", "Pod"], text).stdout).toBe("beta pod\ngamma Node\n");
    expect(grep(["grep", "-c", "Pod"], text).stdout).toBe("2\n");
    expect(grep(["grep", "-n", "Node"], text).stdout).toBe("3:gamma Node\n");
    expect(grep(["grep", "-E", "alpha|gamma"], text).stdout).toBe("alpha Pod\ngamma Node\n");
    expect(grep(["grep", "alpha|gamma"], text).exitCode).toBe(1);
    expect(() => grep(["grep"], text)).toThrow(/Usage: grep/);
  });

  it("grep context lines: -A, -B, -C with -- between groups", () => {
    const t = "a\nx\nb\nc\nd\nx\ne\n";
    expect(grep(["grep", "-A", "1", "x"], t).stdout).toBe("x\nb\n--\nx\ne\n");
    expect(grep(["grep", "-B1", "x"], t).stdout).toBe("a\nx\n--\nd\nx\n");
    expect(grep(["grep", "-C", "2", "x"], t).stdout).toBe("a\nx\nb\nc\nd\nx\ne\n");
  });

  it("head and tail count lines like coreutils", () => {
    expect(head(["head", "-2"], text).stdout).toBe("alpha Pod\nbeta pod\n");
    expect(head(["head", "-n", "1"], text).stdout).toBe("alpha Pod\n");
    expect(tail(["tail", "-n", "1"], text).stdout).toBe("delta Pod\n");
    expect(tail(["tail", "-n", "+3"], text).stdout).toBe("gamma Node\ndelta Pod\n");
  });

  it("wc counts lines, words and bytes; sort orders lines", () => {
    expect(wc(["wc", "-l"], text).stdout).toBe("4\n");
    expect(wc(["wc"], "a b\nc\n").stdout).toBe("      2       3       6\n");
    expect(sort(["sort", "-r"], "b\na\nc\n").stdout).toBe("c\nb\na\n");
  });
});
