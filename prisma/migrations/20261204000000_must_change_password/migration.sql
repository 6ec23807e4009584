-- Issue 10 §3/§4: a password set by someone else (a new account, the first 系统管理员, a reset)
-- must be changed at the next login.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
