import { GameClient } from "./gameclient.js";

const $ = (id) => document.getElementById(id);
const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
const client = new GameClient(wsUrl, { token: sessionStorage.getItem("gameserver.token") });
const items = new Map();

client.addEventListener("state", ({ detail }) => {
  $("connection").textContent = detail.state;
  $("connection").className = `badge ${detail.state}`;
});

client.addEventListener("session", async ({ detail }) => {
  if (detail.token) sessionStorage.setItem("gameserver.token", detail.token);
  else sessionStorage.removeItem("gameserver.token");
  const signedIn = Boolean(detail.user);
  $("who").textContent = signedIn ? `${detail.user.username}${detail.user.is_admin ? " (admin)" : ""}` : "";
  $("logout").hidden = !signedIn;
  $("login-panel").hidden = signedIn;
  $("inventory-panel").hidden = !signedIn;
  if (signedIn) await loadInventory();
});

client.addEventListener("inventory.item_added", ({ detail }) => {
  items.set(detail.item.id, detail.item);
  renderInventory(detail.item.id);
});

client.addEventListener("inventory.item_removed", ({ detail }) => {
  items.delete(detail.item);
  renderInventory();
});

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const action = event.submitter?.value ?? "login";
  $("login-error").textContent = "";
  try {
    if (action === "register") await client.register(form.get("username"), form.get("password"));
    else await client.login(form.get("username"), form.get("password"));
  } catch (error) {
    $("login-error").textContent = error.message;
  }
});

$("logout").addEventListener("click", () => client.logout());

$("ping").addEventListener("click", async () => {
  const started = performance.now();
  const { time } = await client.call("system.ping");
  $("ping-result").textContent = `${(performance.now() - started).toFixed(1)} ms (server clock ${time})`;
});

async function loadInventory() {
  const mine = await client.call("inventory.mine");
  items.clear();
  for (const item of mine.items) items.set(item.id, item);
  renderInventory();
}

function renderInventory(freshId) {
  const rows = [...items.values()].sort((a, b) => a.weight - b.weight || a.id - b.id);
  $("inventory-items").replaceChildren(...rows.map((item) => {
    const row = document.createElement("tr");
    if (item.id === freshId) row.className = "fresh";
    const name = document.createElement("td");
    name.textContent = item.name;
    const weight = document.createElement("td");
    weight.className = "num";
    weight.textContent = item.weight.toFixed(1);
    row.append(name, weight);
    return row;
  }));
  $("inventory-total").textContent = rows.reduce((sum, item) => sum + item.weight, 0).toFixed(1);
}

async function showServerInfo() {
  try {
    const info = await client.call("system.info");
    $("server-info").textContent = `${info.name} ${info.version}, up ${info.uptime_s} s, ${info.connections} connection(s)`;
  } catch {
    $("server-info").textContent = "not connected";
  }
}

await client.connect().catch(() => {});
await showServerInfo();
setInterval(showServerInfo, 5000);
