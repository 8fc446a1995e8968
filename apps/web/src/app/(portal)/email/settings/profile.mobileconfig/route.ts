import { coreContext } from "@homeport/core/context";
import { appleMobileconfig, EmailConfigError } from "@homeport/core/email/autoconfig";
import { ZId } from "@homeport/core/ids";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { currentUser } from "@/lib/session";

const notFound = () =>
  new Response("No such mailbox on your account.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });

/**
 * An Apple configuration profile for one of the household's mailboxes (`?mailbox=<id>`, else the
 * primary address). It holds no password, so any member of the account may download it; another
 * account's mailbox id answers 404 like one that does not exist.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to download your email settings.", { status: 401 });
  if (!user.accountId) return notFound();
  const requested = new URL(request.url).searchParams.get("mailbox");
  const mailboxId = requested === null ? null : ZId.safeParse(requested);
  if (mailboxId && !mailboxId.success) return notFound();
  const ctx = coreContext();
  const mailbox = await ctx.db.mailbox.findFirst({
    where: { accountId: user.accountId, ...(mailboxId ? { id: mailboxId.data } : { primary: true }) },
    select: { address: true, displayName: true },
  });
  if (!mailbox) return notFound();
  const t = await getTranslations("emailSettings.download");
  let plist: string;
  try {
    plist = appleMobileconfig(ctx.profile.email, {
      emailAddress: mailbox.address,
      displayName: mailbox.displayName,
      description: t("profileDescription", { address: mailbox.address }),
    });
  } catch (error) {
    // A stored address at a domain the profile no longer hosts has no settings to give.
    if (error instanceof EmailConfigError) return notFound();
    throw error;
  }
  const slug =
    brand()
      .name.toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "email";
  return new Response(plist, {
    headers: {
      "Content-Type": "application/x-apple-aspen-config",
      "Content-Disposition": `attachment; filename="${slug}-email.mobileconfig"`,
      "Cache-Control": "private, no-store",
    },
  });
}
