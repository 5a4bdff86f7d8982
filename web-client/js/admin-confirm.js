// Destructive actions ask first, in the page (a <dialog>), not with window.confirm: the question
// names what will be lost, and the password reset asks for the new password in the same place.
import { $ } from "./admin-dom.js";

/**
 * Asks the admin to confirm; resolves true (or, with `password`, the password typed) when confirmed,
 * and false (or null) when cancelled, by the Cancel button or Escape.
 * @param {string} question
 * @param {{ action?: string, password?: boolean }} options action: the confirm button's text.
 */
export function confirmAction(question, { action = "Confirm", password = false } = {}) {
  const dialog = $("confirm-dialog");
  const form = dialog.querySelector("form");
  const passwordLabel = $("confirm-password");
  const passwordInput = passwordLabel.querySelector("input");
  form.reset();
  $("confirm-text").textContent = question;
  $("confirm-ok").textContent = action;
  passwordLabel.hidden = !password;
  passwordInput.required = password;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const confirmed = dialog.returnValue === "confirm";
      if (password) resolve(confirmed ? passwordInput.value : null);
      else resolve(confirmed);
    }, { once: true });
    dialog.showModal();
    // Enter on a question about deleting must not delete: the focus starts on Cancel.
    (password ? passwordInput : form.querySelector("button[value=cancel]")).focus();
  });
}
