import Link from "next/link";
import { forbidden } from "next/navigation";
import { TargetsForm } from "@/components/admin/targets-form";
import { Card } from "@/components/ui/card";
import { TARGET_YEARS, targetYearSchema } from "@/lib/domain/admin";
import { chinaYear } from "@/lib/domain/dates";
import { getTargets } from "@/lib/server/admin/targets";
import { requireActor } from "@/lib/server/platform/auth";
import { saveTargetsAction } from "../actions";

export const metadata = { title: "月度目标" };

export default async function TargetsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const asked = targetYearSchema.safeParse((await searchParams).year);
  const year = asked.success ? asked.data : chinaYear(new Date());
  const data = await getTargets(await requireActor(), year);
  if (!data) forbidden();
  const link = (y: number) => `/console/admin/targets?year=${y}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">月度目标</h1>
      <Card
        title={`${year} 年`}
        action={
          <nav aria-label="选择年份" className="flex gap-3 text-sm">
            {year > TARGET_YEARS.min && <Link href={link(year - 1)} className="text-gov-red hover:underline">‹ {year - 1} 年</Link>}
            {year < TARGET_YEARS.max && <Link href={link(year + 1)} className="text-gov-red hover:underline">{year + 1} 年 ›</Link>}
          </nav>
        }
      >
        <TargetsForm key={year} action={saveTargetsAction} year={year} version={data.version} departments={data.departments} values={data.values} />
      </Card>
    </div>
  );
}
