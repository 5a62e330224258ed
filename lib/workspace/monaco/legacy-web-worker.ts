// monaco-yaml 5.5.1 (through monaco-worker-manager) still calls the pre-0.53
// `monaco.editor.createWebWorker({ moduleId, label, createData })`. monaco-editor 0.57
// only accepts `{ worker }` and silently ignores the rest, so the YAML worker never
// receives its settings and validation/completion die ("Missing requestHandler or
// method: doValidation"). This adapter does what monaco's own language workers do in
// 0.57 (vs/internal/common/workers.js): create the worker, post a first message that
// starts it and then the createData, and hand the worker to the new API.

export interface LegacyWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

export interface NewWorkerOptions {
  worker: Worker | Promise<Worker>;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

type CreateWebWorker<W> = (opts: NewWorkerOptions) => W;

/**
 * Wraps monaco's createWebWorker so legacy calls work. `workerFor` builds the worker
 * for a label (the app's MonacoEnvironment.getWorker).
 */
export function legacyCreateWebWorker<W>(
  create: CreateWebWorker<W>,
  workerFor: (label: string) => Worker,
): (opts: LegacyWorkerOptions | NewWorkerOptions) => W {
  return (opts) => {
    if ("worker" in opts) return create(opts);
    const worker = workerFor(opts.label ?? "monaco-editor-worker");
    // The first message makes monaco-worker-manager install its handler; the second
    // is read by that handler as createData.
    worker.postMessage("ignore");
    worker.postMessage(opts.createData);
    return create({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
  };
}
