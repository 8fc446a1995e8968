import { providerProfile } from "@homeport/core/provider/profile";

/** What the pages show of the provider profile. */
export function brand() {
  const profile = providerProfile();
  return {
    name: profile.brandName,
    supportPhone: profile.supportPhone,
    timeZone: profile.timeZone,
    currency: profile.currency,
    usage: profile.usage,
  };
}

export { displayPhone } from "@homeport/core/provider/display-phone";
