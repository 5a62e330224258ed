import { describe, expect, it } from "vitest";
import { matchesAccepted, normalizeAnswer, parseNumericAnswer } from "./normalize-answer";

describe("normalizeAnswer", () => {
  it("ignores case, spaces and punctuation", () => {
    expect(normalizeAnswer(" Kube-APIServer ")).toBe("kubeapiserver");
    expect(normalizeAnswer("kube_api server.")).toBe("kubeapiserver");
  });

  it("folds full-width characters", () => {
    expect(normalizeAnswer("ＡＰＩ　Ｓｅｒｖｅｒ")).toBe("apiserver");
  });

  it("maps Korean transliterations of the lesson's terms to English", () => {
    expect(normalizeAnswer("API 서버")).toBe("apiserver");
    expect(normalizeAnswer("에이피아이 서버")).toBe("apiserver");
    expect(normalizeAnswer("큐브 스케줄러")).toBe("kubescheduler");
    expect(normalizeAnswer("컨트롤러 매니저")).toBe("controllermanager");
    expect(normalizeAnswer("쿠블릿")).toBe("kubelet");
  });

  it("keeps other Korean words as they are", () => {
    expect(normalizeAnswer("낙관적 동시성 제어")).toBe("낙관적동시성제어");
  });
});

describe("matchesAccepted", () => {
  const accepted = ["kube-apiserver", "API 서버"];
  it("accepts every spelling variant of an accepted answer", () => {
    for (const v of [
      "kube-apiserver",
      "KUBE APISERVER",
      "api server",
      "apiserver",
      "API서버",
      "에이피아이 서버",
    ]) {
      expect(matchesAccepted(v, accepted), v).toBe(true);
    }
  });

  it("rejects other answers and empty input", () => {
    expect(matchesAccepted("etcd", accepted)).toBe(false);
    expect(matchesAccepted("kube-scheduler", accepted)).toBe(false);
    expect(matchesAccepted("   ", accepted)).toBe(false);
    expect(matchesAccepted("api", accepted)).toBe(false);
  });
});

describe("parseNumericAnswer", () => {
  it("reads plain, signed, decimal, full-width and unit-suffixed numbers", () => {
    expect(parseNumericAnswer("2")).toBe(2);
    expect(parseNumericAnswer(" -3 ")).toBe(-3);
    expect(parseNumericAnswer("0.5")).toBe(0.5);
    expect(parseNumericAnswer("２")).toBe(2);
    expect(parseNumericAnswer("2개")).toBe(2);
    expect(parseNumericAnswer("1,000")).toBe(1000);
  });

  it("refuses what is not a single number", () => {
    expect(parseNumericAnswer("")).toBeNull();
    expect(parseNumericAnswer("two")).toBeNull();
    expect(parseNumericAnswer("2 or 3")).toBeNull();
    expect(parseNumericAnswer("1e400")).toBeNull();
  });
});
