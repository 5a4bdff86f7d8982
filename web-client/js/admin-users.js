// The Users tab: admin rights and password resets, each asking first when it takes something away.
import { Methods } from "./protocol.js";
import { $, button, el, rowError } from "./admin-dom.js";
import { confirmAction } from "./admin-confirm.js";
import { syncRows } from "./admin-rows.js";

export function createUsersPanel(dash) {
  const { client, act } = dash;
  let shown = "";

  const show = () => syncRows($("users"), dash.users, {
    key: (user) => user.id,
    create: (user) => {
      const admin = el("input", { type: "checkbox", "aria-label": `${user.username} is admin` });
      const row = el("tr", { dataset: { user: user.id } },
        el("td", { textContent: user.id }),
        el("td", { textContent: user.username }),
        el("td", {}, el("span", { className: "role" }), " ", admin),
        el("td", { className: "actions" }, button("Reset password", async () => {
          const password = await confirmAction(`Set a new password for ${user.username}? Every device of ${user.username} is logged out.`, { action: "Reset password", password: true });
          const note = row.querySelector(".row-note");
          note.textContent = "";
          if (password && await act(row, () => client.call(Methods.UsersSetPassword, { id: user.id, password }))) {
            note.textContent = `New password set; every device of ${user.username} was logged out.`;
          }
        }, { className: "danger" }), rowError(), el("span", { className: "row-note", role: "status" })));
      // The click ticks the box at once; a revoke asks first, and a cancelled or refused change puts
      // it back to what is stored.
      admin.onchange = async () => {
        const granting = admin.checked;
        if (!granting && !(await confirmAction(`Revoke ${user.username}'s admin rights? Their dashboard closes at once.`, { action: "Revoke" }))) {
          admin.checked = row.record.is_admin;
          return;
        }
        const done = await act(row, () => client.call(Methods.UsersSetAdmin, { id: user.id, is_admin: granting }));
        if (!done) admin.checked = row.record.is_admin;
      };
      row.fields = { admin };
      return row;
    },
    update: (row, user) => {
      row.querySelector(".role").textContent = user.is_admin ? "admin" : "player";
      row.fields.admin.checked = user.is_admin;
    },
  });

  return {
    needsUsers: true,
    async refresh() {
      const signature = JSON.stringify(dash.users);
      if (signature === shown) return;
      shown = signature;
      show();
    },
    reset() { shown = ""; },
  };
}
