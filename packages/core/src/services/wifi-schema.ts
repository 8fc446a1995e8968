import { z } from "zod";
import { checkSsid, checkWifiPassword } from "./wifi-rules.ts";

/**
 * A WiFi change as the form sends it: a new name and/or a new password (empty keeps the current
 * one). Issues carry the problem code as their message. The security mode stays as it is: the
 * schema has no pending column for it, so it could not wait for the router's confirmation.
 */
export const ZWifiChange = z
  .object({
    ssid: z.string().max(200),
    password: z.string().max(200).default(""),
  })
  .superRefine((value, issue) => {
    const ssidProblem = checkSsid(value.ssid);
    if (ssidProblem) issue.addIssue({ code: "custom", path: ["ssid"], message: ssidProblem });
    if (value.password !== "") {
      const passwordProblem = checkWifiPassword(value.password, { ssid: value.ssid });
      if (passwordProblem) issue.addIssue({ code: "custom", path: ["password"], message: passwordProblem });
    }
  });

export type WifiChangeInput = z.input<typeof ZWifiChange>;
