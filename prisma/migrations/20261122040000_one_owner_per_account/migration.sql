-- A service account has at most one online owner. The Prisma schema language cannot express a
-- partial unique index, so this migration is written by hand and the schema snapshot is unchanged.
-- (The migration runner splits statements on semicolons, so comments here must not contain any.)
CREATE UNIQUE INDEX "Membership_one_owner_per_account" ON "Membership" ("accountId") WHERE "role" = 'OWNER';
