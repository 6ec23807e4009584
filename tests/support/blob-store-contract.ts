import { describe, expect, test } from "vitest";
import { sha256Hex, type BlobStore } from "@/lib/server/files/blob-store";

/**
 * What every BlobStore promises (lib/server/files/blob-store.ts), run against each implementation:
 * the local disk and the S3 store must be interchangeable under BLOB_STORE.
 */
export function blobStoreContract(name: string, store: () => BlobStore) {
  describe(`BlobStore contract: ${name}`, () => {
    const bytesOf = (text: string) => new TextEncoder().encode(`${name} ${text} ${Math.random()}`);

    test("put stores under the SHA-256 and is idempotent; get returns the same bytes", async () => {
      const bytes = bytesOf("公开 附件");
      const first = await store().put(bytes);
      expect(first).toEqual({ sha256: sha256Hex(bytes), size: bytes.length, created: true });
      expect(await store().put(bytes)).toEqual({ ...first, created: false });
      expect(Buffer.compare((await store().get(first.sha256))!, Buffer.from(bytes))).toBe(0);
      expect(await store().exists(first.sha256)).toBe(true);
    });

    test("an empty file is a blob like any other", async () => {
      const empty = new Uint8Array(0);
      const { sha256 } = await store().put(empty);
      expect((await store().get(sha256))?.length).toBe(0);
      await store().remove(sha256);
    });

    test("a missing blob: get is null, exists is false, remove is a no-op (twice)", async () => {
      const missing = sha256Hex(bytesOf("never stored"));
      expect(await store().get(missing)).toBeNull();
      expect(await store().exists(missing)).toBe(false);
      await store().remove(missing);
      const { sha256 } = await store().put(bytesOf("to remove"));
      await store().remove(sha256);
      await store().remove(sha256);
      expect(await store().get(sha256)).toBeNull();
      expect(await store().exists(sha256)).toBe(false);
    });

    test("list gives every blob with its size and write time", async () => {
      const before = Date.now() - 5_000;
      const puts = await Promise.all([1, 2, 3, 4, 5].map((i) => store().put(bytesOf("x".repeat(i)))));
      const listed = new Map<string, { size: number; modifiedAt: Date }>();
      for await (const blob of store().list()) listed.set(blob.sha256, blob);
      for (const p of puts) {
        expect(listed.get(p.sha256)?.size).toBe(p.size);
        expect(listed.get(p.sha256)!.modifiedAt.getTime()).toBeGreaterThan(before);
      }
    });

    test("a key that is not a SHA-256 is refused, never turned into a path or object name", async () => {
      await expect(store().get("../../etc/passwd")).rejects.toThrow(/SHA-256/);
      await expect(store().remove("ab/../cd")).rejects.toThrow(/SHA-256/);
    });
  });
}
