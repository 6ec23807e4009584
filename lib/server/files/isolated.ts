import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * 隔离转换: a parser given a hostile file (mammoth, pdf.js) runs in a worker thread with a heap
 * limit and a timeout, never on the thread that answers requests or runs other jobs. A file that
 * makes the parser allocate without end kills only its worker (ERR_WORKER_OUT_OF_MEMORY); one
 * that makes it loop is terminated at the timeout — a Promise.race would only stop waiting, while
 * the work went on blocking the event loop.
 *
 * The worker is a plain .mjs, imports packages only. Under vitest and tsx it is loaded from the
 * project folder; `next build` recognises `new Worker(path)` and bundles it as a "[worker thread]"
 * chunk (checked: the built chunk converts a .docx) — hence nothing in it may resolve paths itself.
 */
export type IsolatedTask = "docx-html" | "docx-text" | "pdf-text";

export type Isolated<T> = { ok: true; value: T } | { ok: false; reason: "memory" | "timeout" | "error"; message: string };

export interface IsolationLimits {
  memoryMb: number;
  timeoutMs: number;
}

export const CONVERSION_LIMITS: IsolationLimits = { memoryMb: 256, timeoutMs: 30_000 };

const WORKER_FILE = () => path.join(process.cwd(), "lib/server/files/isolated-worker.mjs");

export function runIsolated<T>(task: IsolatedTask, input: Record<string, unknown>, limits: IsolationLimits = CONVERSION_LIMITS): Promise<Isolated<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_FILE(), {
      workerData: { task, input },
      // Not the parent's flags (vitest's or tsx's loaders): the worker is plain JavaScript.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    const finish = (result: Isolated<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: "timeout", message: `转换超过 ${Math.ceil(limits.timeoutMs / 1000)} 秒仍未完成，已中止` }),
      limits.timeoutMs,
    );
    worker.on("message", (message: { ok: true; value: T } | { ok: false; message: string }) =>
      finish(message.ok ? message : { ok: false, reason: "error", message: message.message }),
    );
    worker.on("error", (error: Error & { code?: string }) =>
      finish(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { ok: false, reason: "memory", message: `转换所需内存超过 ${limits.memoryMb} MB，已中止` }
          : { ok: false, reason: "error", message: error.message },
      ),
    );
    worker.on("exit", () => finish({ ok: false, reason: "error", message: "转换进程意外退出" }));
  });
}
