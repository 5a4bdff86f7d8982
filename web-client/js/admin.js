// The admin dashboard: everything it shows or changes goes through the JSON-RPC protocol with the
// admin's token, and the server refuses non-admins whatever this page shows. This module composes
// the tabs (one module each) and owns the connection, the refresh and the stale view.
import { GameClient } from "./gameclient.js";
import { ErrorCodes, Methods } from "./protocol.js";
import { $, explain } from "./admin-dom.js";
import { createServerPanel } from "./admin-server.js";
import { createItemsPanel } from "./admin-items.js";
import { createInventoriesPanel } from "./admin-inventories.js";
import { createUsersPanel } from "./admin-users.js";
import { createMonstersPanel, createPlayersPanel } from "./admin-world.js";
import { createAnalyticsPanel } from "./admin-analytics.js";

const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
// Not in the world: the dashboard is a tool, and must not put the admin's player online where monsters attack it.
const client = new GameClient(wsUrl, { token: sessionStorage.getItem("gameserver.admin.token"), inWorld: false });
const REFRESH_MS = 2000;
let refreshTimer = null;
let activeTab = "server";

/** What every panel is given: the client, the way to act on a row, the users (for names) and the item cache. */
const dash = { client, act, refresh, users: [], items: new Map() };
const panels = {
  server: createServerPanel(dash),
  items: createItemsPanel(dash),
  inventories: createInventoriesPanel(dash),
  users: createUsersPanel(dash),
  monsters: createMonstersPanel(dash),
  players: createPlayersPanel(dash),
  analytics: createAnalyticsPanel(dash),
};

/**
 * Runs an admin call, showing its error where it belongs (`where`: a row, whose .row-error line
 * gets it, or the id of a panel's error line), and refreshes; true when the call succeeded.
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

let running = null;
let again = false;

/** Loads the open tab again; a refresh asked for while one runs runs once more after it, never alongside. */
function refresh() {
  if (!client.user?.is_admin) return Promise.resolve();
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await refreshOpenTab();
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

async function refreshOpenTab() {
  const panel = panels[activeTab];
  try {
    if (panel.needsUsers) dash.users = await client.call(Methods.UsersList);
    await panel.refresh();
  } catch (error) {
    // Rights gone without the notice (it is on its way): show the view the server now gives.
    if (error.code === ErrorCodes.Forbidden) showView({ ...client.user, is_admin: false });
    // Anything else (the connection lost) is what the stale view says; the next refresh tries again.
  }
}

function openTab(name) {
  if (!panels[name]) return;
  activeTab = name;
  for (const tab of document.querySelectorAll("[data-tab]")) tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll("[data-panel]")) panel.hidden = panel.dataset.panel !== name;
  if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
  panels[name].opened?.();
  refresh();
}

for (const tab of document.querySelectorAll("[data-tab]")) tab.addEventListener("click", () => openTab(tab.dataset.tab));

// Cut off, the dashboard shows the data as it was, greyed, with its controls off (one disabled
// fieldset) and a way to retry at once; as the game page does.
client.addEventListener("state", ({ detail }) => {
  $("connection").textContent = detail.state;
  $("connection").className = `badge ${detail.state}`;
  const stale = detail.state === "reconnecting";
  document.body.classList.toggle("stale", stale);
  $("stale-banner").hidden = !stale;
  $("controls").disabled = stale;
  // Errors of calls the lost connection failed are old news once it is back.
  if (detail.state === "connected") for (const line of document.querySelectorAll("#dashboard .error")) line.textContent = "";
});
$("retry-now").addEventListener("click", () => client.retryNow());

// Also raised when an admin grants or revokes this user's rights (auth.user_changed): a revoked
// admin's dashboard switches to "Admins only" at once instead of failing every refresh. A resume
// after a reconnect raises it too, and the tables are loaded again.
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
  for (const panel of Object.values(panels)) panel.reset?.();
  if (user?.is_admin) {
    openTab(location.hash.slice(1) in panels ? location.hash.slice(1) : activeTab);
    // Tabs whose data moves on their own are reloaded; analytics, a report, when asked.
    refreshTimer = setInterval(() => {
      if (client.state === "connected" && panels[activeTab].live !== false) refresh();
    }, REFRESH_MS);
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
// Shipped disabled: nothing is sent before this handler listens.
for (const button of $("login-form").querySelectorAll("button")) button.disabled = false;

await client.connect().catch(() => {});
