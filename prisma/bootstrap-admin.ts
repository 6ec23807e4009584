import { bootstrapAdministrator } from "@/lib/server/admin/bootstrap";
import { db } from "@/lib/server/platform/db";

/**
 * `npm start` on a database without users: creates the first 系统管理员 and prints its one-time
 * password here, once — it is stored only as an argon2id hash. Run by scripts/gongkai.ts:
 * `node --conditions=react-server --import tsx prisma/bootstrap-admin.ts`.
 */
bootstrapAdministrator()
  .then((admin) => {
    if (!admin) return;
    console.log(
      [
        "",
        "════════ 初始系统管理员（只显示这一次） ════════",
        `  用户名：${admin.username}`,
        `  一次性密码：${admin.oneTimePassword}`,
        "  首次登录后须修改密码；然后新建一位安全管理员（由他分配其他人的角色）。",
        "════════════════════════════════════════════════",
        "",
      ].join("\n"),
    );
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db().$disconnect());
