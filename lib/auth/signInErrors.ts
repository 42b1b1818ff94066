/**
 * What the sign-in page says for `/login?error=CODE` (better-auth sends single sign-on failures
 * back with a code). Only our own sentences are shown: anyone can craft a sign-in link, so the
 * code itself, or any text that came with it, never reaches the page.
 */
const DISABLED = "This account is disabled.";
const NOT_ADMITTED = "Single sign-on worked, but this account may not use Vendorscope.";
const RESTART = "The single sign-on attempt expired or was interrupted: start again.";

export const SIGN_IN_ERRORS: Readonly<Record<string, string>> = {
  access_denied: "The single sign-on provider refused the sign-in.",
  unable_to_create_user: NOT_ADMITTED,
  failed_to_create_user: NOT_ADMITTED,
  user_creation_failed: NOT_ADMITTED,
  new_user_signup_disabled: NOT_ADMITTED,
  user_not_found: NOT_ADMITTED,
  unable_to_create_session: DISABLED,
  failed_to_create_session: DISABLED,
  email_not_found: "The single sign-on provider sent no email address for this account.",
  email_not_verified: "The single sign-on provider has not verified this account's email address.",
  state_mismatch: RESTART,
  state_not_found: RESTART,
  state_invalid: RESTART,
  please_restart_the_process: RESTART,
  invalid_code: RESTART,
  no_code: RESTART,
  payload_expired: RESTART,
};

export const GENERIC_SIGN_IN_ERROR = "Single sign-on failed. Try again, or ask an admin.";

/** Our message for an error code from the sign-in link; any code we do not know gets the generic one. */
export function signInErrorMessage(code: string): string {
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code]! : GENERIC_SIGN_IN_ERROR;
}
