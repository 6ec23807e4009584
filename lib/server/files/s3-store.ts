import "server-only";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { isSha256Hex, sha256Hex, type BlobStore } from "./blob-store";

/** Where an S3-compatible store is and how to reach it (lib/env.ts: S3_*). */
export interface S3StoreConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Prepended to every key, so several bureaus or environments can share one bucket. */
  keyPrefix?: string;
  /** Keys per ListObjectsV2 page; the service's own (1,000) unless a test wants to see paging. */
  listPageSize?: number;
}

/**
 * Attachments in S3-compatible object storage (AWS S3, MinIO, 华为云 OBS, 阿里云 OSS, Ceph RGW):
 * one object per blob, key = prefix + SHA-256, the same semantics as the local store. An object
 * appears whole or not at all (a PUT is atomic), so no temporary name is needed.
 */
export function s3BlobStore(config: S3StoreConfig): BlobStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
    credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    // Since SDK 3.729 every request carries a CRC32 checksum by default (x-amz-checksum-*, aws-chunked
    // uploads), which many non-AWS services refuse or mis-store; checksums only where an API requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const prefix = config.keyPrefix ?? "";
  const Bucket = config.bucket;
  const keyOf = (sha256: string) => {
    if (!isSha256Hex(sha256)) throw new Error("not a SHA-256 hex digest");
    return `${prefix}${sha256}`;
  };
  const exists = async (sha256: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  return {
    exists,
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      if (await exists(sha256)) return { sha256, size: bytes.length, created: false };
      await client.send(new PutObjectCommand({ Bucket, Key: keyOf(sha256), Body: bytes, ContentLength: bytes.length, ContentType: "application/octet-stream" }));
      return { sha256, size: bytes.length, created: true };
    },
    async get(sha256) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(sha256) }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix || undefined, ContinuationToken, MaxKeys: config.listPageSize }));
        for (const object of page.Contents ?? []) {
          const sha256 = object.Key?.slice(prefix.length) ?? "";
          // Anything else in a shared bucket (another prefix's folders, a stray upload) is not ours.
          if (!isSha256Hex(sha256)) continue;
          yield { sha256, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async remove(sha256) {
      // S3 answers 204 for a key that is not there: removing twice is a no-op, as on disk.
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(sha256) }));
    },
  };
}

/** HEAD answers a bare 404 ("NotFound"), GET names it ("NoSuchKey"); some services only give the status. */
function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}
