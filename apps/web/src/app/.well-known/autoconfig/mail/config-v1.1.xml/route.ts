/** The same file at the well-known location Thunderbird tries on the address's own domain. */
export { GET } from "../../../../mail/config-v1.1.xml/route.ts";
