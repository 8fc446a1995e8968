export { DEMO_ACCOUNT_NUMBER, DEMO_USERS } from "@homeport/db/seed";
