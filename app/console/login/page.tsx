import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/console/login-form";
import { env } from "@/lib/env";
import { DUTY_PATHS } from "@/lib/domain/second-factor";
import { getSignedIn } from "@/lib/server/platform/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "工作人员登录" };

/** Only same-site paths may be a post-login target (no open redirect). */
function safeCallback(value: string | undefined) {
  return value && value.startsWith("/console") && !value.startsWith("//") ? value : "/console";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  const signedIn = await getSignedIn();
  if (signedIn) redirect(signedIn.duty ? DUTY_PATHS[signedIn.duty] : callbackUrl);
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-b from-gov-red to-gov-red-dark px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <p className="text-sm text-gray-500">{env().BUREAU_NAME}</p>
        <h1 className="mb-6 text-2xl font-bold text-gray-900">政务公开工作平台</h1>
        <LoginForm callbackUrl={callbackUrl} />
        <p className="mt-6 text-center text-sm">
          <Link href="/" className="text-gray-600 hover:text-gov-red">返回公开网站</Link>
        </p>
      </div>
    </main>
  );
}
