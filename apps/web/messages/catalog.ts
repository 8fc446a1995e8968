import appointmentsEn from "./appointments.en.json";
import appointmentsEs from "./appointments.es.json";
import en from "./en.json";
import equipmentEn from "./equipment.en.json";
import equipmentEs from "./equipment.es.json";
import es from "./es.json";
import helpEn from "./help.en.json";
import guideEn from "./guide.en.json";
import guideEs from "./guide.es.json";
import helpEs from "./help.es.json";
import privacyPublicEn from "./privacy-public.en.json";
import privacyPublicEs from "./privacy-public.es.json";
import privacyEn from "./privacy.en.json";
import privacyEs from "./privacy.es.json";
import privacyExportEn from "./privacy-export.en.json";
import privacyExportEs from "./privacy-export.es.json";
import privacyAdminEn from "./privacy-admin.en.json";
import privacyAdminEs from "./privacy-admin.es.json";
import servicesEn from "./services.en.json";
import servicesEs from "./services.es.json";
import tvEn from "./tv.en.json";
import tvEs from "./tv.es.json";

/**
 * The catalogs are kept in one file per area (the core portal in en.json / es.json), so areas grow
 * without touching each other's files; each file owns its own top-level namespaces.
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
  ],
} as const;

export const catalogs = {
  en: Object.assign({}, ...catalogParts.en) as typeof en &
    typeof servicesEn &
    typeof equipmentEn &
    typeof appointmentsEn &
    typeof helpEn &
    typeof tvEn &
    typeof guideEn &
    typeof privacyEn &
    typeof privacyExportEn &
    typeof privacyPublicEn &
    typeof privacyAdminEn,
  es: Object.assign({}, ...catalogParts.es) as typeof en &
    typeof servicesEn &
    typeof equipmentEn &
    typeof appointmentsEn &
    typeof helpEn &
    typeof tvEn &
    typeof guideEn &
    typeof privacyEn &
    typeof privacyExportEn &
    typeof privacyPublicEn &
    typeof privacyAdminEn,
};
