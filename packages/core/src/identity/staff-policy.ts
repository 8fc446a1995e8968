/**
 * Staff roles must use two-step sign-in: until it is on, they may only set it up (and confirm their
 * password on the way there).
 */
export const TWO_FACTOR_SETUP_PATH = "/security/two-factor";
const ALLOWED_BEFORE_SETUP = [TWO_FACTOR_SETUP_PATH, "/security/confirm"];

export function mustSetUpTwoFactor(
  user: { staffRole: string | null; twoFactorEnabled: boolean },
  requestedPath: string,
): boolean {
  return (
    user.staffRole !== null &&
    !user.twoFactorEnabled &&
    !ALLOWED_BEFORE_SETUP.some((path) => requestedPath === path || requestedPath.startsWith(`${path}?`))
  );
}
