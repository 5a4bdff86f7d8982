// Monsters and fights: strikes (click or tap a monster, F, or the strike button), the combat log,
// the defeat count, and which monsters attack the own player (a ring on the canvas, a log line).
import { $, element } from "../dom.js";
import { ErrorCodes, Methods } from "../protocol.js";

// The log keeps the latest lines only: a long fight never grows the page.
const LOG_LINES = 50;

/** @param {{ onDefeat?: () => void }} hooks onDefeat: after each monster the own player defeated. */
export function wireCombat(client, world, { onDefeat = () => {} } = {}) {
  let attackers = new Set();
  // The defeat arrives just before the strike's answer: the answer must not log it twice (see strike).
  let lastDefeat = null;

  /** Logs the monsters that started or stopped attacking the own player, and shows the count. */
  function noticeAttacks() {
    const now = new Set(world.attackersOfMe().map((m) => m.id));
    for (const id of now) if (!attackers.has(id)) log(`Monster ${id} attacks you!`, "attacked");
    for (const id of attackers) if (!now.has(id)) log(`Monster ${id} stopped attacking you.`);
    attackers = now;
    const badge = $("under-attack");
    badge.hidden = now.size === 0;
    badge.textContent = now.size === 1 ? "under attack by 1 monster" : `under attack by ${now.size} monsters`;
    world.draw();
  }

  client.addEventListener(Methods.MonstersUpdated, ({ detail }) => {
    for (const monster of detail.monsters) world.monsters.set(monster.id, monster);
    noticeAttacks();
  });
  client.addEventListener(Methods.MonstersRemoved, ({ detail }) => {
    for (const id of detail.ids) world.monsters.delete(id);
    noticeAttacks();
  });
  client.addEventListener(Methods.MonstersDefeated, ({ detail }) => {
    lastDefeat = detail;
    world.monsters.delete(detail.monster);
    $("defeats").textContent = detail.defeats;
    log(`You defeated monster ${detail.monster}! (${detail.defeats} in all)`, "defeat");
    noticeAttacks();
    onDefeat();
  });

  /** Strikes the given monster, or with no id the nearest one. */
  async function strike(id) {
    const me = world.myPlayer();
    if (!id && me) {
      const nearest = [...world.monsters.values()]
        .map((m) => ({ m, d: Math.hypot(m.position_x - me.position_x, m.position_y - me.position_y) }))
        .sort((a, b) => a.d - b.d)[0];
      id = nearest?.m.id;
    }
    if (!id) {
      log("No monster to strike.", "error");
      return;
    }
    try {
      const monster = await client.call(Methods.MonstersHit, { id });
      if (monster.health_points === 0) {
        // Defeated: monsters.defeated has said so (with the count); do not say it twice.
        if (lastDefeat?.monster !== monster.id) log(`You defeated monster ${monster.id}!`, "defeat");
        return;
      }
      world.monsters.set(monster.id, monster);
      noticeAttacks();
      log(`Hit monster ${monster.id}: ${monster.health_points} health left, ${monster.state_display}.`);
    } catch (error) {
      const sentence = error.code === ErrorCodes.Forbidden ? "Too far away: walk closer."
        : error.code === ErrorCodes.RateLimited ? "Not so fast." : error.message;
      log(sentence, "error");
    }
  }

  $("world").addEventListener("click", (event) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const monster = world.monsterAt(event.clientX - bounds.left, event.clientY - bounds.top);
    if (monster) strike(monster.id);
  });
  $("strike").addEventListener("click", () => strike());
  document.addEventListener("keydown", (event) => {
    if (event.code !== "KeyF" || world.me === null || client.state !== "connected" || event.target.closest("input, textarea")) return;
    event.preventDefault();
    strike();
  });

  return {
    async join() {
      const { monsters, defeats } = await client.call(Methods.MonstersSubscribe);
      $("defeats").textContent = defeats;
      world.monsters.clear();
      for (const monster of monsters) world.monsters.set(monster.id, monster);
      attackers = new Set();
      noticeAttacks();
    },
  };
}

/** Adds a line to the combat log, dropping the oldest beyond LOG_LINES, and keeps the latest in view. */
function log(text, kind = "") {
  const list = $("combat");
  const time = new Date().toLocaleTimeString();
  list.append(element("li", kind ? { className: kind } : {}, element("time", {}, time), " ", text));
  while (list.children.length > LOG_LINES) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}
