import type { PrivacyStatusView } from "@homeport/core/privacy/requests";
import type { BadgeVariant } from "@homeport/ui/badge";

export const STATUS_BADGE: Record<PrivacyStatusView, BadgeVariant> = {
  RECEIVED: "neutral",
  VERIFIED: "info",
  IN_PROGRESS: "info",
  EXTENDED: "warning",
  COMPLETED: "success",
  DENIED: "danger",
};
