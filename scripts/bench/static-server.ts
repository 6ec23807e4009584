import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The ceiling for a page: the same bytes and headers the app answered, served from memory by a
 * plain Node HTTP server on the same machine. Nothing can serve that response faster from Node,
 * so app req/s ÷ this req/s is how much of the machine the app's own work leaves.
 */
export interface CapturedResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export class StaticServer {
  private readonly pages = new Map<string, CapturedResponse>();
  private server: Server | null = null;

  set(path: string, response: CapturedResponse): void {
    this.pages.set(path, response);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const page = this.pages.get(req.url ?? "/");
      if (!page) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(page.status, { "Content-Type": page.contentType, "Content-Length": page.body.length });
      res.end(page.body);
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
