// The Items tab: one page of the items at a time, searched by name on the server (items.list and
// items.count with offset, limit and search), with the rows edited in place.
import { Methods } from "./protocol.js";
import { $, button, el, rowError } from "./admin-dom.js";
import { confirmAction } from "./admin-confirm.js";
import { ServerPage } from "./admin-pager.js";
import { showStored, syncRows } from "./admin-rows.js";

export const PAGE_SIZE = 20;

export function createItemsPanel(dash) {
  const { client, act } = dash;
  const page = new ServerPage({ pager: $("items-pager"), search: $("items-search"), size: PAGE_SIZE, noun: "items", onChange: () => dash.refresh() });
  let shown = "";

  $("item-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    act("item-error", async () => {
      await client.call(Methods.ItemsCreate, { name: form.get("name"), weight: Number(form.get("weight")) });
      event.target.reset();
    });
  });

  const show = (items) => syncRows($("items"), items, {
    key: (item) => item.id,
    create: (item) => {
      const name = el("input", { "aria-label": `name of item ${item.id}`, maxLength: 255 });
      const weight = el("input", { type: "number", step: "any", min: "0", "aria-label": `weight of item ${item.id}` });
      const row = el("tr", { dataset: { item: item.id } },
        el("td", { textContent: item.id }),
        el("td", {}, name, el("span", { className: "stored-changed" })),
        el("td", { className: "num" }, weight, el("span", { className: "stored-changed" })),
        el("td", { className: "actions" },
          button("Save", () => act(row, () => client.call(Methods.ItemsUpdate, { id: item.id, name: name.value, weight: Number(weight.value) }))),
          button("Delete", async () => {
            const sure = await confirmAction(`Delete the item "${row.record.name}"? It leaves every inventory that holds it.`, { action: "Delete" });
            if (sure) act(row, () => client.call(Methods.ItemsDelete, { id: item.id }));
          }, { className: "danger" }),
          rowError()));
      row.fields = { name, weight };
      return row;
    },
    update: (row, item) => {
      showStored(row.fields.name, row.fields.name.nextElementSibling, item.name);
      showStored(row.fields.weight, row.fields.weight.nextElementSibling, item.weight);
    },
  });

  return {
    async refresh() {
      const asked = page.params;
      const [items, { total }] = await Promise.all([
        client.call(Methods.ItemsList, asked),
        client.call(Methods.ItemsCount, page.filter),
      ]);
      // The admin paged or searched meanwhile: this answer is for a page no longer wanted.
      if (JSON.stringify(asked) !== JSON.stringify(page.params)) return;
      if (!page.show(total, items.length)) return;
      for (const item of items) dash.items.set(item.id, item);
      const signature = JSON.stringify(items);
      if (signature === shown) return;
      shown = signature;
      show(items);
    },
    reset() { shown = ""; },
  };
}
