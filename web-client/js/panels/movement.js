// Players in the world: the list, the own position, and moving by keys, buttons or the touch pad.
import { $, element } from "../dom.js";
import { applyPlayerEntries } from "../playerentries.js";
import { ErrorCodes, Methods } from "../protocol.js";

const STEPS = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };
const KEYS = { ArrowUp: "up", KeyW: "up", ArrowDown: "down", KeyS: "down", ArrowLeft: "left", KeyA: "left", ArrowRight: "right", KeyD: "right" };

/** @param {{ onMoved?: () => void }} hooks onMoved: after each of the own moves the server applied. */
export function wireMovement(client, world, { onMoved = () => {} } = {}) {
  const show = () => showPlayers(world);
  client.addEventListener(Methods.PlayersUpdated, ({ detail }) => {
    // Entries may be partial (the id and what changed): merged into the players already shown.
    applyPlayerEntries(world.players, detail.players);
    show();
  });
  client.addEventListener(Methods.PlayersLeftView, ({ detail }) => {
    for (const id of detail.ids) world.players.delete(id);
    show();
  });

  async function move(direction) {
    const [dx, dy] = STEPS[direction];
    try {
      const position = await client.call(Methods.PlayersMove, { dx, dy });
      const me = world.myPlayer();
      if (me) Object.assign(me, position);
      show();
      onMoved();
    } catch (error) {
      if (error.code !== ErrorCodes.RateLimited) console.warn("move refused", error);
    }
  }

  // Left moves left: the original page had its left button move right. A tap on a phone is a click.
  for (const button of document.querySelectorAll("[data-move]")) {
    button.addEventListener("click", () => move(button.dataset.move));
  }
  document.addEventListener("keydown", (event) => {
    const direction = KEYS[event.code];
    if (!direction || world.me === null || client.state !== "connected" || event.target.closest("input, textarea")) return;
    event.preventDefault();
    move(direction);
  });

  return {
    async join() {
      const { players } = await client.call(Methods.PlayersSubscribe);
      world.players.clear();
      for (const player of players) world.players.set(player.id, player);
      show();
    },
  };
}

function showPlayers(world) {
  world.draw();
  const sorted = [...world.players.values()].sort((a, b) => a.username.localeCompare(b.username));
  $("players").replaceChildren(...sorted.map((player) => {
    const item = element("li", { className: `${player.online ? "online" : "offline"}${player.user === world.me ? " me" : ""}` },
      element("bdi", {}, player.username), ` (${player.position_x.toFixed(1)}, ${player.position_y.toFixed(1)})`);
    item.dataset.user = player.user;
    item.dataset.x = player.position_x;
    item.dataset.y = player.position_y;
    return item;
  }));
  const me = sorted.find((p) => p.user === world.me);
  $("position").textContent = me ? `you are at (${me.position_x.toFixed(1)}, ${me.position_y.toFixed(1)})` : "";
  if (me) {
    $("position").dataset.x = me.position_x;
    $("position").dataset.y = me.position_y;
  }
}
