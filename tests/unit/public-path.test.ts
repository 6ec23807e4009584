import { describe, expect, test } from "vitest";
import { firstValues, internalPath, internalSearchPath, isCanonicalSegment, publicSearchOf, querySegment, searchInsteadOf, searchInsteadOfInternal, searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";

/** The internal address of the cached public pages (lib/domain/public-path.ts). */
describe("internalPath", () => {
  const at = (path: string, search = "") => internalPath(path, new URLSearchParams(search));

  test("the cached pages, and only they, get an internal address", () => {
    expect(at("/")).toBe("/s/main/_");
    expect(at("/browse")).toBe("/s/main/_/browse");
    expect(at("/items/abc/")).toBe("/s/main/_/items/abc");
    expect(at("/annual-reports/2024")).toBe("/s/main/_/annual-reports/2024");
    for (const path of ["/apply", "/track", "/search", "/console", "/feed.xml", "/columns/x/feed.xml", "/annual-reports/2024/print", "/annual-reports/2024/download/docx", "/api/v1/items", "/attachments/x", "/items/a/b"]) {
      expect(at(path), path).toBeNull();
    }
  });

  test("the query string is folded into one segment, known keys only, in one order", () => {
    const one = at("/browse", "page=2&column=tzgg&utm=x&_rsc=abc");
    expect(one).toBe(at("/browse", "column=tzgg&page=2"));
    const segment = one!.split("/")[3]!;
    expect(searchOfSegment(segment)).toEqual({ column: "tzgg", page: "2" });
  });

  test("any value survives the round trip; a forged segment reads as no parameters", () => {
    const q = "科技 / 项目?&=#%";
    expect(searchOfSegment(querySegment(new URLSearchParams({ q, page: "-1" })))).toEqual({ q, page: "-1" });
    expect(searchOfSegment("_")).toEqual({});
    expect(searchOfSegment("q!!")).toEqual({});
    expect(searchOfSegment("x" + "a".repeat(10))).toEqual({});
  });

  test("only the segment internalPath makes is canonical: other spellings of a query are refused", () => {
    const segment = querySegment(new URLSearchParams("page=2&column=tzgg"));
    expect(isCanonicalSegment("_")).toBe(true);
    expect(isCanonicalSegment(segment)).toBe(true);
    for (const forged of ["zzz1", "q!!", "qzzz", querySegment(new URLSearchParams("column=tzgg")) + "A", `q${Buffer.from("page=2&column=tzgg&utm=1").toString("base64url")}`]) {
      expect(isCanonicalSegment(forged), forged).toBe(false);
    }
  });

  test("a long search keeps its filters: the longest segment internalPath makes still reads back", () => {
    const long = "科".repeat(400);
    const search = new URLSearchParams({ q: long, column: "tzgg", department: "d".repeat(300) });
    const read = searchOfSegment(querySegment(search));
    expect(read).toMatchObject({ column: "tzgg", q: "科".repeat(200) });
  });
});


describe("internalSearchPath and publicSearchOf", () => {
  const at = (search: string) => internalSearchPath(firstValues(new URLSearchParams(search)), 2026);

  test("a search that searches something has one internal address, whatever its spelling; the empty form has none", () => {
    expect(at("q=科技&page=2&x=1")).toBe(`/s/main/${querySegment(new URLSearchParams("q=科技&page=2"))}/search`);
    // The same search spelled otherwise: order, defaults, surrounding spaces, unknown keys, a repeated key (first wins).
    expect(at("page=2&q=%20科技%20&sort=relevance&utm=1")).toBe(at("q=科技&page=2"));
    expect(at("q=科技&q=项目&page=2")).toBe(at("q=科技&page=2"));
    expect(at("q=科技&page=1")).toBe(at("q=科技"));
    expect(at("")).toBeNull();
    expect(at("q=%20%20&page=2")).toBeNull();
  });

  test("a search the page had to correct is never cached: what it says about the correction is per request", () => {
    expect(at(`q=${"项".repeat(60)}`), "a word cut to length").toBeNull();
    expect(at(`q=${"%20".repeat(210)}项目`), "spaces past the key's cut").toBe(at("q=项目"));
    expect(at("q=科技&column=!!"), "an invalid filter").toBeNull();
    expect(at("q=科技&year=2099"), "a year to come").toBeNull();
    expect(at("q=。，"), "punctuation only").toBeNull();
  });

  test("the cached page searches exactly what the first ask did", () => {
    for (const search of ["q=科技", "q=高新技术 项目&column=tzgg&sort=date&page=3", "q=a  项目&year=2024&article20=7"]) {
      const params = firstValues(new URLSearchParams(search));
      const segment = /^\/s\/main\/([^/]+)\/search$/.exec(at(search)!)![1];
      expect(parsePublicQuery(searchOfSegment(segment), 2026), search).toEqual(parsePublicQuery(params, 2026));
    }
  });

  test("an internal search address reads back as the public URL it stands for", () => {
    const search = "q=高新技术 项目&column=tzgg&sort=date";
    const back = publicSearchOf(at(search)!)!;
    expect(back.startsWith("/search?")).toBe(true);
    expect(at(new URL(back, "http://x").searchParams.toString())).toBe(at(search));
    expect(publicSearchOf("/s/main/_/search")).toBe("/search");
    expect(publicSearchOf("/s/main/_/browse")).toBeNull();
    expect(publicSearchOf("/search")).toBeNull();
  });
});

describe("a listing asked with a search word is a search", () => {
  test("/browse, a column, 制度 and 年报 lists with q go to /search (the column kept); other pages drop q", () => {
    const of = (path: string, search: string) => searchInsteadOf(path, new URLSearchParams(search));
    expect(of("/browse", "q=科技&page=2")).toBe("/search?q=%E7%A7%91%E6%8A%80&page=2");
    expect(new URL(of("/columns/tzgg/", "q=科技")!, "http://x").searchParams.get("column")).toBe("tzgg");
    expect(of("/system", "q=制度")).toMatch(/^\/search\?q=/);
    expect(of("/annual-reports", "q=年报")).toMatch(/^\/search\?q=/);
    expect(of("/browse", "q=%20&page=2")).toBeNull();
    for (const path of ["/", "/guide", "/items/abc", "/annual-reports/2024", "/search"]) expect(of(path, "q=科技"), path).toBeNull();
    // Cached, never one entry per word: the listing with q has no internal address; a page that lists nothing ignores q.
    expect(internalPath("/browse", new URLSearchParams("q=科技"))).toBeNull();
    expect(internalPath("/items/abc", new URLSearchParams("q=科技"))).toBe(internalPath("/items/abc", new URLSearchParams("")));
  });

  test("the same for an internal address typed by hand", () => {
    const segment = querySegment(new URLSearchParams("q=科技&column=tzgg"));
    expect(searchInsteadOfInternal(`/s/main/${segment}/browse`)).toMatch(/^\/search\?/);
    expect(searchInsteadOfInternal(`/s/main/${segment}/search`)).toBeNull();
    expect(searchInsteadOfInternal(`/s/main/${segment}/items/abc`)).toBeNull();
    expect(searchInsteadOfInternal("/s/main/_/browse")).toBeNull();
  });
});
