// The Analytics tab: daily active users, new users and sessions per day, and events per type, from
// analytics.summary over a range of days (the server's last 7 by default), drawn with Chart.js (vendored, one
// pinned file: ../vendor/README.md); the latest raw events from analytics.events, filtered by type and user.
import { Methods } from "./protocol.js";
import { $, el, explain, formatCount } from "./admin-dom.js";

/** The event types the server records (docs/protocol.md, analytics). */
export const EVENT_TYPES = ["registered", "logged_in", "logged_out", "moved", "gift_received", "monster_struck", "monster_defeated", "chat_sent"];
const EVENTS_SHOWN = 50;
const COLOURS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#65a30d", "#db2777"];

/** Seconds as "4 min 5 s": session lengths are read, not computed with. */
function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** A time as "2030-03-09 14:00:00", in UTC like the days and hours of the summary. */
const utc = (time) => new Date(time).toISOString().replace("T", " ").slice(0, 19);

export function createAnalyticsPanel(dash) {
  const { client } = dash;
  const range = $("analytics-range");
  const filter = $("analytics-filter");
  filter.elements.type.append(...EVENT_TYPES.map((type) => el("option", { value: type, textContent: type })));
  const charts = {};
  for (const form of [range, filter]) form.addEventListener("submit", (event) => { event.preventDefault(); dash.refresh(); });

  function chart(id, config) {
    const Chart = globalThis.Chart;
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update();
    } else {
      // No animation: the figures are a report, and a picture taken of them is taken of the final state.
      charts[id] = new Chart($(id), { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } });
    }
  }

  function showSummary(summary) {
    const labels = summary.days.map((d) => d.date);
    chart("chart-days", {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: "Active users", data: summary.days.map((d) => d.active_users), backgroundColor: COLOURS[0] },
          { label: "New users", data: summary.days.map((d) => d.new_users), backgroundColor: COLOURS[1] },
          { label: "Sessions", data: summary.days.map((d) => d.sessions), backgroundColor: COLOURS[2] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const totals = Object.fromEntries(EVENT_TYPES.map((type) => [type, 0]));
    for (const day of summary.days) for (const [type, count] of Object.entries(day.events ?? {})) totals[type] = (totals[type] ?? 0) + count;
    const types = Object.keys(totals);
    chart("chart-events", {
      type: "bar",
      data: { labels: types, datasets: [{ label: "Events", data: types.map((t) => totals[t]), backgroundColor: types.map((_, i) => COLOURS[i % COLOURS.length]) }] },
      options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    $("analytics-days").tBodies[0].replaceChildren(...summary.days.map((day) => el("tr", { dataset: { date: day.date } },
      el("td", { textContent: day.date }),
      el("td", { className: "num", textContent: formatCount(day.active_users) }),
      el("td", { className: "num", textContent: formatCount(day.new_users) }),
      el("td", { className: "num", textContent: formatCount(day.sessions) }),
      el("td", { className: "num", textContent: duration(day.session_seconds_median) }),
      el("td", { className: "num", textContent: duration(day.session_seconds_p90) }),
      el("td", { className: "num", textContent: formatCount(Object.values(day.events ?? {}).reduce((a, b) => a + b, 0)) }))));
    const busiest = [...(summary.busiest_hours ?? [])].sort((a, b) => b.events - a.events).slice(0, 3);
    $("analytics-hours").textContent = busiest.length
      ? `Busiest hours (UTC): ${busiest.map((h) => `${String(h.hour).padStart(2, "0")}:00 (${formatCount(h.events)} events)`).join(", ")}.`
      : "No events in this period.";
  }

  function showEvents({ events }) {
    $("analytics-events").replaceChildren(...events.map((event) => el("tr", { dataset: { event: event.id } },
      el("td", { textContent: utc(event.time) }),
      el("td", { textContent: event.type }),
      el("td", { textContent: event.username ?? `user ${event.user}` }),
      el("td", { className: "data", textContent: event.data === null || event.data === undefined ? "" : JSON.stringify(event.data) }))));
  }

  return {
    // A report over days: loaded when the tab opens or the range changes, not every two seconds.
    live: false,
    async refresh() {
      $("analytics-error").textContent = "";
      // The first time, no range: the server answers for the last 7 days by its own clock (UTC),
      // not the browser's, and the picker shows the range it used.
      const { from, to } = Object.fromEntries(new FormData(range));
      const days = from && to ? { from, to } : {};
      const { type, user } = Object.fromEntries(new FormData(filter));
      try {
        const [summary, events] = await Promise.all([
          client.call(Methods.AnalyticsSummary, days),
          client.call(Methods.AnalyticsEvents, { limit: EVENTS_SHOWN, ...(type ? { type } : {}), ...(user ? { user: Number(user) } : {}) }),
        ]);
        range.elements.from.value = summary.from;
        range.elements.to.value = summary.to;
        showSummary(summary);
        showEvents(events);
      } catch (error) {
        $("analytics-error").textContent = explain(error);
      }
    },
  };
}
