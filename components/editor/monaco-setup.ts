// Monaco for the lab editor, from our own bundle (no CDN): workers built by the
// bundler, @monaco-editor/react pointed at the local copy, YAML language support with
// the workspace schema fetched from our API (no schema store). Imported only by the
// editor component, which is loaded with next/dynamic(ssr: false) on lab pages.

import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { configureMonacoYaml } from "monaco-yaml";
import { legacyCreateWebWorker } from "@/lib/workspace/monaco/legacy-web-worker";
import { EDITOR_SCHEMA_URI } from "@/lib/workspace/schemas/editor-uri";

function workerFor(label: string): Worker {
  if (label === "yaml") {
    return new Worker(new URL("./yaml.worker.ts", import.meta.url), { type: "module" });
  }
  return new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module" });
}

let ready: Promise<typeof monaco> | undefined;

export function setupMonaco(): Promise<typeof monaco> {
  ready ??= (async () => {
    (globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
      getWorker: (_id, label) => workerFor(label),
    };
    loader.config({ monaco });
    const schema = await fetch("/api/workspace/schema").then((r) => r.json());
    // A view of monaco whose createWebWorker also takes monaco-yaml's legacy options.
    const compat = {
      ...monaco,
      editor: {
        ...monaco.editor,
        createWebWorker: legacyCreateWebWorker(monaco.editor.createWebWorker as never, workerFor),
      },
    };
    configureMonacoYaml(compat as never, {
      enableSchemaRequest: false,
      validate: true,
      completion: true,
      hover: true,
      format: { enable: true },
      schemas: [{ uri: EDITOR_SCHEMA_URI, fileMatch: ["*"], schema }],
    });
    return monaco;
  })();
  return ready;
}
