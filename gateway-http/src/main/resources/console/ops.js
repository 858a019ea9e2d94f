// The operator's page: workers, endpoints, backlog, requests per route and keys, read every few seconds from
// /console/api/ops/ (refused with 403 to anyone outside the admin group).
"use strict";
(() => {
  const { $, api, postJson, cell, state, button, duration, time } = Console;
  let lastRoutes = null;

  function fail(e) {
    $("ops-error").textContent = e.status === 403 ? e.message : "Could not refresh: " + e.message;
  }

  function workersTable(overview) {
    const rows = overview.workers.map((worker) => {
      const tr = document.createElement("tr");
      tr.id = "worker-" + worker.id;
      tr.dataset.alive = worker.alive;
      const stateCell = document.createElement("td");
      stateCell.append(state(worker.alive ? "alive" : "silent"));
      const lanes = Object.entries(worker.lanes).map(([endpoint, running]) => endpoint + " (" + running + ")");
      const name = cell("");
      const code = document.createElement("code");
      code.textContent = worker.id + (worker.id === overview.scheduler ? " — leads scheduling" : "");
      name.append(code);
      tr.append(name, stateCell, cell(lanes.join(", ") || "none"), cell(worker.in_flight, "num"),
          cell(duration((overview.at - worker.last_heartbeat_millis) / 1000) + " ago"));
      return tr;
    });
    $("workers").tBodies[0].replaceChildren(...rows);
    Console.labelCells($("workers"));
    $("no-workers").hidden = rows.length > 0;
    $("feed-status").textContent = overview.feed.up
      ? "Reading the capacity topic and batch events."
      : "The console's Kafka feed is down (failures: " + overview.feed.failures + "); figures may be stale.";
  }

  function endpointsTable(overview) {
    const rows = [];
    for (const cluster of overview.clusters) {
      for (const endpoint of cluster.endpoints) {
        const tr = document.createElement("tr");
        const stateCell = document.createElement("td");
        stateCell.append(state(cluster.status === "ok" ? endpoint.state : cluster.status));
        const errorRate = endpoint.requests ? " (" + endpoint.errors + ", "
            + Math.round(100 * endpoint.errors / endpoint.requests) + " %)" : "";
        tr.append(cell(cluster.cluster), cell(endpoint.model + " · " + endpoint.framework), stateCell,
            cell(endpoint.requests + errorRate, "num"),
            cell(endpoint.lines + (endpoint.failed_lines ? " (" + endpoint.failed_lines + ")" : ""), "num"),
            cell(endpoint.active_batches + " (" + endpoint.lines_left + ")", "num"),
            cell(endpoint.batch_running, "num"), cell(endpoint.interactive, "num"),
            cell(endpoint.budget === null ? "—" : endpoint.budget
                + (endpoint.budget_reason ? " (" + endpoint.budget_reason + ")" : "")));
        rows.push(tr);
      }
    }
    $("endpoints").tBodies[0].replaceChildren(...rows);
    Console.labelCells($("endpoints"));
    $("endpoints-title").textContent = "Clusters and endpoints (last " + overview.recent_minutes + " minutes)";
  }

  async function overview() {
    const answer = await api("/console/api/ops/overview");
    workersTable(answer);
    endpointsTable(answer);
    $("ops-error").textContent = "";
  }

  async function routes() {
    const answer = await api("/console/api/ops/routes");
    const before = new Map();
    if (lastRoutes) lastRoutes.routes.forEach((r) => before.set(r.method + r.route + r.status, r.count));
    const seconds = lastRoutes ? (answer.at - lastRoutes.at) / 1000 : 0;
    const rows = answer.routes.filter((r) => !r.route.startsWith("/console")).map((r) => {
      const tr = document.createElement("tr");
      const previous = before.get(r.method + r.route + r.status);
      const rate = seconds > 0 && previous !== undefined ? ((r.count - previous) / seconds).toFixed(1) : "—";
      tr.append(cell(r.method + " " + r.route), cell(r.status, "num"), cell(r.count, "num"), cell(rate, "num"),
          cell(r.p50_millis.toFixed(1), "num"), cell(r.p95_millis.toFixed(1), "num"),
          cell(r.p99_millis.toFixed(1), "num"));
      return tr;
    });
    $("routes").tBodies[0].replaceChildren(...rows);
    lastRoutes = answer;
  }

  async function backlog() {
    const answer = await api("/console/api/ops/backlog?minutes=60");
    const lines = answer.lines;
    $("backlog-now").textContent = "Most lines waiting in the last minute: "
        + (lines.length ? lines[lines.length - 1] : 0) + ".";
    Console.chart($("backlog-chart"), answer.times, { "most lines waiting": lines }, "lines");
  }

  async function keys() {
    const answer = await api("/console/api/ops/keys");
    const rows = answer.data.slice().reverse().map((key) => {
      const tr = document.createElement("tr");
      const revoked = key.revoked_at !== null;
      const stateCell = document.createElement("td");
      stateCell.append(state(revoked ? "revoked" : "active"));
      const actions = document.createElement("td");
      if (!revoked) {
        actions.append(button("Revoke", async () => {
          if (!window.confirm("Revoke the key " + key.prefix + "… of " + key.user_id + "?")) return;
          try {
            await postJson("/console/api/ops/keys/" + encodeURIComponent(key.id) + "/revoke");
            $("new-key-status").textContent = "Revoked " + key.prefix + "… of " + key.user_id + ".";
            await keys();
          } catch (e) { $("new-key-status").textContent = "Could not revoke: " + e.message; }
        }, "secondary"));
      }
      tr.append(cell(key.user_id), cell(key.name), cell(key.prefix + "…", "mono"), cell(time(key.created_at)),
          stateCell, actions);
      return tr;
    });
    $("keys").tBodies[0].replaceChildren(...rows);
    Console.labelCells($("keys"));
  }

  async function createKey(event) {
    event.preventDefault();
    const groups = $("key-groups").value.split(",").map((g) => g.trim()).filter((g) => g);
    try {
      const issued = await postJson("/console/api/ops/keys", { user_id: $("key-user").value.trim(),
        key_name: $("key-name").value.trim(), groups });
      const status = $("new-key-status");
      status.textContent = "";
      const note = document.createElement("p");
      note.className = "new-key";
      note.textContent = "New key for " + issued.user_id + " (shown once, copy it now): ";
      const code = document.createElement("code");
      code.id = "issued-key";
      code.textContent = issued.key;
      note.append(code);
      status.append(note);
      $("new-key").reset();
      await keys();
    } catch (e) {
      $("new-key-status").textContent = "Could not create the key: " + e.message;
    }
  }

  function every(millis, task) {
    const run = () => task().catch(fail).finally(() => setTimeout(run, millis));
    run();
  }

  Console.boot((me) => {
    if (!me.operator) {
      $("ops-error").textContent = "This page is for operators: your key is not in the admin group.";
      return;
    }
    $("new-key").addEventListener("submit", createKey);
    every(2000, overview);
    every(5000, routes);
    every(15000, backlog);
    keys().catch(fail);
  });
})();
