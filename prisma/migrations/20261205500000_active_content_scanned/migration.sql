-- Issue 10 §7: when an attachment was last scanned for active content. NULL for every file
-- stored before the scan existed (their activeContent '{}' means "never looked", not "clean"):
-- the daily job scans each PDF among them once (lib/server/jobs/extract-text.ts rescanActiveContent).
ALTER TABLE "StoredFile" ADD COLUMN "activeContentScannedAt" TIMESTAMP(3);
