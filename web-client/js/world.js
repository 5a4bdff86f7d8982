// Draws the world on a canvas: players (own highlighted, names shown, offline dimmed) and monsters
// (coloured by state, with a health bar). The server is the authority; this only shows its state.

const MONSTER_COLOURS = {
  wandering: "#2f7d32",
  attacking: "#c62828",
  evading: "#f9a825",
  looking_for_aid: "#6a1b9a",
};

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
  }

  resize(width, height) {
    this.#size = { width, height };
    this.draw();
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

  #toCanvas(x, y) {
    return [(x / this.#size.width) * this.#canvas.width, (y / this.#size.height) * this.#canvas.height];
  }

  /** The monster drawn at a canvas point, for clicks. */
  monsterAt(canvasX, canvasY) {
    for (const monster of this.monsters.values()) {
      const [x, y] = this.#toCanvas(monster.position_x, monster.position_y);
      if (Math.hypot(x - canvasX, y - canvasY) <= 12) return monster;
    }
    return null;
  }

  #render() {
    const ctx = this.#context;
    ctx.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "center";

    for (const monster of this.monsters.values()) {
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

    for (const player of this.players.values()) {
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
      ctx.fillText(player.username, x, y - 12);
      ctx.globalAlpha = 1;
    }
  }
}
