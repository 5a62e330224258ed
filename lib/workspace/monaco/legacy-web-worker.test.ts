import { describe, expect, it, vi } from "vitest";
import { legacyCreateWebWorker, type NewWorkerOptions } from "./legacy-web-worker";

function fakeWorker() {
  const posted: unknown[] = [];
  return { posted, worker: { postMessage: (m: unknown) => posted.push(m) } as unknown as Worker };
}

describe("legacyCreateWebWorker", () => {
  it("builds the worker for the label and sends the start message, then createData", () => {
    const { posted, worker } = fakeWorker();
    const create = vi.fn((o: NewWorkerOptions) => ({ made: o }));
    const workerFor = vi.fn(() => worker);
    const createData = { schemas: [{ uri: "kubelab://x" }], validate: true };
    const result = legacyCreateWebWorker(
      create,
      workerFor,
    )({
      moduleId: "monaco-yaml/yaml.worker",
      label: "yaml",
      createData,
    });
    expect(workerFor).toHaveBeenCalledWith("yaml");
    expect(posted).toEqual(["ignore", createData]);
    expect(create).toHaveBeenCalledWith({ worker, host: undefined, keepIdleModels: undefined });
    expect(result.made.worker).toBe(worker);
  });

  it("passes calls in the new form through untouched", () => {
    const { posted, worker } = fakeWorker();
    const create = vi.fn((o: NewWorkerOptions) => o);
    const workerFor = vi.fn(() => worker);
    const opts = { worker, keepIdleModels: true };
    expect(legacyCreateWebWorker(create, workerFor)(opts)).toBe(opts);
    expect(workerFor).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });
});
