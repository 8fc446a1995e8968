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
  // Data caps as the largest capped providers publish them (Xfinity, Cox): 50 GB blocks at $10,
  // at most $100 a cycle, the first over-cap cycle in 12 months free; alerts at 75/90/100 %.
  usage: {
    gigabyteBytes: 1_000_000_000,
    overage: { blockGb: 50, blockCents: 1000, maxCentsPerCycle: 10000, courtesyCyclesPer12Months: 1 },
    alerts: { defaultThresholds: [75, 90, 100], allowedThresholds: [50, 75, 85, 90, 100] },
  },
  // Spectrum's published late fee is $8.99. The fees and tax rates are those of a Sacramento, CA
  // service address; another region's profile lists its own.
  services: {
    appointments: {
      windows: [
        [8, 10],
        [10, 12],
        [12, 14],
        [14, 16],
        [16, 18],
      ],
      weekdays: [1, 2, 3, 4, 5, 6],
      capacityPerWindow: 3,
      daysAhead: 14,
      minLeadHours: 12,
      changeCutoffHours: 2,
    },
    // Verizon's published rule (a day's credit for 6–24 hours) is the model; Charter's own is by phone.
    outageCredit: { minimumHours: 4, hoursPerCreditDay: 24 },
  },
  billing: {
    dueDays: 21,
    lateFee: { amountCents: 899, graceDays: 5 },
    allowPrepay: false,
    autopay: { changeCutoffBusinessDays: 3 },
    arrangement: { maxDaysOut: 30, minPastDueCents: 1000 },
    fees: [
      {
        code: "broadcast-tv",
        service: "TV",
        amountCents: 2199,
        label: { en: "Broadcast TV surcharge", es: "Recargo por canales de TV abierta" },
      },
      {
        code: "e911",
        service: "PHONE",
        amountCents: 75,
        label: { en: "California 911 surcharge", es: "Recargo de California por el 911" },
      },
    ],
    taxes: [
      {
        code: "sales-tax",
        rateBasisPoints: 875,
        base: ["EQUIPMENT"],
        label: { en: "Sales tax on equipment", es: "Impuesto sobre las ventas de equipos" },
      },
      {
        code: "utility-users-tax",
        rateBasisPoints: 250,
        base: ["TV", "PHONE"],
        label: { en: "Sacramento utility users tax", es: "Impuesto municipal de Sacramento a usuarios de servicios" },
      },
      {
        code: "federal-usf",
        rateBasisPoints: 360,
        base: ["PHONE"],
        label: { en: "Federal Universal Service Fund", es: "Fondo federal de servicio universal" },
      },
    ],
  },
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
      forwardingTargets: 3,
      autoReplyMaxChars: 4000,
    },
  },
} as const;
