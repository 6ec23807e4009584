-- Issue 10 §4, 三员分立: an admin role (系统管理员, 安全管理员, 审计管理员) is a person's only role —
-- no two of them, and no business role beside one (lib/domain/separation-of-duties.ts holds the same
-- rule and names each violation; this constraint is what no code path or SQL can get around).
-- Either the set holds no admin role, or it holds nothing but one admin role.
ALTER TABLE "User" ADD CONSTRAINT "User_roles_separation_of_duties" CHECK (
  NOT ("roles" && ARRAY['SYSADMIN', 'SECADMIN', 'AUDITOR']::"Role"[])
  OR "roles" <@ ARRAY['SYSADMIN']::"Role"[]
  OR "roles" <@ ARRAY['SECADMIN']::"Role"[]
  OR "roles" <@ ARRAY['AUDITOR']::"Role"[]
);
