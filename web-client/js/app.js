// The game page: one client, one world view, and the panels, each in js/panels/. This file only
// wires them together; what each panel does is in its own module.
import { $ } from "./dom.js";
import { GameClient } from "./gameclient.js";
import { Methods } from "./protocol.js";
import { failoverOrder } from "./reconnect.js";
import { WorldView } from "./world.js";
import { wireBoards } from "./panels/boards.js";
import { wireChat } from "./panels/chat.js";
import { wireCombat } from "./panels/combat.js";
import { showServerInfo, wireConnection } from "./panels/connection.js";
import { wireInventory } from "./panels/inventory.js";
import { showSignedIn, wireLogin } from "./panels/login.js";
import { wireMovement } from "./panels/movement.js";

const TOKEN_KEY = "gameserver.token";
const ownUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
// The game's other nodes (Cluster:ClientUrls), from the node that served the page, to go on on when this one
// is lost; without an answer (a server of before the list) the page keeps to its own node.
const listed = await fetch("/cluster/client-urls").then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
const client = new GameClient(failoverOrder(ownUrl, listed.urls ?? []), { token: sessionStorage.getItem(TOKEN_KEY) });
const world = new WorldView($("world"));

wireConnection(client);
wireLogin(client);
const boards = wireBoards(client);
const panels = [
  wireInventory(client),
  wireMovement(client, world, { onMoved: () => boards.ownScoreChanged("distance_walked") }),
  wireCombat(client, world, { onDefeat: () => boards.ownScoreChanged("monsters_defeated") }),
  wireChat(client),
  boards,
];
client.addEventListener(Methods.InventoryItemAdded, () => boards.ownScoreChanged("gifts_received"));

client.addEventListener("session", async ({ detail }) => {
  if (detail.token) sessionStorage.setItem(TOKEN_KEY, detail.token);
  else sessionStorage.removeItem(TOKEN_KEY);
  showSignedIn(detail);
  if (detail.changed) return;
  world.me = detail.user?.id ?? null;
  world.draw();
  showServerInfo(client);
  if (detail.user) await Promise.all(panels.map((panel) => panel.join()));
});

await client.connect().catch(() => {});
await showServerInfo(client);
setInterval(() => showServerInfo(client), 5000);
