"use server";

import { cancelArrangement, createArrangement } from "@homeport/core/billing/arrangements";
import { cancelAutopay, enrollAutopay } from "@homeport/core/billing/autopay";
import { BillingError } from "@homeport/core/billing/errors";
import { setPaperless } from "@homeport/core/billing/paperless";
import { completeDemoAuthentication, payBill } from "@homeport/core/billing/pay";
import {
  addCardMethod,
  removeMethod,
  setDefaultMethod,
  startHostedMethodSetup,
} from "@homeport/core/billing/payment-methods";
import { ZCardInput, ZPayRequest } from "@homeport/core/billing/schemas";
import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { ZId } from "@homeport/core/ids";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Billing changes. Each re-checks the session, the role and (for methods and autopay) the step-up in core. */

export type BillingFormState = {
  status: "idle" | "error" | "done";
  error?: string;
  detail?: Record<string, string | number>;
  /** What was typed, never card numbers or security codes, so the form can show it again. */
  values?: Record<string, string>;
  attempt?: number;
  /** A fresh key for the next try of the pay form, so a retry after a decline is a new attempt. */
  requestKey?: string;
};

const NEVER_ECHOED = new Set(["cardNumber", "cardCvc", "requestKey"]);

async function actorFor(returnTo: string) {
  const user = await requireUser(returnTo);
  return { user, request: await requestContext({ userId: user.id, sessionId: user.sessionId }) };
}

function failure(error: unknown, returnTo: string, previous: BillingFormState, formData?: FormData): BillingFormState {
  let state: BillingFormState;
  if (error instanceof IdentityError) {
    if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
    state = { status: "error", error: error.code };
  } else if (error instanceof BillingError) {
    const reason = error.code === "DECLINED" ? `DECLINED_${String(error.detail?.reason ?? "unknown")}` : error.code;
    state = { status: "error", error: reason, detail: error.detail };
  } else {
    throw error;
  }
  return withValues(state, previous, formData);
}

function withValues(state: BillingFormState, previous: BillingFormState, formData?: FormData): BillingFormState {
  if (!formData) return state;
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !NEVER_ECHOED.has(name) && !name.startsWith("$")) values[name] = value;
  }
  return { ...state, values, attempt: (previous.attempt ?? 0) + 1, requestKey: randomUUID() };
}

function cardFrom(formData: FormData) {
  return ZCardInput.safeParse({
    number: formData.get("cardNumber") ?? "",
    expiry: formData.get("cardExpiry") ?? "",
    cvc: formData.get("cardCvc") ?? "",
    name: formData.get("cardName") ?? "",
    postalCode: formData.get("cardPostal") ?? "",
  });
}

export async function payAction(previous: BillingFormState, formData: FormData): Promise<BillingFormState> {
  const { user, request } = await actorFor("/billing/pay");
  const parsed = ZPayRequest.safeParse({
    amountChoice: formData.get("amountChoice"),
    otherAmount: String(formData.get("otherAmount") ?? ""),
    method: formData.get("method"),
    saveCard: formData.get("saveCard") === "on",
    requestKey: formData.get("requestKey"),
  });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "");
    return withValues(
      { status: "error", error: field === "method" ? "METHOD_REQUIRED" : "AMOUNT_REQUIRED" },
      previous,
      formData,
    );
  }
  let card;
  if (parsed.data.method === "new") {
    const cardInput = cardFrom(formData);
    if (!cardInput.success) {
      return withValues(
        { status: "error", error: cardInput.error.issues[0]?.message ?? "card_number_invalid" },
        previous,
        formData,
      );
    }
    card = cardInput.data;
  }
  let result;
  try {
    result = await payBill(coreContext(), user, { ...parsed.data, ...(card ? { card } : {}) }, request);
  } catch (error) {
    return failure(error, "/billing/pay", previous, formData);
  }
  if (result.status === "FAILED") {
    return withValues({ status: "error", error: `DECLINED_${result.failureCode ?? "unknown"}` }, previous, formData);
  }
  revalidatePath("/billing");
  if (result.status === "REQUIRES_ACTION" && result.actionUrl) redirect(result.actionUrl);
  redirect(`/billing/payments/${result.paymentId}`);
}

export async function authenticatePaymentAction(formData: FormData) {
  const paymentId = ZId.safeParse(formData.get("paymentId"));
  const { user, request } = await actorFor(paymentId.success ? `/billing/payments/${paymentId.data}` : "/billing");
  if (!paymentId.success) redirect("/billing");
  const approved = formData.get("decision") === "approve";
  const result = await completeDemoAuthentication(coreContext(), user, paymentId.data, approved, request).catch(
    (error: unknown) => {
      if (error instanceof BillingError) redirect("/billing");
      throw error;
    },
  );
  revalidatePath("/billing");
  if (result.status === "FAILED") redirect(`/billing/pay?declined=${result.failureCode ?? "unknown"}`);
  redirect(`/billing/payments/${paymentId.data}`);
}

