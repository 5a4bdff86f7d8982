// The admin dashboard: everything it shows or changes goes through the JSON-RPC protocol with the
// admin's token, and the server refuses non-admins whatever this page shows.
import { GameClient } from "./gameclient.js";

const $ = (id) => document.getElementById(id);
const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
const client = new GameClient(wsUrl, { token: sessionStorage.getItem("gameserver.admin.token") });
const REFRESH_MS = 2000;
let refreshTimer = null;
let lastFigures = null;
let users = [];
let items = [];
const shown = new Map();

/**
 * Re-renders a table only when its data changed, so the refresh every two seconds never wipes what
 * an admin is typing or replaces a control while it is being clicked.
 */
function showIfChanged(key, data, render) {
  const json = JSON.stringify(data);
  if (shown.get(key) === json) return;
  shown.set(key, json);
  render();
}

/** Creates an element: `dataset` fills data-* attributes, dashed keys (aria-label) are attributes, the rest properties. */
const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.includes("-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};

const button = (text, onClick, props = {}) => el("button", { type: "button", textContent: text, onclick: onClick, ...props });

/** Runs an admin call, showing its error next to the table it belongs to, and refreshes. */
async function act(errorId, work) {
  $(errorId).textContent = "";
  try {
    await work();
  } catch (error) {
    $(errorId).textContent = error.data?.reason ? `${error.data.field}: ${error.data.reason}` : error.message;
  }
  await refresh();
}

client.addEventListener("state", ({ detail }) => {
  $("connection").textContent = detail.state;
  $("connection").className = `badge ${detail.state}`;
});

client.addEventListener("session", ({ detail }) => {
  if (detail.token) sessionStorage.setItem("gameserver.admin.token", detail.token);
  else sessionStorage.removeItem("gameserver.admin.token");
  const user = detail.user;
  $("who").textContent = user ? user.username : "";
  $("logout").hidden = !user;
  $("login-panel").hidden = Boolean(user);
  $("forbidden-panel").hidden = !user || user.is_admin;
  $("dashboard").hidden = !user?.is_admin;
  clearInterval(refreshTimer);
  shown.clear();
  if (user?.is_admin) {
    refresh();
    refreshTimer = setInterval(refresh, REFRESH_MS);
  }
});

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  $("login-error").textContent = "";
  try {
    await client.login(form.get("username"), form.get("password"));
  } catch (error) {
    $("login-error").textContent = error.message;
  }
});

$("logout").addEventListener("click", () => client.logout());

$("item-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  act("item-error", async () => {
    await client.call("items.create", { name: form.get("name"), weight: Number(form.get("weight")) });
    event.target.reset();
  });
});

async function refresh() {
  if (!client.user?.is_admin) return;
  const [info, itemList, inventories, userList, players, monsters] = await Promise.all([
    client.call("system.info"),
    client.call("items.list"),
    client.call("inventories.list"),
    client.call("users.list"),
    client.call("players.list"),
    client.call("monsters.list").catch(() => []),
  ]);
  items = itemList;
  users = userList;
  showFigures(info);
  showIfChanged("items", items, showItems);
  showIfChanged("inventories", [inventories, items, users], () => showInventories(inventories));
  showIfChanged("users", users, showUsers);
  showIfChanged("players", players, () => showPlayers(players));
  showIfChanged("monsters", [monsters, users], () => showMonsters(monsters));
}

function showFigures(info) {
  const now = performance.now();
  if (lastFigures) {
    const seconds = (now - lastFigures.at) / 1000;
    $("fig-in").textContent = ((info.messages_received - lastFigures.info.messages_received) / seconds).toFixed(1);
    $("fig-out").textContent = ((info.messages_sent - lastFigures.info.messages_sent) / seconds).toFixed(1);
  }
  lastFigures = { at: now, info };
  $("fig-connections").textContent = info.connections;
  $("fig-uptime").textContent = `${info.uptime_s} s`;
  $("jobs").replaceChildren(...info.jobs.map((job) => el("tr", {},
    el("td", { textContent: job.name + (job.enabled ? "" : " (off)") }),
    el("td", { textContent: `${job.interval_s} s` }),
    el("td", { textContent: job.last_run ? new Date(job.last_run).toLocaleTimeString() : "–" }),
    el("td", { className: "num", textContent: job.last_duration_ms?.toFixed(1) ?? "–" }),
    el("td", { textContent: `${job.runs} (${job.failures} failed)` }),
    el("td", { textContent: job.last_error ?? "" }))));
}

