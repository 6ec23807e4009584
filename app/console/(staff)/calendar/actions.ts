"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { removeCalendarDay, setCalendarDay, setYearCovered } from "@/lib/server/admin/calendar";
import type { Failure } from "@/lib/server/platform/result";

/**
 * The sysadmin's calendar edits: actor → use case (authorises, validates, audits) → redirect to
 * the year edited with a notice (post/redirect/get, so a reload never repeats an edit). Every due
 * date in the console depends on the calendar, hence the whole console is revalidated.
 */

function failed(result: Failure, formData: FormData): FormState {
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: formValues(formData) };
}

function doneOn(year: number | string, notice: string): never {
  revalidatePath("/console", "layout");
  redirect(`/console/calendar?year=${year}&${notice}`);
}

export async function saveCalendarDayAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await setCalendarDay(actor, formValues(formData));
  if (!result.ok) return failed(result, formData);
  doneOn(result.value.date.slice(0, 4), `saved=${result.value.date}`);
}

export async function removeCalendarDayAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await removeCalendarDay(actor, formValues(formData));
  if (!result.ok) return failed(result, formData);
  doneOn(result.value.date.slice(0, 4), `removed=${result.value.date}`);
}

export async function setYearCoveredAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await setYearCovered(actor, formValues(formData));
  if (!result.ok) return failed(result, formData);
  doneOn(result.value.year, `coverage=${result.value.covered ? "on" : "off"}`);
}
