import { describe, expect, it } from "vitest";
import { GENERIC_SIGN_IN_ERROR, SIGN_IN_ERRORS, signInErrorMessage } from "@/lib/auth/signInErrors";

describe("the sign-in page's error messages", () => {
  it("says our own sentence for each known error code", () => {
    expect(signInErrorMessage("access_denied")).toBe("The single sign-on provider refused the sign-in.");
    expect(signInErrorMessage("unable_to_create_user")).toMatch(/may not use Vendorscope/);
    for (const code of Object.keys(SIGN_IN_ERRORS)) expect(signInErrorMessage(code)).not.toContain(code);
  });

  it.each([
    "Your account is suspended. Call +1-555-0100 to restore it",
    "<script>alert(1)</script>",
    "constructor",
    "__proto__",
    "toString",
    "ACCESS_DENIED",
    "access_denied ",
  ])("shows the generic message, never the text, for the unknown code %j", (code) => {
    expect(signInErrorMessage(code)).toBe(GENERIC_SIGN_IN_ERROR);
  });
});
