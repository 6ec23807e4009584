import { describe, expect, test } from "vitest";
import { storeKeyOf } from "@/lib/cache/public-page-handler.mjs";

describe("the page cache handler's keys", () => {
  test("Next's route-cache key of a page is kept as the page's path: proxy.ts looks pages up by address", () => {
    expect(storeKeyOf("/route-cache/APP_PAGE/f52134d798ef3c03e4f83bf5ee84062b5af5e94687703e2dc9124f6b6667c00d/$/s/main/qcT0lRTclQTclOTElRTYlOEElODA/search")).toBe(
      "/s/main/qcT0lRTclQTclOTElRTYlOEElODA/search",
    );
    expect(storeKeyOf("/route-cache/APP_PAGE/00ff/$/s/main/_")).toBe("/s/main/_");
  });

  test("any other key is kept as it is", () => {
    for (const key of ["/s/main/_/browse", "/route-cache/APP_ROUTE/00ff/$/feed.xml", "/route-cache/APP_PAGE/xyz/$/s", "fetch-cache-key"]) expect(storeKeyOf(key)).toBe(key);
  });
});
