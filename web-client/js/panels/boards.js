// The leaderboards: the three boards' top 10 for this week or all time, live through
// leaderboard.subscribe / leaderboard.changed, the own row highlighted and, outside the top 10, the
// own rank from leaderboard.me.
import { $, element } from "../dom.js";
import { Methods } from "../protocol.js";

export const BOARDS = Object.freeze(["monsters_defeated", "distance_walked", "gifts_received"]);

// The own rank is asked again at most this often after the own score changed (a walk is many moves).
const OWN_RANK_PACE_MS = 1000;

const formatScore = (score) => (Number.isInteger(score) ? String(score) : score.toFixed(1));

export function wireBoards(client) {
  let period = "week";
  const pending = new Map();

  const board = (name) => document.querySelector(`#boards-panel [data-board="${name}"]`);

  function showTop(name, entries) {
    board(name).querySelector("ol").replaceChildren(...entries.map((entry) => {
      const mine = entry.user === client.user?.id;
      const row = element("li", mine ? { className: "me", "aria-current": "true" } : {},
        element("span", { className: "rank" }, `${entry.rank}.`), " ",
        element("bdi", { className: "name" }, entry.username), " ",
        element("span", { className: "score" }, formatScore(entry.score)));
      row.dataset.user = entry.user;
      return row;
    }));
    if (entries.length === 0) board(name).querySelector("ol").append(element("li", { className: "muted" }, "Nobody yet."));
  }

  async function showOwnRank(name) {
    const asked = period;
    const me = await client.call(Methods.LeaderboardMe, { board: name, period: asked });
    if (asked !== period) return;
    const own = board(name).querySelector(".own-rank");
    own.dataset.rank = me.rank ?? "";
    // Within the top 10 the own row is highlighted in the list; below it, the rank is said here.
    own.hidden = me.rank !== null && me.rank <= 10;
    own.textContent = me.rank === null ? "You are not ranked yet." : `You: #${me.rank} of ${me.total}, ${formatScore(me.score)}`;
  }

  function showOwnRankSoon(name) {
    if (!client.user || pending.has(name)) return;
    pending.set(name, setTimeout(() => {
      pending.delete(name);
      showOwnRank(name).catch(() => {});
    }, OWN_RANK_PACE_MS));
  }

  async function subscribe(to) {
    await Promise.all(BOARDS.map(async (name) => {
      const top = await client.call(Methods.LeaderboardSubscribe, { board: name, period: to });
      if (to !== period) return;
      showTop(name, top.entries);
      await showOwnRank(name);
    }));
  }

  async function switchTo(to) {
    if (to === period) return;
    const from = period;
    period = to;
    for (const button of document.querySelectorAll("#boards-period button")) button.setAttribute("aria-pressed", String(button.dataset.period === to));
    await Promise.all(BOARDS.map((name) => client.call(Methods.LeaderboardUnsubscribe, { board: name, period: from }).catch(() => {})));
    await subscribe(to);
  }

  client.addEventListener(Methods.LeaderboardChanged, ({ detail }) => {
    if (detail.period !== period) return;
    showTop(detail.board, detail.entries);
    showOwnRankSoon(detail.board);
  });
  for (const button of document.querySelectorAll("#boards-period button")) {
    button.addEventListener("click", () => switchTo(button.dataset.period).catch(() => {}));
  }

  return {
    join: () => subscribe(period),
    /** The own score on the board changed (a defeat, a move, a gift): its rank is asked again, paced. */
    ownScoreChanged: showOwnRankSoon,
  };
}