function showItems() {
  $("items").replaceChildren(...items.map((item) => {
    const name = el("input", { value: item.name, "aria-label": `name of item ${item.id}` });
    const weight = el("input", { type: "number", step: "any", min: "0", value: item.weight, "aria-label": `weight of item ${item.id}` });
    return el("tr", { dataset: { item: item.id } },
      el("td", { textContent: item.id }),
      el("td", {}, name),
      el("td", { className: "num" }, weight),
      el("td", {},
        button("Save", () => act("item-error", () => client.call("items.update", { id: item.id, name: name.value, weight: Number(weight.value) }))),
        button("Delete", () => act("item-error", () => client.call("items.delete", { id: item.id })))));
  }));
}

function showInventories(inventories) {
  const nameOf = (id) => users.find((u) => u.id === id)?.username ?? `user ${id}`;
  const itemName = (id) => items.find((i) => i.id === id)?.name ?? `item ${id}`;
  $("inventories").replaceChildren(...inventories.map((inventory) => {
    const choice = el("select", { "aria-label": `item to add to inventory ${inventory.id}` },
      ...items.filter((i) => !inventory.items.includes(i.id)).map((i) => el("option", { value: i.id, textContent: `${i.name} (${i.weight} kg)` })));
    return el("tr", { dataset: { inventory: inventory.id } },
      el("td", { textContent: inventory.id }),
      el("td", { textContent: nameOf(inventory.user) }),
      el("td", {}, ...inventory.items.map((id) => el("span", { className: "chip" }, itemName(id),
        button("×", () => act("inventory-error", () => client.call("inventories.remove_item", { inventory: inventory.id, item: id })), { title: "Remove" })))),
      el("td", {}, choice, button("Add", () => act("inventory-error", () =>
        client.call("inventories.add_item", { inventory: inventory.id, item: Number(choice.value) })))));
  }));
}

function showUsers() {
  $("users").replaceChildren(...users.map((user) => el("tr", { dataset: { user: user.id } },
    el("td", { textContent: user.id }),
    el("td", { textContent: user.username }),
    el("td", {}, el("span", { className: "role", textContent: user.is_admin ? "admin" : "player" }), " ", el("input", {
      type: "checkbox", checked: user.is_admin, "aria-label": `${user.username} is admin`,
      onchange: (event) => act("user-error", () => client.call("users.set_admin", { id: user.id, is_admin: event.target.checked })),
    })),
    el("td", {}, button("Reset password", () => {
      const password = prompt(`New password for ${user.username} (8 characters or more)`);
      if (password) act("user-error", () => client.call("users.set_password", { id: user.id, password }));
    })))));
}

function showPlayers(players) {
  $("players").replaceChildren(...players.map((player) => el("tr", {},
    el("td", { textContent: player.id }),
    el("td", { textContent: player.username }),
    el("td", { textContent: `(${player.position_x.toFixed(1)}, ${player.position_y.toFixed(1)})` }),
    el("td", { textContent: player.online ? "online" : "offline" }))));
}

function showMonsters(monsters) {
  const transitions = ["attack", "wander", "evade", "look_for_aid"];
  $("monsters").replaceChildren(...monsters.map((monster) => {
    const health = el("input", { type: "number", min: "0", step: "1", value: monster.health_points, "aria-label": `health of monster ${monster.id}` });
    const transition = el("select", { "aria-label": `transition for monster ${monster.id}` }, ...transitions.map((t) => el("option", { value: t, textContent: t })));
    const target = el("select", { "aria-label": `user to attack for monster ${monster.id}` }, ...users.map((u) => el("option", { value: u.id, textContent: u.username })));
    return el("tr", { dataset: { monster: monster.id } },
      el("td", { textContent: monster.id }),
      el("td", { textContent: `${monster.state_display} (${monster.state_code})` }),
      el("td", { className: "num" }, health, button("Save", () => act("monster-error", () =>
        client.call("monsters.update", { id: monster.id, health_points: Number(health.value) })))),
      el("td", { textContent: `(${monster.position_x.toFixed(1)}, ${monster.position_y.toFixed(1)})` }),
      el("td", { textContent: users.find((u) => u.id === monster.user_being_attacked)?.username ?? "" }),
      el("td", {}, transition, target, button("Apply", () => act("monster-error", () =>
        client.call("monsters.transition", { id: monster.id, transition: transition.value, ...(transition.value === "attack" ? { user: Number(target.value) } : {}) })))));
  }));
}

await client.connect().catch(() => {});
