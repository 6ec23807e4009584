import "server-only";
import { randomInt } from "node:crypto";

/**
 * A one-time password (初始密码), set by an administrator for someone else and changed at the next
 * login (User.mustChangePassword). 16 characters from four classes, at least one of each, so it
 * meets the admin roles' policy (≥ 12 characters, 3 classes) whatever role the account later gets;
 * look-alike characters (0/O, 1/l/I) are left out because it is read off a screen and typed.
 * About 95 bits from crypto.randomInt.
 */
const CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!@#%*-+=?"] as const;
const LENGTH = 16;

export function oneTimePassword(): string {
  const all = CLASSES.join("");
  const chars = CLASSES.map((c) => c[randomInt(c.length)]);
  while (chars.length < LENGTH) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