export async function addCardAction(previous: BillingFormState, formData: FormData): Promise<BillingFormState> {
  const { user, request } = await actorFor("/billing/methods/new");
  const card = cardFrom(formData);
  if (!card.success) {
    return withValues(
      { status: "error", error: card.error.issues[0]?.message ?? "card_number_invalid" },
      previous,
      formData,
    );
  }
  try {
    await addCardMethod(coreContext(), user, card.data, request);
  } catch (error) {
    return failure(error, "/billing/methods/new", previous, formData);
  }
  revalidatePath("/billing/methods");
  redirect(formData.get("returnTo") === "autopay" ? "/billing/autopay?added=1" : "/billing/methods?added=1");
}

export async function startHostedSetupAction() {
  const { user } = await actorFor("/billing/methods");
  let url: string;
  try {
    ({ url } = await startHostedMethodSetup(coreContext(), user));
  } catch (error) {
    if (error instanceof IdentityError && error.code === "STEP_UP_REQUIRED") {
      redirect("/security/confirm?returnTo=%2Fbilling%2Fmethods");
    }
    // The demo gateway has no hosted page: the on-site form is the way to add a card.
    if (error instanceof BillingError && error.code === "GATEWAY_UNAVAILABLE") redirect("/billing/methods/new");
    throw error;
  }
  redirect(url);
}

async function methodChange(
  previous: BillingFormState,
  formData: FormData,
  run: (methodId: string, user: Awaited<ReturnType<typeof actorFor>>) => Promise<void>,
  returnTo: string,
): Promise<BillingFormState> {
  const actor = await actorFor(returnTo);
  const methodId = ZId.safeParse(formData.get("methodId"));
  if (!methodId.success) return { status: "error", error: "METHOD_NOT_FOUND" };
  try {
    await run(methodId.data, actor);
  } catch (error) {
    return failure(error, returnTo, previous);
  }
  revalidatePath("/billing");
  revalidatePath(returnTo);
  return { status: "done" };
}

export async function setDefaultMethodAction(previous: BillingFormState, formData: FormData) {
  return methodChange(
    previous,
    formData,
    (id, { user, request }) => setDefaultMethod(coreContext(), user, id, request),
    "/billing/methods",
  );
}

export async function removeMethodAction(previous: BillingFormState, formData: FormData) {
  return methodChange(
    previous,
    formData,
    (id, { user, request }) => removeMethod(coreContext(), user, id, request),
    "/billing/methods",
  );
}

export async function enrollAutopayAction(previous: BillingFormState, formData: FormData) {
  return methodChange(
    previous,
    formData,
    (id, { user, request }) => enrollAutopay(coreContext(), user, id, request),
    "/billing/autopay",
  );
}

export async function cancelAutopayAction(previous: BillingFormState): Promise<BillingFormState> {
  const { user, request } = await actorFor("/billing/autopay");
  try {
    await cancelAutopay(coreContext(), user, request);
  } catch (error) {
    return failure(error, "/billing/autopay", previous);
  }
  revalidatePath("/billing");
  revalidatePath("/billing/autopay");
  return { status: "done" };
}

export async function paperlessAction(formData: FormData) {
  const { user, request } = await actorFor("/billing");
  try {
    await setPaperless(coreContext(), user, formData.get("paperless") === "on", request);
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    redirect("/billing?paperless=denied");
  }
  revalidatePath("/billing");
  redirect(`/billing?paperless=${formData.get("paperless") === "on" ? "on" : "off"}`);
}

export async function createArrangementAction(
  previous: BillingFormState,
  formData: FormData,
): Promise<BillingFormState> {
  const { user, request } = await actorFor("/billing/arrangement");
  const payBy = String(formData.get("payBy") ?? "");
  if (!payBy) return withValues({ status: "error", error: "ARRANGEMENT_DATE_REQUIRED" }, previous, formData);
  if (formData.get("agree") !== "on")
    return withValues({ status: "error", error: "TERMS_REQUIRED" }, previous, formData);
  try {
    await createArrangement(coreContext(), user, payBy, request);
  } catch (error) {
    return failure(error, "/billing/arrangement", previous, formData);
  }
  revalidatePath("/billing");
  redirect("/billing/arrangement?created=1");
}

export async function cancelArrangementAction(previous: BillingFormState): Promise<BillingFormState> {
  const { user, request } = await actorFor("/billing/arrangement");
  try {
    await cancelArrangement(coreContext(), user, request);
  } catch (error) {
    return failure(error, "/billing/arrangement", previous);
  }
  revalidatePath("/billing");
  return { status: "done" };
}
