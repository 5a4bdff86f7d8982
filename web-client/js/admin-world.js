// The Monsters and Players tabs: the world as the server holds it, with the monsters' controls.
import { Methods } from "./protocol.js";
import { $, button, el, rowError } from "./admin-dom.js";
import { showOptions, showStored, syncRows } from "./admin-rows.js";

const TRANSITIONS = ["attack", "wander", "evade", "look_for_aid"];

export function createMonstersPanel(dash) {
  const { client, act } = dash;
  let shown = "";
  const show = (monsters) => syncRows($("monsters"), monsters, {
    key: (monster) => monster.id,
    create: (monster) => {
      const health = el("input", { type: "number", min: "0", step: "1", "aria-label": `health of monster ${monster.id}` });
      const transition = el("select", { "aria-label": `transition for monster ${monster.id}` }, ...TRANSITIONS.map((t) => el("option", { value: t, textContent: t })));
      const target = el("select", { "aria-label": `user to attack for monster ${monster.id}` });
      const row = el("tr", { dataset: { monster: monster.id } },
        el("td", { textContent: monster.id }),
        el("td"),
        el("td", { className: "num" }, health, button("Save", () => act(row, () =>
          client.call(Methods.MonstersUpdate, { id: monster.id, health_points: Number(health.value) }))), el("span", { className: "stored-changed" })),
        el("td"),
        el("td"),
        el("td", {}, transition, target, button("Apply", () => act(row, () =>
          client.call(Methods.MonstersTransition, { id: monster.id, transition: transition.value, ...(transition.value === "attack" ? { user: Number(target.value) } : {}) }))), rowError()));
      row.fields = { health, target };
      return row;
    },
    update: (row, monster) => {
      row.cells[1].textContent = `${monster.state_display} (${monster.state_code})`;
      showStored(row.fields.health, row.cells[2].querySelector(".stored-changed"), monster.health_points);
      row.cells[3].textContent = `(${monster.position_x.toFixed(1)}, ${monster.position_y.toFixed(1)})`;
      row.cells[4].textContent = dash.users.find((u) => u.id === monster.user_being_attacked)?.username ?? "";
      showOptions(row.fields.target, dash.users.map((u) => ({ value: u.id, label: u.username })));
    },
  });
  return {
    needsUsers: true,
    async refresh() {
      const monsters = await client.call(Methods.MonstersList);
      const signature = JSON.stringify([monsters, dash.users]);
      if (signature === shown) return;
      shown = signature;
      show(monsters);
    },
    reset() { shown = ""; },
  };
}

export function createPlayersPanel({ client }) {
  let shown = "";
  return {
    async refresh() {
      const players = await client.call(Methods.PlayersList);
      const signature = JSON.stringify(players);
      if (signature === shown) return;
      shown = signature;
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
    },
    reset() { shown = ""; },
  };
}
