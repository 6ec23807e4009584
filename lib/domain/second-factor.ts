import { passwordChangeReason } from "./password-policy";
import { ADMIN_ROLES, type Role } from "./roles";

/**
 * 动态口令 (TOTP, RFC 6238) as the second factor (等保 2.0 三级 L3-CES1-04: two kinds of
 * authentication, one of them cryptographic), with one-time 恢复码 for a lost phone.
 */

/** What authorize() throws when the password was right but no code came with it. */
export const TOTP_REQUIRED_ERROR = "TotpRequired";
export const TOTP_REQUIRED_MESSAGE = "需要动态口令：请输入验证器应用显示的 6 位动态口令，或一个恢复码。";

export const RECOVERY_CODE_COUNT = 10;

/** The roles that always need 动态口令 (三员, ASVS 6.3.3); the 安全管理员 may add others. */
export const ALWAYS_TOTP_ROLES: readonly Role[] = ADMIN_ROLES;

/** A 6-digit code as typed: spaces (authenticator apps show "123 456") are ignored. */
export function parseTotpCode(input: string): string | null {
  const code = input.replace(/\s/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * A recovery code as typed: case, spaces and dashes ignored ("abcd-efgh-…" = "ABCDEFGH…"). Codes
 * are 16 base32 characters; anything else is not one.
 */
export function parseRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z2-7]{16}$/.test(code) ? code : null;
}

/** "ABCD-EFGH-IJKL-MNOP": how a recovery code is shown once. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/** Does the policy make this user use 动态口令? */
export function totpRequired(roles: readonly Role[], policyRoles: readonly Role[]): boolean {
  return roles.some((r) => policyRoles.includes(r));
}

/** What a signed-in user must do before any other console page or action. */
export type AccountDuty = "change_password" | "enrol_totp";

export const DUTY_PATHS: Record<AccountDuty, string> = {
  change_password: "/console/account/password",
  enrol_totp: "/console/account/totp",
};

/**
 * The password first (a one-time or expired one must not be the key to enrolling a second
 * factor), then enrolment when the policy requires 动态口令 and the user has none.
 */
export function accountDuty(
  user: { roles: readonly Role[]; mustChangePassword: boolean; passwordChangedAt: Date; totpEnabled: boolean },
  policyRoles: readonly Role[],
  now: Date,
): AccountDuty | null {
  if (passwordChangeReason(user, now)) return "change_password";
  if (!user.totpEnabled && totpRequired(user.roles, policyRoles)) return "enrol_totp";
  return null;
}
