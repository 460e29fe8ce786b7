// The manager decides task requests in the browser: approving creates the task, rejecting needs a
// reason (checked before sending), a refused decision comes back with the server's reason, and a
// new request appears without a reload.
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { requestAsEmployee, requestStatus } from "./arrange";

const unique = (title: string) => `${title} ${Date.now().toString(36)}`;

test("the manager approves one request and rejects another with a reason", async ({ managerPage: page, employeeApi }) => {
  const approve = await requestAsEmployee(employeeApi, unique("Walk me through the deploy pipeline"));
  const reject = await requestAsEmployee(employeeApi, unique("An extra day for the security training"));
  await page.goto("/manager/approvals");
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();

  const approveCard = page.getByTestId(`approval-${approve.id}`);
  await approveCard.getByRole("button", { name: `Approve: ${approve.title}` }).click();
  await expect(approveCard).toHaveCount(0);
  await expect(page.getByTestId("approvals-status")).toContainText(approve.title);
  expect((await requestStatus(employeeApi, approve.id)).code).toBe("approved");

  const card = page.getByTestId(`approval-${reject.id}`);
  await card.getByRole("button", { name: `Reject: ${reject.title}` }).click();
  const reason = card.getByLabel("Reason (the requester sees it)");
  await card.getByRole("button", { name: "Reject request" }).click();
  // Refused in the browser by the API's own schema: nothing was sent.
  await expect(card.getByText("Give a reason for the rejection.")).toBeVisible();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  expect((await requestStatus(employeeApi, reject.id)).code).toBe("pending_approval");

  await reason.fill("Please ask your onboarding buddy first.");
  await card.getByRole("button", { name: "Reject request" }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId("approvals-status")).toContainText(reject.title);
  expect(await requestStatus(employeeApi, reject.id)).toEqual({ code: "rejected", note: "Please ask your onboarding buddy first." });
});

test("a decision the server refuses puts the request back with the server's reason", async ({ managerPage: page, employeeApi }) => {
  // Without the live feed the page cannot learn of the withdrawal below, so the click meets the server's refusal.
  await page.routeWebSocket(/\/api\/ws/, () => undefined);
  const request = await requestAsEmployee(employeeApi, unique("Shadow a support call"));
  await page.goto("/manager/approvals");
  const card = page.getByTestId(`approval-${request.id}`);
  await expect(card).toBeVisible();
  await apiJson(employeeApi, "POST", `/api/task-requests/${request.id}/cancel`, {});

  await card.getByRole("button", { name: `Approve: ${request.title}` }).click();
  await expect(card.getByRole("alert")).toBeVisible();
  await expect(card.getByRole("button", { name: `Approve: ${request.title}` })).toBeVisible();
  expect((await requestStatus(employeeApi, request.id)).code).toBe("cancelled");
});

test("a new request appears on the open page without a reload", async ({ managerPage: page, employeeApi }) => {
  // Subscribed to the team's topic: from here on the page hears of new requests.
  const subscribed = page
    .waitForEvent("websocket")
    .then((ws) => ws.waitForEvent("framereceived", { predicate: (frame) => /"subscribed"/.test(String(frame.payload)) && /team:/.test(String(frame.payload)) }));
  await page.goto("/manager/approvals");
  await subscribed;
  await page.evaluate(() => Object.assign(window, { __approvalsMark: true }));
  const request = await requestAsEmployee(employeeApi, unique("Pair on the billing service"));
  await expect(page.getByTestId(`approval-${request.id}`)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __approvalsMark?: boolean }).__approvalsMark)).toBe(true);
});
