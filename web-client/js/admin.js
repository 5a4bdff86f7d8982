// The admin dashboard: everything it shows or changes goes through the JSON-RPC protocol with the
// admin's token, and the server refuses non-admins whatever this page shows.
import { GameClient } from "./gameclient.js";
import { showOptions, showStored, syncRows } from "./admin-rows.js";

const $ = (id) => document.getElementById(id);
const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
// Not in the world: the dashboard is a tool, and must not put the admin's player online where monsters attack it.
const client = new GameClient(wsUrl, { token: sessionStorage.getItem("gameserver.admin.token"), inWorld: false });
const REFRESH_MS = 2000;
let refreshTimer = null;
let lastFigures = null;
let users = [];
let items = [];
const shown = new Map();

/** Updates a table only when its data changed; the rows themselves are updated in place (admin-rows.js). */
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

const FIELD_NAMES = { name: "The name", weight: "The weight", health_points: "Health", password: "The password", user: "The user" };

/** A refused call as a plain sentence: "The weight must be >= 0.", not "invalid params: weight must be >= 0". */
function explain(error) {
  const { field, reason } = error.data ?? {};
  if (error.code === -32009 && reason) return `${reason[0].toUpperCase()}${reason.slice(1)}.`;
  if (field && reason) return `${FIELD_NAMES[field] ?? field} ${reason}.`;
  if (error.code === -32003) return "Only admins may do that.";
  if (error.code === -32004) return "It is gone: someone deleted it meanwhile.";
  if (error.timedOut) return "The server did not answer: try again.";
  return `${error.message[0].toUpperCase()}${error.message.slice(1)}.`;
}

/**
 * Runs an admin call, showing its error where it belongs (`where`: a row, whose .row-error line
 * gets it, or the id of a table's error line), and refreshes; true when the call succeeded.
 */
async function act(where, work) {
  const line = typeof where === "string" ? $(where) : where.querySelector(".row-error");
  line.textContent = "";
  let done = false;
  try {
    await work();
    done = true;
  } catch (error) {
    line.textContent = explain(error);
  }
  await refresh();
  return done;
}

const rowError = () => el("span", { className: "row-error error", role: "alert" });

client.addEventListener("state", ({ detail }) => {
  $("connection").textContent = detail.state;
  $("connection").className = `badge ${detail.state}`;
});

// Also raised when an admin grants or revokes this user's rights (auth.user_changed): a revoked
// admin's dashboard switches to "Admins only" at once instead of failing every refresh.
client.addEventListener("session", ({ detail }) => {
  if (detail.token) sessionStorage.setItem("gameserver.admin.token", detail.token);
  else sessionStorage.removeItem("gameserver.admin.token");
  showView(detail.user);
});

function showView(user) {
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
}

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
  let info, itemList, inventories, userList, players, monsters;
  try {
    [info, itemList, inventories, userList, players, monsters] = await Promise.all([
      client.call("system.info"),
      client.call("items.list"),
      client.call("inventories.list"),
      client.call("users.list"),
      client.call("players.list"),
      client.call("monsters.list").catch(() => []),
    ]);
  } catch (error) {
    // Rights gone without the notice (it is on its way): show the view the server now gives.
    if (error.code === -32003) showView({ ...client.user, is_admin: false });
    return;
  }
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
  syncRows($("items"), items, {
    key: (item) => item.id,
    create: (item) => {
      const name = el("input", { "aria-label": `name of item ${item.id}` });
      const weight = el("input", { type: "number", step: "any", min: "0", "aria-label": `weight of item ${item.id}` });
      const row = el("tr", { dataset: { item: item.id } },
        el("td", { textContent: item.id }),
        el("td", {}, name, el("span", { className: "stored-changed" })),
        el("td", { className: "num" }, weight, el("span", { className: "stored-changed" })),
        el("td", {},
          button("Save", () => act(row, () => client.call("items.update", { id: item.id, name: name.value, weight: Number(weight.value) }))),
          button("Delete", () => {
            if (confirm(`Delete the item "${row.record.name}"? It leaves every inventory that holds it.`)) act(row, () => client.call("items.delete", { id: item.id }));
          }),
          rowError()));
      row.fields = { name, weight };
      return row;
    },
    update: (row, item) => {
      showStored(row.fields.name, row.fields.name.nextElementSibling, item.name);
      showStored(row.fields.weight, row.fields.weight.nextElementSibling, item.weight);
    },
  });
}

