import { redirect } from "next/navigation";
import { ConsoleShell, type NavLink } from "@/components/console/console-shell";
import { env } from "@/lib/env";
import { getSignedIn } from "@/lib/server/platform/auth";

export const dynamic = "force-dynamic";

/**
 * The account pages (修改密码, 动态口令) sit outside the staff layout: they must open for a user who
 * still owes a password change or an enrolment, whom every staff page sends here. Each page checks
 * the actor itself (requireAccountActor).
 */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/console/login");
  const nav: NavLink[] = signedIn.duty ? [] : [{ href: "/console", label: "工作台" }];
  nav.push({ href: "/console/account/password", label: "修改密码" }, { href: "/console/account/totp", label: "动态口令" });
  return (
    <ConsoleShell bureau={env().BUREAU_NAME} user={signedIn.actor} nav={nav} unread={0}>
      {children}
    </ConsoleShell>
  );
}
