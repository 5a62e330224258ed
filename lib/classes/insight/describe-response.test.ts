import { describe, expect, it } from "vitest";
import { describeResponse } from "./describe-response";

const labels = { a: "kube-apiserver", b: "etcd", c: "kubelet" };

describe("describeResponse", () => {
  it("names chosen options and orderings by their text", () => {
    expect(describeResponse('{"choice": "b"}', labels)).toBe("etcd");
    expect(describeResponse('{"choices": ["a", "c"]}', labels)).toBe("kube-apiserver, kubelet");
    expect(describeResponse('{"order": ["c", "a", "b"]}', labels)).toBe(
      "kubelet → kube-apiserver → etcd",
    );
  });

  it("shows typed answers as typed and marks empty ones", () => {
    expect(describeResponse('{"text": "3"}', labels)).toBe("3");
    expect(describeResponse('{"text": "  "}', labels)).toBe("(빈 답)");
    expect(describeResponse('{"choices": []}', labels)).toBe("(선택 없음)");
  });

  it("falls back to the raw text for unknown ids and shapes", () => {
    expect(describeResponse('{"choice": "z"}', labels)).toBe("z");
    expect(describeResponse('"a"', labels)).toBe('"a"');
    expect(describeResponse("not json", labels)).toBe("not json");
  });
});
