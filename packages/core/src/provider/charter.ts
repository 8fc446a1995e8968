/**
 * The default profile: Charter.net / Spectrum email as Spectrum's support pages and Thunderbird's
 * ISPDB entry (ispdb/charter.net.xml) give it. All three servers use implicit TLS, SMTP included
 * (port 587 with SSL/TLS, not STARTTLS).
 */
export const charterProfile = {
  id: "spectrum",
  brandName: "Spectrum",
  shortName: "Spectrum",
  supportPhone: "+18338761550",
  timeZone: "America/New_York",
  currency: "USD",
  email: {
    domains: ["charter.net", "spectrum.net", "bresnan.net"],
    displayName: "Spectrum (Charter) Email",
    displayShortName: "Spectrum",
    incoming: {
      imap: {
        hostname: "mobile.charter.net",
        port: 993,
        socket: "SSL",
        username: "EMAIL_ADDRESS",
        authentication: "password-cleartext",
      },
      pop3: {
        hostname: "mobile.charter.net",
        port: 995,
        socket: "SSL",
        username: "EMAIL_ADDRESS",
        authentication: "password-cleartext",
      },
    },
    outgoing: {
      smtp: {
        hostname: "mobile.charter.net",
        port: 587,
        socket: "SSL",
        username: "EMAIL_ADDRESS",
        authentication: "password-cleartext",
      },
    },
    legacyHostnames: [
      { hostname: "imap.charter.net", protocol: "imap" },
      { hostname: "pop.charter.net", protocol: "pop3" },
      { hostname: "smtp.charter.net", protocol: "smtp" },
    ],
    // One widely copied guide says POP3 uses 993; POP3 over TLS is 995.
    knownWrongPorts: [{ protocol: "pop3", port: 993 }],
    limits: {
      mailboxesPerAccount: 7,
      mailboxQuotaBytes: 5 * 1024 ** 3,
      maxMessageBytes: 25 * 1024 ** 2,
      trashRetentionDays: 3,
      spamRetentionDays: 14,
      idleLockDays: 180,
    },
  },
} as const;
