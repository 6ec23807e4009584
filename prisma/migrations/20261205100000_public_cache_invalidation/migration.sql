-- Issue 11 §2: the tag invalidations that every app instance's public-page cache consults
-- (lib/server/platform/public-cache.ts). One row per tag and moment; "at" may lie in the future
-- (a scheduled publication makes the pages stale when it goes public). "recordedAt" is what the
-- instances poll on.
CREATE TABLE "PublicCacheInvalidation" (
    "tag" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicCacheInvalidation_pkey" PRIMARY KEY ("tag","at")
);

CREATE INDEX "PublicCacheInvalidation_recordedAt_idx" ON "PublicCacheInvalidation"("recordedAt");
