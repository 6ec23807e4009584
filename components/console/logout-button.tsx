"use client";

import { signOut } from "next-auth/react";

/** next-auth's signOut clears the cookie; its signOut event revokes the server-side session. */
export function LogoutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/console/login" })} className="rounded px-2 py-1 text-sm text-red-50 hover:bg-white/10">
      退出登录
    </button>
  );
}
