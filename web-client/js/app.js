import { GameClient, applyPlayerEntries } from "./gameclient.js";
import { WorldView } from "./world.js";

const $ = (id) => document.getElementById(id);
const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
const client = new GameClient(wsUrl, { token: sessionStorage.getItem("gameserver.token") });
const items = new Map();
const world = new WorldView($("world"));
const STEPS = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };
const SIGNED_OUT = {
  logout: "You were signed out: you logged out on another tab or device.",
  password_reset: "You were signed out: your password was changed.",
  expired: "You were signed out: your session expired. Please log in again.",
  token_refused: "You were signed out while away: your password was changed, or you logged out elsewhere. Please log in again.",
};
const KEYS = { ArrowUp: "up", KeyW: "up", ArrowDown: "down", KeyS: "down", ArrowLeft: "left", KeyA: "left", ArrowRight: "right", KeyD: "right" };

// Cut off, the page shows the world as it was, greyed, with its controls off and a way to retry at
// once; back, the error lines the lost connection left are cleared.
client.addEventListener("state", ({ detail }) => {
  $("connection").textContent = detail.state;
  $("connection").className = `badge ${detail.state}`;
  const stale = detail.state === "reconnecting";
  document.body.classList.toggle("stale", stale);
  $("stale-banner").hidden = !stale;
  for (const control of document.querySelectorAll("[data-move], #chat-form input, #chat-form button, #ping")) control.disabled = stale;
  if (detail.state === "connected") {
    for (const line of document.querySelectorAll(".error")) line.textContent = "";
  }
});

$("retry-now").addEventListener("click", () => client.retryNow());

client.addEventListener("session", async ({ detail }) => {
  if (detail.token) sessionStorage.setItem("gameserver.token", detail.token);
  else sessionStorage.removeItem("gameserver.token");
  const signedIn = Boolean(detail.user);
  $("who").textContent = signedIn ? `${detail.user.username}${detail.user.is_admin ? " (admin)" : ""}` : "";
  if (detail.changed) return; // rights changed by an admin: still the same player in the same world
  $("logout").hidden = !signedIn;
  $("login-panel").hidden = signedIn;
  $("inventory-panel").hidden = !signedIn;
  $("world-panel").hidden = !signedIn;
  $("chat-panel").hidden = !signedIn;
  world.me = detail.user?.id ?? null;
  showServerInfo();
  if (signedIn) $("login-error").textContent = "";
  else if (detail.reason) $("login-error").textContent = SIGNED_OUT[detail.reason] ?? "You were signed out.";
  if (signedIn) await Promise.all([loadInventory(), joinWorld(), joinChat(), watchMonsters()]);
});

client.addEventListener("players.updated", ({ detail }) => {
  // Entries may be partial (the id and what changed): merged into the players already shown.
  applyPlayerEntries(world.players, detail.players);
  showPlayers();
});

client.addEventListener("players.left_view", ({ detail }) => {
  for (const id of detail.ids) world.players.delete(id);
  showPlayers();
});

client.addEventListener("inventory.item_added", ({ detail }) => {
  items.set(detail.item.id, detail.item);
  renderInventory(detail.item.id);
});

client.addEventListener("inventory.item_changed", ({ detail }) => {
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
  for (const id of ["login-error", "username-error", "password-error"]) $(id).textContent = "";
  try {
    if (action === "register") await client.register(form.get("username"), form.get("password"));
    else await client.login(form.get("username"), form.get("password"));
  } catch (error) {
    const { field, sentence } = explainLoginError(error);
    $(field ? `${field}-error` : "login-error").textContent = sentence;
  }
});

/** A refused login or registration as a plain sentence, and the field it concerns (or none). */
function explainLoginError(error) {
  const field = error.data?.field;
  if (error.code === -32009 && field === "username") return { field, sentence: "That name is taken: pick another." };
  if (error.code === -32602 && field === "username") return { field, sentence: "A name is 3 to 32 letters, digits, _ . or -, and nothing else." };
  if (error.code === -32602 && field === "password") return { field, sentence: "A password needs 8 to 1024 characters." };
  if (error.code === -32001) return { sentence: "Wrong username or password." };
  if (error.code === -32029) {
    const seconds = Math.ceil((error.data?.retry_after_ms ?? 1000) / 1000);
    return { sentence: `Too many attempts: try again in ${seconds} s.` };
  }
  if (error.timedOut) return { sentence: "The server did not answer: try again." };
  return { sentence: `Something went wrong: ${error.message}.` };
}

$("logout").addEventListener("click", () => client.logout());

client.addEventListener("chat.message", ({ detail }) => showChat([detail]));

$("chat-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = event.target.elements.text;
  $("chat-error").textContent = "";
  try {
    await client.call("chat.send", { text: input.value });
    input.value = "";
  } catch (error) {
    $("chat-error").textContent = error.code === -32029 ? "Slow down: too many messages." : error.message;
  }
});

async function joinChat() {
  $("chat-messages").replaceChildren();
  const { messages } = await client.call("chat.subscribe");
  showChat(messages);
}

