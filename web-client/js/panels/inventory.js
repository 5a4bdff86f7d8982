// The inventory: identical items (same name and weight) on one row with their count and total
// weight, so fifty gifts are one line; the row that just gained or changed an item is highlighted.
import { $, element } from "../dom.js";
import { Methods } from "../protocol.js";

/** Items grouped by name and weight: [{ name, weight, ids, total }], lightest first, then oldest. */
export function groupItems(items) {
  const groups = new Map();
  for (const item of items) {
    const key = JSON.stringify([item.name, item.weight]);
    const group = groups.get(key) ?? { key, name: item.name, weight: item.weight, ids: [], total: 0 };
    group.ids.push(item.id);
    group.total += item.weight;
    groups.set(key, group);
  }
  for (const group of groups.values()) group.ids.sort((a, b) => a - b);
  return [...groups.values()].sort((a, b) => a.weight - b.weight || a.ids[0] - b.ids[0]);
}

export function wireInventory(client) {
  const items = new Map();
  const changed = ({ detail }) => {
    items.set(detail.item.id, detail.item);
    render(items, detail.item.id);
  };
  client.addEventListener(Methods.InventoryItemAdded, changed);
  client.addEventListener(Methods.InventoryItemChanged, changed);
  client.addEventListener(Methods.InventoryItemRemoved, ({ detail }) => {
    items.delete(detail.item);
    render(items);
  });
  return {
    async join() {
      const mine = await client.call(Methods.InventoryMine);
      items.clear();
      for (const item of mine.items) items.set(item.id, item);
      render(items);
    },
  };
}

function render(items, freshId) {
  const groups = groupItems(items.values());
  $("inventory-items").replaceChildren(...groups.map((group) => {
    const count = group.ids.length;
    const name = element("td", {}, element("bdi", {}, group.name));
    if (count > 1) name.append(" ", element("span", { className: "count" }, `× ${count}`));
    const row = element("tr", {}, name, element("td", { className: "num" }, group.total.toFixed(1)));
    row.dataset.count = count;
    if (group.ids.includes(freshId)) row.className = "fresh";
    return row;
  }));
  $("inventory-total").textContent = groups.reduce((sum, group) => sum + group.total, 0).toFixed(1);
  $("inventory-count").textContent = items.size === 1 ? "1 item" : `${items.size} items`;
}
