import { describe, expect, it } from "vitest";
import { createSaveQueue } from "./save-queue";

/** A sender whose calls finish only when the test says so, recording what it was sent. */
function controlledSender() {
  const sent: { key: string; value: string; finish: () => void }[] = [];
  const send = (key: string, value: string) =>
    new Promise<void>((resolve) => sent.push({ key, value, finish: resolve }));
  return { sent, send };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("quiz save queue", () => {
  it("keeps one save per question in flight and sends the latest change after it", async () => {
    const { sent, send } = controlledSender();
    const q = createSaveQueue(send);
    q.save("q1", "a");
    q.save("q1", "b");
    q.save("q1", "c");
    await tick();
    expect(sent.map((s) => s.value)).toEqual(["a"]);
    sent[0]!.finish();
    await tick();
    // "b" was overtaken by "c" before it could be sent: only the latest goes.
    expect(sent.map((s) => s.value)).toEqual(["a", "c"]);
    sent[1]!.finish();
    await q.idle();
    expect(sent).toHaveLength(2);
  });

  it("saves different questions independently", async () => {
    const { sent, send } = controlledSender();
    const q = createSaveQueue(send);
    q.save("q1", "a");
    q.save("q2", "x");
    await tick();
    expect(sent.map((s) => `${s.key}=${s.value}`)).toEqual(["q1=a", "q2=x"]);
    for (const s of sent) s.finish();
    await q.idle();
  });

  it("goes on after a failed save and sends later changes", async () => {
    const values: string[] = [];
    let fail = true;
    const q = createSaveQueue(async (_key, value: string) => {
      values.push(value);
      if (fail) {
        fail = false;
        throw new Error("network");
      }
    });
    q.save("q1", "a");
    q.save("q1", "b");
    await q.idle();
    q.save("q1", "c");
    await q.idle();
    expect(values).toEqual(["a", "b", "c"]);
  });

  it("sends the same value again when it changes back while a save is in flight", async () => {
    const { sent, send } = controlledSender();
    const q = createSaveQueue(send);
    q.save("q1", "a");
    q.save("q1", "a");
    await tick();
    sent[0]!.finish();
    await tick();
    expect(sent.map((s) => s.value)).toEqual(["a", "a"]);
    sent[1]!.finish();
    await q.idle();
  });
});