function showChat(messages) {
  const list = $("chat-messages");
  for (const message of messages) {
    if (list.querySelector(`[data-id="${message.id}"]`)) continue;
    const item = document.createElement("li");
    item.dataset.id = message.id;
    const from = document.createElement("span");
    from.className = "from";
    from.textContent = message.username;
    const time = document.createElement("time");
    time.dateTime = message.at;
    time.textContent = new Date(message.at).toLocaleTimeString();
    item.append(from, message.text, time);
    list.append(item);
  }
  list.scrollTop = list.scrollHeight;
}

// Left moves left: the original page had its left button move right.
for (const button of document.querySelectorAll("[data-move]")) {
  button.addEventListener("click", () => move(button.dataset.move));
}

client.addEventListener("monsters.updated", ({ detail }) => {
  for (const monster of detail.monsters) world.monsters.set(monster.id, monster);
  world.draw();
});

client.addEventListener("monsters.removed", ({ detail }) => {
  for (const id of detail.ids) world.monsters.delete(id);
  world.draw();
});

// The defeat arrives just before the strike's answer: the answer must not overwrite it (see strike).
let lastDefeat = null;
client.addEventListener("monsters.defeated", ({ detail }) => {
  lastDefeat = detail;
  world.monsters.delete(detail.monster);
  world.draw();
  $("defeats").textContent = detail.defeats;
  $("combat").textContent = `You defeated monster ${detail.monster}! (${detail.defeats} in all)`;
});

$("world").addEventListener("click", (event) => {
  const canvas = event.currentTarget;
  const bounds = canvas.getBoundingClientRect();
  const x = ((event.clientX - bounds.left) / bounds.width) * canvas.width;
  const y = ((event.clientY - bounds.top) / bounds.height) * canvas.height;
  const monster = world.monsterAt(x, y);
  if (monster) strike(monster.id);
});

async function watchMonsters() {
  const { monsters, defeats } = await client.call("monsters.subscribe");
  $("defeats").textContent = defeats;
  world.monsters.clear();
  for (const monster of monsters) world.monsters.set(monster.id, monster);
  world.draw();
}

/** Strikes the given monster, or with no id the nearest one. */
async function strike(id) {
  const me = [...world.players.values()].find((p) => p.user === world.me);
  if (!id && me) {
    const nearest = [...world.monsters.values()]
      .map((m) => ({ m, d: Math.hypot(m.position_x - me.position_x, m.position_y - me.position_y) }))
      .sort((a, b) => a.d - b.d)[0];
    id = nearest?.m.id;
  }
  if (!id) return;
  try {
    const monster = await client.call("monsters.hit", { id });
    if (monster.health_points === 0) {
      // Defeated: monsters.defeated has said so (with the count); keep its line.
      if (lastDefeat?.monster !== monster.id) $("combat").textContent = `You defeated monster ${monster.id}!`;
      return;
    }
    $("combat").classList.remove("error");
    world.monsters.set(monster.id, monster);
    world.draw();
    $("combat").textContent = `Hit monster ${monster.id}: ${monster.health_points} health left, ${monster.state_display}.`;
  } catch (error) {
    $("combat").textContent = error.code === -32003 ? "Too far away: walk closer." : error.code === -32029 ? "Not so fast." : error.message;
    $("combat").classList.add("error");
  }
}

document.addEventListener("keydown", (event) => {
  if (event.code === "KeyF" && world.me && client.state === "connected" && !event.target.closest("input, textarea")) {
    event.preventDefault();
    strike();
    return;
  }
  const direction = KEYS[event.code];
  if (!direction || !world.me || client.state !== "connected" || event.target.closest("input, textarea")) return;
  event.preventDefault();
  move(direction);
});

async function move(direction) {
  const [dx, dy] = STEPS[direction];
  try {
    const position = await client.call("players.move", { dx, dy });
    const me = [...world.players.values()].find((p) => p.user === world.me);
    if (me) Object.assign(me, position);
    showPlayers();
  } catch (error) {
    if (error.code !== -32029) console.warn("move refused", error);
  }
}

async function joinWorld() {
  const { players } = await client.call("players.subscribe");
  world.players.clear();
  for (const player of players) world.players.set(player.id, player);
  showPlayers();
}

function showPlayers() {
  world.draw();
  const sorted = [...world.players.values()].sort((a, b) => a.username.localeCompare(b.username));
  $("players").replaceChildren(...sorted.map((player) => {
    const item = document.createElement("li");
    item.dataset.user = player.user;
    item.dataset.x = player.position_x;
    item.dataset.y = player.position_y;
    item.className = `${player.online ? "online" : "offline"}${player.user === world.me ? " me" : ""}`;
    item.textContent = `${player.username} (${player.position_x.toFixed(1)}, ${player.position_y.toFixed(1)})`;
    return item;
  }));
  const me = sorted.find((p) => p.user === world.me);
  $("position").textContent = me ? `you are at (${me.position_x.toFixed(1)}, ${me.position_y.toFixed(1)})` : "";
  if (me) {
    $("position").dataset.x = me.position_x;
    $("position").dataset.y = me.position_y;
  }
}

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
  // system.info needs a login; before it, a ping says whether the server is there.
  if (!client.user) {
    try {
      await client.call("system.ping");
      $("server-info").textContent = "connected; log in to see the server's figures";
    } catch {
      $("server-info").textContent = "not connected";
    }
    return;
  }
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
