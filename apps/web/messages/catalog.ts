import appointmentsEn from "./appointments.en.json";
import adminAccountsEn from "./admin-accounts.en.json";
import adminAccountsEs from "./admin-accounts.es.json";
import adminActivityEn from "./admin-activity.en.json";
import adminActivityEs from "./admin-activity.es.json";
import adminAnomaliesEn from "./admin-anomalies.en.json";
import adminAnomaliesEs from "./admin-anomalies.es.json";
import adminStaffEn from "./admin-staff.en.json";
import adminStaffEs from "./admin-staff.es.json";
import adminConsoleEn from "./admin-console.en.json";
import adminConsoleEs from "./admin-console.es.json";
import appointmentsEs from "./appointments.es.json";
import emailSettingsEn from "./email-settings.en.json";
import emailSettingsEs from "./email-settings.es.json";
import emailTroubleshootEn from "./email-troubleshoot.en.json";
import emailTroubleshootEs from "./email-troubleshoot.es.json";
import emailEn from "./email.en.json";
import emailEs from "./email.es.json";
import en from "./en.json";
import equipmentEn from "./equipment.en.json";
import equipmentEs from "./equipment.es.json";
import es from "./es.json";
import guideEn from "./guide.en.json";
import guideEs from "./guide.es.json";
import helpEn from "./help.en.json";
import helpEs from "./help.es.json";
import privacyAdminEn from "./privacy-admin.en.json";
import privacyAdminEs from "./privacy-admin.es.json";
import privacyExportEn from "./privacy-export.en.json";
import privacyExportEs from "./privacy-export.es.json";
import privacyPublicEn from "./privacy-public.en.json";
import privacyPublicEs from "./privacy-public.es.json";
import privacyEn from "./privacy.en.json";
import privacyEs from "./privacy.es.json";
import servicesEn from "./services.en.json";
import servicesEs from "./services.es.json";
import tvEn from "./tv.en.json";
import tvEs from "./tv.es.json";

/**
 * The catalogs are kept in one file per area (the core portal in en.json / es.json), so areas grow
 * without touching each other's files; each file owns its own top-level namespaces. A new area adds
 * its two files to the lists below, in the same place in both.
 */
export const catalogParts = {
  en: [
    en,
    servicesEn,
    equipmentEn,
    appointmentsEn,
    helpEn,
    tvEn,
    guideEn,
    privacyEn,
    privacyExportEn,
    privacyPublicEn,
    privacyAdminEn,
    emailEn,
    emailSettingsEn,
    emailTroubleshootEn,
    adminConsoleEn,
    adminAnomaliesEn,
    adminActivityEn,
    adminAccountsEn,
    adminStaffEn,
  ],
  es: [
    es,
    servicesEs,
    equipmentEs,
    appointmentsEs,
    helpEs,
    tvEs,
    guideEs,
    privacyEs,
    privacyExportEs,
    privacyPublicEs,
    privacyAdminEs,
    emailEs,
    emailSettingsEs,
    emailTroubleshootEs,
    adminConsoleEs,
    adminAnomaliesEs,
    adminActivityEs,
    adminAccountsEs,
    adminStaffEs,
  ],
} as const;

/** The parts merged into one catalog type (each part owns its namespaces, so nothing collides). */
type Merged<Parts extends readonly object[]> = Parts extends readonly [
  infer First,
  ...infer Rest extends readonly object[],
]
  ? First & Merged<Rest>
  : unknown;

type Catalog = Merged<typeof catalogParts.en>;

export const catalogs = {
  en: Object.assign({}, ...catalogParts.en) as Catalog,
  es: Object.assign({}, ...catalogParts.es) as Catalog,
};
