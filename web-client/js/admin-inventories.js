// The Inventories tab: one page of the inventories at a time, searched by owner on the server. An
// inventory shows its first items by name (a gift flood holds thousands) and offers the items that
// match the "items offered" search, so that no list of everything is ever loaded.
import { ErrorCodes, Methods } from "./protocol.js";
import { $, button, el, formatCount, rowError } from "./admin-dom.js";
import { confirmAction } from "./admin-confirm.js";
import { ServerPage } from "./admin-pager.js";
import { showOptions, syncRows } from "./admin-rows.js";

const PAGE_SIZE = 20;
const ITEMS_SHOWN = 8;
const ITEMS_OFFERED = 50;

export function createInventoriesPanel(dash) {
  const { client, act } = dash;
  const page = new ServerPage({ pager: $("inventories-pager"), search: $("inventories-search"), size: PAGE_SIZE, noun: "inventories", onChange: () => dash.refresh() });
  let offered = [];
  let offerTimer = null;
  $("add-item-search").addEventListener("input", () => {
    clearTimeout(offerTimer);
    offerTimer = setTimeout(() => dash.refresh(), 300);
  });

  const nameOf = (userId) => dash.users.find((u) => u.id === userId)?.username ?? `user ${userId}`;
  const itemName = (id) => dash.items.get(id)?.name ?? `item ${id}`;

  /** Fills the item cache with the items these inventories show that it lacks: a few ids each, not every item. */
  async function learnItems(inventories) {
    const missing = [...new Set(inventories.flatMap((i) => i.items.slice(0, ITEMS_SHOWN)))].filter((id) => !dash.items.has(id));
    await Promise.all(missing.map((id) => client.call(Methods.ItemsGet, { id })
      .then((item) => dash.items.set(id, item))
      .catch((error) => { if (error.code !== ErrorCodes.NotFound) throw error; })));
  }

  const show = (inventories) => syncRows($("inventories"), inventories, {
    key: (inventory) => inventory.id,
    create: (inventory) => {
      const choice = el("select", { "aria-label": `item to add to inventory ${inventory.id}` });
      const row = el("tr", { dataset: { inventory: inventory.id } },
        el("td", { textContent: inventory.id }), el("td"), el("td", { className: "chips" }),
        el("td", { className: "actions" }, choice, button("Add", () => act(row, () =>
          client.call(Methods.InventoriesAddItem, { inventory: inventory.id, item: Number(choice.value) }))), rowError()));
      row.fields = { choice };
      return row;
    },
    update: (row, inventory) => {
      const owner = nameOf(inventory.user);
      row.cells[1].textContent = owner;
      const more = inventory.items.length - ITEMS_SHOWN;
      // Drawn again only when they changed: a redraw would take the focus off a × being tabbed to.
      const chips = JSON.stringify([owner, inventory.items.length, inventory.items.slice(0, ITEMS_SHOWN).map(itemName)]);
      if (row.dataset.chips !== chips) {
        row.dataset.chips = chips;
        const remove = (id) => button("×", async () => {
          const sure = await confirmAction(`Take "${itemName(id)}" out of ${owner}'s inventory?`, { action: "Remove" });
          if (sure) act(row, () => client.call(Methods.InventoriesRemoveItem, { inventory: inventory.id, item: id }));
        }, { title: "Remove", "aria-label": `remove ${itemName(id)} from ${owner}'s inventory` });
        row.cells[2].replaceChildren(
          ...inventory.items.slice(0, ITEMS_SHOWN).map((id) => el("span", { className: "chip" }, itemName(id), remove(id))),
          ...(more > 0 ? [el("span", { className: "muted" }, ` and ${formatCount(more)} more`)] : []));
      }
      showOptions(row.fields.choice, offered.filter((i) => !inventory.items.includes(i.id)).map((i) => ({ value: i.id, label: `${i.name} (${i.weight} kg)` })));
    },
  });

  return {
    needsUsers: true,
    async refresh() {
      const asked = page.params;
      const offerSearch = $("add-item-search").value.trim();
      const [inventories, { total }, items] = await Promise.all([
        client.call(Methods.InventoriesList, asked),
        client.call(Methods.InventoriesCount, page.filter),
        client.call(Methods.ItemsList, { limit: ITEMS_OFFERED, ...(offerSearch ? { search: offerSearch } : {}) }),
      ]);
      if (JSON.stringify(asked) !== JSON.stringify(page.params)) return;
      if (!page.show(total, inventories.length)) return;
      offered = items;
      for (const item of items) dash.items.set(item.id, item);
      await learnItems(inventories);
      // Every time, not only when the data changed: a select left alone while it had the focus
      // takes its new options once the admin has moved on. The rows are updated in place.
      show(inventories);
    },
  };
}
