// Draws the world on a canvas: players (own highlighted, names shown, offline dimmed) and monsters
// (coloured by state, with a health bar); a ring round the own player while monsters attack it. The
// server is the authority; this only shows its state.

export const MONSTER_COLOURS = Object.freeze({
  wandering: "#2f7d32",
  attacking: "#c62828",
  evading: "#f9a825",
  looking_for_aid: "#6a1b9a",
});

/** The ring drawn round the own player while it is attacked, and the lines to its attackers. */
export const UNDER_ATTACK_COLOUR = "#ff1744";
export const UNDER_ATTACK_RADIUS = 14;

const LABEL_HEIGHT = 11;
const LABEL_MARGIN = 2;

/**
 * Where a name is drawn (its centre x and baseline y) for a player drawn at (x, y): above the dot,
 * or below it at the top edge, and always wholly inside the canvas, so a name at the map's edge is
 * never cut off.
 */
export function labelPosition(x, y, textWidth, width, height) {
  const half = textWidth / 2;
  const centre = Math.min(Math.max(x, half + LABEL_MARGIN), Math.max(half + LABEL_MARGIN, width - half - LABEL_MARGIN));
  const above = y - 12;
  const baseline = above - LABEL_HEIGHT < 0 ? y + 12 + LABEL_HEIGHT : above;
  return [centre, Math.min(baseline, height - LABEL_MARGIN)];
}

export class WorldView {
  #canvas;
  #context;
  #size;
  #pending = false;

  constructor(canvas, { width = 100, height = 100 } = {}) {
    this.#canvas = canvas;
    this.#context = canvas.getContext("2d");
    this.#size = { width, height };
    this.players = new Map();
    this.monsters = new Map();
    this.me = null;
    // The canvas is as large as the page lets it be (a phone, a wide screen): its pixels follow its
    // size on screen, at the screen's density, so it is never stretched or blurred.
    if (globalThis.ResizeObserver) new ResizeObserver(() => this.#fitToScreen()).observe(canvas);
  }

  resize(width, height) {
    this.#size = { width, height };
    this.draw();
  }

  /** The monsters attacking the own player now. */
  attackersOfMe() {
    if (this.me === null) return [];
    return [...this.monsters.values()].filter((m) => m.state === "attacking" && m.user_being_attacked === this.me);
  }

  /** The own player, if it is in view. */
  myPlayer() {
    return [...this.players.values()].find((p) => p.user === this.me);
  }

  /** Schedules one redraw on the next animation frame, however many updates arrive before it. */
  draw() {
    if (this.#pending) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.#render();
    });
  }

  /** The monster drawn at a point given in CSS pixels from the canvas's top left, for clicks and taps. */
  monsterAt(cssX, cssY) {
    for (const monster of this.monsters.values()) {
      const [x, y] = this.#toCanvas(monster.position_x, monster.position_y);
      if (Math.hypot(x - cssX, y - cssY) <= 14) return monster;
    }
    return null;
  }

  #fitToScreen() {
    const ratio = globalThis.devicePixelRatio || 1;
    const width = Math.round(this.#canvas.clientWidth * ratio);
    const height = Math.round(this.#canvas.clientHeight * ratio);
    if (width === 0 || height === 0 || (width === this.#canvas.width && height === this.#canvas.height)) return;
    this.#canvas.width = width;
    this.#canvas.height = height;
    this.draw();
  }

  // Drawing is in CSS pixels: the context is scaled by the ratio of the canvas's pixels to them.
  #cssSize() {
    return [this.#canvas.clientWidth || this.#canvas.width, this.#canvas.clientHeight || this.#canvas.height];
  }

  #toCanvas(x, y) {
    const [width, height] = this.#cssSize();
    return [(x / this.#size.width) * width, (y / this.#size.height) * height];
  }

  #render() {
    const ctx = this.#context;
    const [width, height] = this.#cssSize();
    ctx.setTransform(this.#canvas.width / width, 0, 0, this.#canvas.height / height, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = `${LABEL_HEIGHT}px system-ui, sans-serif`;
    ctx.textAlign = "center";

    for (const monster of this.monsters.values()) this.#drawMonster(monster);
    for (const player of this.players.values()) this.#drawPlayer(player, width, height);
    this.#drawAttacks();
  }

  #drawMonster(monster) {
    const ctx = this.#context;
    const [x, y] = this.#toCanvas(monster.position_x, monster.position_y);
    ctx.fillStyle = MONSTER_COLOURS[monster.state] ?? "#555";
    ctx.beginPath();
    ctx.moveTo(x, y - 9);
    ctx.lineTo(x + 9, y + 7);
    ctx.lineTo(x - 9, y + 7);
    ctx.closePath();
    ctx.fill();
    const health = Math.max(0, Math.min(1, monster.health_points / 10));
    ctx.fillStyle = "#00000033";
    ctx.fillRect(x - 10, y + 10, 20, 3);
    ctx.fillStyle = health > 0.5 ? "#2e7d32" : health > 0.2 ? "#f9a825" : "#c62828";
    ctx.fillRect(x - 10, y + 10, 20 * health, 3);
  }

  #drawPlayer(player, width, height) {
    const ctx = this.#context;
    const [x, y] = this.#toCanvas(player.position_x, player.position_y);
    const mine = player.user === this.me;
    ctx.globalAlpha = player.online ? 1 : 0.35;
    ctx.fillStyle = mine ? "#1565c0" : "#37474f";
    ctx.beginPath();
    ctx.arc(x, y, mine ? 8 : 6, 0, Math.PI * 2);
    ctx.fill();
    if (mine) {
      ctx.strokeStyle = "#ffb300";
      ctx.lineWidth = 3;
      ctx.stroke();
    }
    ctx.fillStyle = "#1d2430";
    const [labelX, labelY] = labelPosition(x, y, ctx.measureText(player.username ?? "").width, width, height);
    ctx.fillText(player.username ?? "", labelX, labelY);
    ctx.globalAlpha = 1;
  }

  // A red ring round the own player and a dashed line from each monster attacking it.
  #drawAttacks() {
    const me = this.myPlayer();
    const attackers = this.attackersOfMe();
    if (!me || attackers.length === 0) return;
    const ctx = this.#context;
    const [x, y] = this.#toCanvas(me.position_x, me.position_y);
    ctx.strokeStyle = UNDER_ATTACK_COLOUR;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    for (const monster of attackers) {
      const [mx, my] = this.#toCanvas(monster.position_x, monster.position_y);
      ctx.beginPath();
      ctx.moveTo(mx, my);
      ctx.lineTo(x, y);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(x, y, UNDER_ATTACK_RADIUS, 0, Math.PI * 2);
    ctx.stroke();
  }
}
