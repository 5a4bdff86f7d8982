// The Server tab: live figures from system.info, the background jobs and, in cluster mode, the live nodes.
import { Methods } from "./protocol.js";
import { $, el } from "./admin-dom.js";

export function createServerPanel({ client }) {
  let last = null;
  return {
    async refresh() {
      const info = await client.call(Methods.SystemInfo);
      const now = performance.now();
      if (last) {
        const seconds = (now - last.at) / 1000;
        $("fig-in").textContent = ((info.messages_received - last.info.messages_received) / seconds).toFixed(1);
        $("fig-out").textContent = ((info.messages_sent - last.info.messages_sent) / seconds).toFixed(1);
      }
      last = { at: now, info };
      $("fig-connections").textContent = info.connections;
      $("fig-uptime").textContent = `${info.uptime_s} s`;
      $("jobs").replaceChildren(...info.jobs.map((job) => el("tr", {},
        el("td", { textContent: job.name + (job.enabled ? "" : " (off)") }),
        el("td", { textContent: `${job.interval_s} s` }),
        el("td", { textContent: job.last_run ? new Date(job.last_run).toLocaleTimeString() : "–" }),
        el("td", { className: "num", textContent: job.last_duration_ms?.toFixed(1) ?? "–" }),
        el("td", { textContent: `${job.runs} (${job.failures} failed)` }),
        el("td", { textContent: job.last_error ?? "" }))));
      const nodes = info.nodes ?? [];
      $("nodes-block").hidden = nodes.length === 0;
      $("nodes").replaceChildren(...nodes.map((node) => el("tr", { className: node.id === info.node ? "self" : "" },
        el("td", { textContent: node.id + (node.id === info.node ? " (this one)" : "") }),
        el("td", { className: "num", textContent: node.connections }),
        el("td", { className: "num", textContent: node.sessions_logged_in }),
        el("td", { textContent: node.roles.join(", ") || "–" }),
        el("td", { textContent: new Date(node.heartbeat_at).toLocaleTimeString() }))));
    },
    // Rates are per second between two samples: a sample from before the tab was left is not one.
    opened() { last = null; },
  };
}
