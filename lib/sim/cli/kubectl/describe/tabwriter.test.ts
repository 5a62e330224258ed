import { describe, expect, it } from "vitest";
import { goTabwrite } from "./tabwriter";

describe("Go's text/tabwriter (minwidth 0, padding 2)", () => {
  it("aligns consecutive lines having a cell in a column; a line without tabs ends the block", () => {
    const text =
      "Name:\tweb\nLabels:\tapp=web\n\tpod-template-hash=1\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web\nContainers:\n  nginx:\n    Image:\tnginx\n";
    expect(goTabwrite(text)).toBe(
      "Name:    web\nLabels:  app=web\n         pod-template-hash=1\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\nContainers:\n  nginx:\n    Image:  nginx\n",
    );
  });

  it("nested columns form their own blocks (the Events table under a key column)", () => {
    const text = "A:\tx\n  Type\tReason\tAge\n  Normal\tScheduled\t5s\nLonger key:\ty\n";
    expect(goTabwrite(text)).toBe(
      "A:           x\n  Type       Reason     Age\n  Normal     Scheduled  5s\nLonger key:  y\n",
    );
  });

  it("keeps an empty last cell's padding (kubectl prints 'IP:' with trailing spaces)", () => {
    expect(goTabwrite("IP Family Policy:\tSingleStack\nIP:\t\n")).toBe(
      "IP Family Policy:  SingleStack\nIP:                \n",
    );
  });
});
