import { parsePastDate, shown } from "./ledger-cells";
import {
  APPEAL_COLUMNS,
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_LABELS,
  appealKindOf,
  appealResultOf,
  applicantTypeOf,
  CHANNEL_WORDS,
  channelOf,
  REQUEST_COLUMNS,
  TEXT_LIMITS,
} from "./ledger-columns";
import type { LedgerAppealRecord, LedgerRequestRecord } from "./ledger-records";
import { parseSheet, type LedgerParse, type LedgerRow, type RowReader } from "./ledger-sheet";
import { parseOutcome, type Outcome } from "./outcomes";
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from "./vocabulary";

export type { LedgerError, LedgerParse, LedgerRow } from "./ledger-sheet";

/*
 * 台账 import, the checking half (issue #8 §9): header and cells as text in, checked records or
 * every problem by row and column out. Pure: `today` (the Beijing date) is passed in.
 */

export interface LedgerParseOptions {
  /** YYYY-MM-DD, Beijing: no date in the file may be later. */
  today: string;
}

const APPLICANT_WORDS = APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t]);

export function parseRequestLedger(
  header: readonly string[],
  rows: readonly LedgerRow[],
  options: LedgerParseOptions,
): LedgerParse<LedgerRequestRecord> {
  const numbers = new Map<string, number>();
  // A 台账 repeats a handful of outcome spellings thousands of times; parseOutcome folds 21 labels per call.
  const outcomes = new Map<string, Outcome | null>();
  const outcomeOf = (text: string) => (outcomes.has(text) ? outcomes.get(text)! : outcomes.set(text, parseOutcome(text)).get(text)!);
  return parseSheet(REQUEST_COLUMNS, header, rows, (r) => requestRecord(r, options.today, numbers, outcomeOf));
}

export function parseAppealLedger(
  header: readonly string[],
  rows: readonly LedgerRow[],
  options: LedgerParseOptions,
): LedgerParse<LedgerAppealRecord> {
  return parseSheet(APPEAL_COLUMNS, header, rows, (r) => appealRecord(r, options.today));
}

function requestRecord(
  r: RowReader,
  today: string,
  numbers: Map<string, number>,
  outcomeOf: (text: string) => Outcome | null,
): LedgerRequestRecord | undefined {
  const number = uniqueNumber(r, numbers);
  const receivedOn = requiredDate(r, "收到日期", today);
  const channel = r.word("申请方式", channelOf, CHANNEL_WORDS, "other");
  const applicantType = r.word("申请人类型", applicantTypeOf, APPLICANT_WORDS);
  const applicantName = r.freeText("申请人", TEXT_LIMITS.申请人);
  const content = r.freeText("申请内容", TEXT_LIMITS.申请内容);
  const departmentName = r.freeText("承办处室", TEXT_LIMITS.承办处室);
  const closing = requestClosing(r, receivedOn, today, outcomeOf);
  if ([number, receivedOn, channel, applicantType, applicantName, content, departmentName, closing].includes(undefined)) return undefined;
  return {
    row: r.row,
    number: number!,
    receivedOn: receivedOn!,
    channel: channel!,
    applicantType: applicantType!,
    applicantName: applicantName!,
    content: content!,
    outcome: closing!.outcome,
    closedOn: closing!.closedOn,
    departmentName: departmentName!,
  };
}

/** 办理结果 and 办结日期 go together: both empty (still open) or both filled. */
function requestClosing(r: RowReader, receivedOn: string | undefined, today: string, outcomeOf: (text: string) => Outcome | null) {
  const outcomeText = r.text("办理结果");
  const closedText = r.text("办结日期");
  if (outcomeText === undefined || closedText === undefined) return undefined;
  if (outcomeText === "" && closedText === "") return { outcome: null, closedOn: null };
  if (outcomeText === "") return r.fail("办理结果", "填写了办结日期，但没有填写办理结果（尚未办结的，两列都应留空）");
  const outcome = outcomeOf(outcomeText);
  if (!outcome) r.fail("办理结果", `“${shown(outcomeText)}”不是年报表三的办理结果，请填写如“予以公开”“不予公开-属于国家秘密”或结果代码`);
  if (closedText === "") return r.fail("办结日期", "填写了办理结果的，请填写办结日期");
  const closedOn = laterDate(r, "办结日期", closedText, receivedOn, today);
  return outcome && closedOn ? { outcome, closedOn } : undefined;
}

function appealRecord(r: RowReader, today: string): LedgerAppealRecord | undefined {
  const kind = r.word("类型", appealKindOf, Object.values(APPEAL_KIND_LABELS));
  const filedOn = requiredDate(r, "收到日期", today);
  const result = r.word("结果", appealResultOf, Object.values(APPEAL_RESULT_LABELS));
  const requestNumber = r.freeText("关联申请编号", TEXT_LIMITS.关联申请编号);
  const concludedText = r.text("审结日期");
  let concludedOn: string | null | undefined = null;
  if (result === undefined || concludedText === undefined) concludedOn = undefined;
  else if (result === "pending" && concludedText !== "") concludedOn = r.fail("审结日期", "结果为“尚未审结”的，审结日期应留空");
  else if (result !== "pending" && concludedText === "") concludedOn = r.fail("审结日期", "已审结的（结果不是“尚未审结”），请填写审结日期");
  else if (concludedText !== "") concludedOn = laterDate(r, "审结日期", concludedText, filedOn, today);
  if ([kind, filedOn, result, requestNumber, concludedOn].includes(undefined)) return undefined;
  return { row: r.row, kind: kind!, filedOn: filedOn!, result: result!, concludedOn: concludedOn!, requestNumber: requestNumber! };
}

function requiredDate(r: RowReader, column: string, today: string): string | undefined {
  const text = r.text(column);
  if (text === undefined) return undefined;
  if (text === "") return r.fail(column, `请填写${column}（年-月-日，如 2026-03-05）`);
  const date = parsePastDate(text, today);
  return date.ok ? date.date : r.fail(column, date.message);
}

/** A closing date: a real past date, not before the day the matter was received. */
function laterDate(r: RowReader, column: string, text: string, receivedOn: string | undefined, today: string): string | undefined {
  const date = parsePastDate(text, today);
  if (!date.ok) return r.fail(column, date.message);
  if (receivedOn && date.date < receivedOn) return r.fail(column, `${column} ${date.date} 早于收到日期 ${receivedOn}`);
  return date.date;
}

/** 编号 is the bureau's own key (关联申请编号 refers to it): one file may not use it twice. */
function uniqueNumber(r: RowReader, firstRow: Map<string, number>): string | null | undefined {
  const number = r.freeText("编号", TEXT_LIMITS.编号);
  if (!number) return number;
  const first = firstRow.get(number);
  if (first === undefined) firstRow.set(number, r.row);
  return first === undefined ? number : r.fail("编号", `编号“${shown(number)}”与第 ${first} 行重复`);
}