function showInventories(inventories) {
  const nameOf = (id) => users.find((u) => u.id === id)?.username ?? `user ${id}`;
  const itemName = (id) => items.find((i) => i.id === id)?.name ?? `item ${id}`;
  syncRows($("inventories"), inventories, {
    key: (inventory) => inventory.id,
    create: (inventory) => {
      const choice = el("select", { "aria-label": `item to add to inventory ${inventory.id}` });
      const row = el("tr", { dataset: { inventory: inventory.id } },
        el("td", { textContent: inventory.id }), el("td"), el("td"),
        el("td", {}, choice, button("Add", () => act(row, () =>
          client.call("inventories.add_item", { inventory: inventory.id, item: Number(choice.value) }))), rowError()));
      row.fields = { choice };
      return row;
    },
    update: (row, inventory) => {
      row.cells[1].textContent = nameOf(inventory.user);
      row.cells[2].replaceChildren(...inventory.items.map((id) => el("span", { className: "chip" }, itemName(id),
        button("×", () => {
          if (confirm(`Take "${itemName(id)}" out of ${nameOf(inventory.user)}'s inventory?`)) act(row, () => client.call("inventories.remove_item", { inventory: inventory.id, item: id }));
        }, { title: "Remove" }))));
      showOptions(row.fields.choice, items.filter((i) => !inventory.items.includes(i.id)).map((i) => ({ value: i.id, label: `${i.name} (${i.weight} kg)` })));
    },
  });
}

function showUsers() {
  syncRows($("users"), users, {
    key: (user) => user.id,
    create: (user) => {
      const admin = el("input", { type: "checkbox", "aria-label": `${user.username} is admin` });
      const row = el("tr", { dataset: { user: user.id } },
        el("td", { textContent: user.id }),
        el("td", { textContent: user.username }),
        el("td", {}, el("span", { className: "role" }), " ", admin),
        el("td", {}, button("Reset password", () => {
          const password = prompt(`New password for ${user.username} (8 characters or more). Every device of ${user.username} is logged out.`);
          if (password) act(row, () => client.call("users.set_password", { id: user.id, password }));
        }), rowError()));
      // The click ticks the box at once; a refused change puts it back to what is stored.
      admin.onchange = async () => {
        const done = await act(row, () => client.call("users.set_admin", { id: user.id, is_admin: admin.checked }));
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
}

function showPlayers(players) {
  syncRows($("players"), players, {
    key: (player) => player.id,
    create: () => el("tr", {}, el("td"), el("td"), el("td"), el("td")),
    update: (row, player) => {
      row.cells[0].textContent = player.id;
      row.cells[1].textContent = player.username;
      row.cells[2].textContent = `(${player.position_x.toFixed(1)}, ${player.position_y.toFixed(1)})`;
      row.cells[3].textContent = player.online ? "online" : "offline";
    },
  });
}

function showMonsters(monsters) {
  const transitions = ["attack", "wander", "evade", "look_for_aid"];
  syncRows($("monsters"), monsters, {
    key: (monster) => monster.id,
    create: (monster) => {
      const health = el("input", { type: "number", min: "0", step: "1", "aria-label": `health of monster ${monster.id}` });
      const transition = el("select", { "aria-label": `transition for monster ${monster.id}` }, ...transitions.map((t) => el("option", { value: t, textContent: t })));
      const target = el("select", { "aria-label": `user to attack for monster ${monster.id}` });
      const row = el("tr", { dataset: { monster: monster.id } },
        el("td", { textContent: monster.id }),
        el("td"),
        el("td", { className: "num" }, health, button("Save", () => act(row, () =>
          client.call("monsters.update", { id: monster.id, health_points: Number(health.value) }))), el("span", { className: "stored-changed" })),
        el("td"),
        el("td"),
        el("td", {}, transition, target, button("Apply", () => act(row, () =>
          client.call("monsters.transition", { id: monster.id, transition: transition.value, ...(transition.value === "attack" ? { user: Number(target.value) } : {}) }))), rowError()));
      row.fields = { health, target };
      return row;
    },
    update: (row, monster) => {
      row.cells[1].textContent = `${monster.state_display} (${monster.state_code})`;
      showStored(row.fields.health, row.cells[2].querySelector(".stored-changed"), monster.health_points);
      row.cells[3].textContent = `(${monster.position_x.toFixed(1)}, ${monster.position_y.toFixed(1)})`;
      row.cells[4].textContent = users.find((u) => u.id === monster.user_being_attacked)?.username ?? "";
      showOptions(row.fields.target, users.map((u) => ({ value: u.id, label: u.username })));
    },
  });
}

await client.connect().catch(() => {});
