// The login and register form, the header's user and log out, and the reasons for a sign-out.
import { $ } from "../dom.js";
import { ErrorCodes } from "../protocol.js";

const SIGNED_OUT = {
  logout: "You were signed out: you logged out on another tab or device.",
  password_reset: "You were signed out: your password was changed.",
  expired: "You were signed out: your session expired. Please log in again.",
  token_refused: "You were signed out while away: your password was changed, or you logged out elsewhere. Please log in again.",
};

const PANELS_OF_PLAYERS = ["inventory-panel", "world-panel", "chat-panel", "boards-panel"];

export function wireLogin(client) {
  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const action = event.submitter?.value ?? "login";
    for (const id of ["login-error", "username-error", "password-error"]) $(id).textContent = "";
    try {
      if (action === "register") await client.register(form.get("username"), form.get("password"));
      else await client.login(form.get("username"), form.get("password"));
    } catch (error) {
      const { field, sentence } = explainLoginError(error);
      $(field ? `${field}-error` : "login-error").textContent = sentence;
    }
  });
  $("logout").addEventListener("click", () => client.logout());
  // Shipped disabled: nothing is sent before this handler listens.
  for (const button of $("login-form").querySelectorAll("button")) button.disabled = false;
}

/** Shows who is signed in (or the login form, with the reason for a sign-out). */
export function showSignedIn(detail) {
  const signedIn = Boolean(detail.user);
  $("who").textContent = signedIn ? `${detail.user.username}${detail.user.is_admin ? " (admin)" : ""}` : "";
  if (detail.changed) return; // rights changed by an admin: still the same player in the same world
  $("logout").hidden = !signedIn;
  $("login-panel").hidden = signedIn;
  for (const id of PANELS_OF_PLAYERS) $(id).hidden = !signedIn;
  if (signedIn) $("login-error").textContent = "";
  else if (detail.reason) $("login-error").textContent = SIGNED_OUT[detail.reason] ?? "You were signed out.";
}

/** A refused login or registration as a plain sentence, and the field it concerns (or none). */
function explainLoginError(error) {
  const field = error.data?.field;
  if (error.code === ErrorCodes.Conflict && field === "username") return { field, sentence: "That name is taken: pick another." };
  if (error.code === ErrorCodes.InvalidParams && field === "username") return { field, sentence: "A name is 3 to 32 letters, digits, _ . or -, and nothing else." };
  if (error.code === ErrorCodes.InvalidParams && field === "password") return { field, sentence: "A password needs 8 to 1024 characters." };
  if (error.code === ErrorCodes.Unauthenticated) return { sentence: "Wrong username or password." };
  if (error.code === ErrorCodes.RateLimited) {
    const seconds = Math.ceil((error.data?.retry_after_ms ?? 1000) / 1000);
    return { sentence: `Too many attempts: try again in ${seconds} s.` };
  }
  if (error.timedOut) return { sentence: "The server did not answer: try again." };
  return { sentence: `Something went wrong: ${error.message}.` };
}
