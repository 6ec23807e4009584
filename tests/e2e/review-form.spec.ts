import { expect, openFromQueue, saveDraft, submitForReview, test, uniqueTitle } from "./console-helpers";

/** Approving is a choice the reviewer makes: no decision is pre-selected, and none chosen is refused. */
test("the review form pre-selects nothing; submitting without a decision asks for one and changes nothing", async ({ signIn }) => {
  const liaison = await signIn("liaison.gx");
  const title = uniqueTitle("审核意见必选");
  await saveDraft(liaison, { title });
  await submitForReview(liaison);

  const head = await signIn("head.gx");
  await openFromQueue(head, "待处室负责人审核", title);
  const radios = head.getByRole("radio");
  await expect(radios.first()).toBeVisible();
  for (const radio of await radios.all()) await expect(radio).not.toBeChecked();
  await head.getByRole("button", { name: "提交审核意见" }).click();
  await expect(head.getByText("请选择审核意见")).toBeVisible();
  await head.reload();
  await expect(head.getByRole("button", { name: "提交审核意见" })).toBeVisible();
  await expect(head.getByText("待处室负责人审核").first()).toBeVisible();
});
