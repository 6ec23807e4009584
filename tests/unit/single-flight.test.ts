import { describe, expect, test } from "vitest";
import { inFlightCount, singleFlight } from "@/lib/server/platform/single-flight";

describe("singleFlight", () => {
  test("asks at the same moment share one run; a run begun 500 ms or more ago is not joined (its data may predate an invalidation)", async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return { n: runs };
    };
    const t = 1_000_000;
    const a = singleFlight("k", work, t);
    const b = singleFlight("k", work, t + 499);
    const c = singleFlight("k", work, t + 500);
    const other = singleFlight("other", work, t + 1);
    release();
    expect(await a).toBe(await b);
    expect(await c).not.toBe(await a);
    expect(await other).not.toBe(await a);
    expect(runs).toBe(3);
    expect(inFlightCount()).toBe(0);
  });

  test("a failure reaches every asker and is forgotten", async () => {
    const failing = () => Promise.reject(new Error("busy"));
    const asks = [singleFlight("f", failing), singleFlight("f", failing)];
    for (const ask of asks) await expect(ask).rejects.toThrow("busy");
    expect(inFlightCount()).toBe(0);
    expect(await singleFlight("f", async () => "ok")).toBe("ok");
  });
});
