/*
 * Run by tests/unit/next-patches.test.ts in a child process (NODE_ENV=production, the react-server
 * condition): renders one tiny server component with the React Flight server that Next's
 * production runtime given as argv[2] bundles, and prints what the render's cacheSignal was aborted
 * with once the render completed — the reason that must not be an Error (patches/, react#37288).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { Writable } from "node:stream";

globalThis.AsyncLocalStorage = AsyncLocalStorage;
const runtime = createRequire(import.meta.url)(process.argv[2]);
const { React, ReactServerDOMTurbopackServer, ReactServerDOMWebpackServer } = runtime.vendored["react-rsc"];
const server = process.argv[3] === "webpack" ? ReactServerDOMWebpackServer : ReactServerDOMTurbopackServer;
let signal = null;
function Page() {
  signal = React.cacheSignal();
  return React.createElement("p", null, "公开");
}
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
sink.on("finish", () =>
  setImmediate(() => process.stdout.write(JSON.stringify({ aborted: signal?.aborted ?? null, reasonIsError: signal?.reason instanceof Error }))),
);
server.renderToPipeableStream(React.createElement(Page), {}).pipe(sink);
