// Offline Prisma migrations. The Prisma CLI downloads a native schema engine
// before every command, which is impossible without internet; the same engine
// ships as WebAssembly in @prisma/schema-engine-wasm. We instantiate it with its
// JS glue and drive it through the pg driver adapter. Migration folders and the
// `_prisma_migrations` table are the ones `prisma migrate deploy` uses, so the
// standard CLI keeps working wherever engines can be downloaded.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);

// Process-wide state, kept on globalThis: test runners may load this file once per
// project while the WASM glue module (in node_modules) is shared, and a second
// instantiation would swap the memory under a running engine.
const shared = globalThis as {
  kubelabSchemaEngine?: { instantiated: boolean; queue: Promise<unknown> };
};
const engineState = (shared.kubelabSchemaEngine ??= {
  instantiated: false,
  queue: Promise.resolve(),
});

/** Runs `fn` after every engine operation queued before it: the engine is not re-entrant. */
export function withEngineLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = engineState.queue.then(fn);
  engineState.queue = run.catch(() => undefined);
  return run;
}

/** The engine reports Rust panics through this global; keep the text for the error. */
let lastPanic: string | undefined;
const panicHost = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };

export function takePanicMessage(): string | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

function instantiateWasm(): void {
  if (engineState.instantiated) return;
  panicHost.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start?: () => void };
  (glue as unknown as { __wbg_set_wasm(v: unknown): void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start?.();
  engineState.instantiated = true;
}

export type SchemaFile = { path: string; content: string };

/**
 * The pg adapter runs a migration script by splitting it at every ";", which breaks a
 * function body (a trigger's, prisma/migrations/*_sandbox_children_without_fk). This one
 * sends the script whole in one simple-protocol query, as `prisma migrate deploy`'s
 * native engine does.
 */
class WholeScriptPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const driver = adapter.underlyingDriver();
    adapter.executeScript = async (script: string) => {
      try {
        await driver.query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

export async function openSchemaEngine(
  connectionString: string,
  schema: SchemaFile,
): Promise<SchemaEngine> {
  instantiateWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(new WholeScriptPg({ connectionString }));
  const Engine = (glue as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  const log = (message: string) => {
    if (process.env.KUBELAB_DEBUG_MIGRATIONS) console.error(message);
  };
  return Engine.new({ datamodels: [[schema.path, schema.content]] }, log, factory);
}
