/** The database handle for the app layer, which does not import packages/db itself. */
export { connectionUrl, getDb, resolveConnection, type Db } from "@homeport/db";
