-- 台账 import in the console (issue 8 §9): an uploaded file between its preview and its import.
-- The file's bytes are dropped once it is imported or refused.

-- CreateTable
CREATE TABLE "LedgerUpload" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "content" BYTEA,
    "rows" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerUpload_kind_digest_idx" ON "LedgerUpload"("kind", "digest");

-- CreateIndex
CREATE INDEX "LedgerUpload_status_createdAt_idx" ON "LedgerUpload"("status", "createdAt");
