import { describe, expect, it } from "vitest";
import { adoptPrivateCopy, clone, withPrivateCopies } from "./util";

describe("admission copies", () => {
  it("copy every time outside a create's admission", () => {
    const a = { spec: { x: 1 } };
    const b = clone(a);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(clone(b)).not.toBe(b);
  });

  it("inside it, hand back the copy just made instead of copying it again", () => {
    const input = { spec: { x: 1 } };
    withPrivateCopies(() => {
      const first = clone(input);
      expect(first).not.toBe(input);
      first.spec.x = 2;
      expect(clone(first)).toBe(first);
      // The caller's object is never the private copy: it is copied, and stays unchanged.
      expect(clone(input)).not.toBe(input);
      expect(input.spec.x).toBe(1);
      // Copying another object makes that copy the private one.
      const other = clone({ y: 1 });
      expect(clone(first)).not.toBe(first);
      expect(clone(other)).not.toBe(other);
    });
  });

  it("keep an adopted object, and forget everything when the run ends", () => {
    let adopted: { spec: { x: number } } | undefined;
    withPrivateCopies(() => {
      adopted = adoptPrivateCopy({ spec: { x: 1 } });
      expect(clone(adopted)).toBe(adopted);
      // A nested run has its own latest copy.
      withPrivateCopies(() => expect(clone(adopted)).not.toBe(adopted));
      expect(clone(adopted)).toBe(adopted);
    });
    expect(clone(adopted)).not.toBe(adopted);
  });
});
