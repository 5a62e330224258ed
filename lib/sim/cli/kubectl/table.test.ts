import { describe, expect, it } from "vitest";
import { printTable, type Table } from "./table";

const table: Table = {
  kind: "Table",
  apiVersion: "meta.k8s.io/v1",
  columnDefinitions: [
    { name: "Name", type: "string", format: "name", priority: 0 },
    { name: "Status", type: "string", priority: 0 },
    { name: "IP", type: "string", priority: 1 },
  ],
  rows: [
    {
      cells: ["web-1", "Running", "10.0.0.1"],
      object: { metadata: { name: "web-1", namespace: "default", labels: { b: "2", a: "1" } } },
    },
    { cells: ["db", "Pending", null], object: { metadata: { name: "db", namespace: "prod" } } },
  ],
};

describe("kubectl table printer", () => {
  it("hides priority-1 columns and pads with 3 spaces (minwidth 6)", () => {
    expect(printTable(table)).toBe("NAME    STATUS\nweb-1   Running\ndb      Pending\n");
  });

  it("wide, -A namespace column, --show-labels and kind prefix", () => {
    expect(
      printTable(table, { wide: true, withNamespace: true, showLabels: true, kindPrefix: "pod" }),
    ).toBe(
      "NAMESPACE   NAME        STATUS    IP         LABELS\n" +
        "default     pod/web-1   Running   10.0.0.1   a=1,b=2\n" +
        "prod        pod/db      Pending   <none>     <none>\n",
    );
  });

  it("--no-headers and -L label columns", () => {
    expect(printTable(table, { noHeaders: true, labelColumns: ["a"] })).toBe(
      "web-1   Running   1\ndb      Pending   \n",
    );
  });
});
