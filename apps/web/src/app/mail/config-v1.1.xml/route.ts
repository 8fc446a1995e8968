import { EmailConfigError, thunderbirdAutoconfig } from "@homeport/core/email/autoconfig";
import { providerProfile } from "@homeport/core/provider/profile";

/**
 * Thunderbird autoconfig (`autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=…`): the provider
 * profile's servers in the clientConfig 1.1 format. Public, as mail clients ask before anyone signs
 * in; the file is the same for every subscriber, so caches may keep it for a day.
 */
export function GET(request: Request): Response {
  const emailAddress = new URL(request.url).searchParams.get("emailaddress");
  try {
    const xml = thunderbirdAutoconfig(providerProfile().email, emailAddress?.trim() ? emailAddress : null);
    return new Response(xml, {
      headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=86400" },
    });
  } catch (error) {
    if (!(error instanceof EmailConfigError)) throw error;
    // A client asking about another provider's address gets nothing to configure rather than servers
    // that would refuse it.
    return new Response(
      error.code === "domain" ? "No settings for that address here.\n" : "That is not an email address.\n",
      {
        status: error.code === "domain" ? 404 : 400,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      },
    );
  }
}
