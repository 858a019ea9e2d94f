// The user's page: their batches with live progress (batch events over /console/api/events), upload and start,
// cancel, downloads; the models they may use; their token usage.
"use strict";
(() => {
  const { $, api, postJson, stream, cell, state, button, duration, time } = Console;
  const batches = new Map();
  // Events of batches this page does not show (FIRST-style ones, not on /v1/batches): not asked about again.
  const elsewhere = new Set();
  const TERMINAL = new Set(["completed", "failed", "expired", "cancelled"]);

  function progressCell(batch) {
    const td = document.createElement("td");
    const counts = batch.request_counts || { total: 0, completed: 0, failed: 0 };
    const done = counts.completed + counts.failed;
    const bar = document.createElement("progress");
    bar.max = Math.max(counts.total, 1);
    bar.value = counts.total ? done : 0;
    const percent = counts.total ? Math.floor(100 * done / counts.total) : 0;
    bar.setAttribute("aria-label", "Batch " + batch.id + " progress");
    bar.textContent = percent + " %";
    const text = document.createElement("span");
    text.className = "progress-text";
    text.textContent = " " + percent + " % (" + done + " / " + counts.total
        + (counts.failed ? ", " + counts.failed + " failed" : "") + ")";
    td.append(bar, text);
    return td;
  }

  function timing(batch) {
    const now = Date.now() / 1000;
    const end = batch.completed_at || batch.failed_at || batch.expired_at || batch.cancelled_at;
    if (end) return "took " + duration(end - batch.created_at);
    if (batch.in_progress_at) return "running for " + duration(now - batch.in_progress_at);
    return "created " + time(batch.created_at);
  }

  function download(fileId, name) {
    api("/v1/files/" + encodeURIComponent(fileId) + "/content", { raw: true })
      .then((response) => response.blob())
      .then((blob) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      })
      .catch((e) => { $("new-batch-status").textContent = "Download failed: " + e.message; });
  }

  function row(batch) {
    const tr = document.createElement("tr");
    tr.id = "batch-" + batch.id;
    tr.dataset.status = batch.status;
    const id = cell("");
    const code = document.createElement("code");
    code.textContent = batch.id;
    id.append(code);
    const status = document.createElement("td");
    status.append(state(batch.status));
    if (batch.waiting && batch.waiting.reason) {
      const waiting = document.createElement("span");
      waiting.className = "waiting";
      waiting.textContent = "Waiting: " + batch.waiting.reason;
      status.append(waiting);
    }
    if (batch.errors && batch.errors.data && batch.errors.data.length) {
      const error = document.createElement("span");
      error.className = "waiting";
      error.textContent = batch.errors.data[0].message;
      status.append(error);
    }
    const actions = document.createElement("td");
    if (!TERMINAL.has(batch.status) && batch.status !== "cancelling") {
      actions.append(button("Cancel", () => cancel(batch.id), "secondary"));
    }
    if (batch.output_file_id) {
      actions.append(button("Download output", () => download(batch.output_file_id, batch.id + "-output.jsonl")));
    }
    if (batch.error_file_id) {
      actions.append(button("Download errors", () => download(batch.error_file_id, batch.id + "-errors.jsonl"),
          "secondary"));
    }
    tr.append(id, cell(batch.model), status, progressCell(batch), cell(timing(batch), "timing"), actions);
    return tr;
  }

  // Rows are replaced one by one, and a focused button gets its focus back in the new row (keyboard users).
  function render() {
    const body = $("batches").tBodies[0];
    const sorted = [...batches.values()].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1));
    const focused = document.activeElement && document.activeElement.closest("tr[id^='batch-']")
        ? [document.activeElement.closest("tr").id, document.activeElement.textContent] : null;
    sorted.forEach((batch, i) => {
      const next = row(batch);
      const current = body.rows[i];
      if (current) current.replaceWith(next); else body.append(next);
    });
    while (body.rows.length > sorted.length) body.deleteRow(-1);
    if (focused) {
      const again = [...($(focused[0]) || body).querySelectorAll("button")].find((b) => b.textContent === focused[1]);
      if (again) again.focus();
    }
    Console.labelCells($("batches"));
    $("no-batches").hidden = batches.size > 0;
  }

  async function refresh(id) {
    try {
      batches.set(id, await api("/v1/batches/" + encodeURIComponent(id)));
      render();
    } catch (e) {
      if (e.status === 404) elsewhere.add(id);
      else $("live-status").textContent = "Could not read batch " + id + ": " + e.message;
    }
  }

  async function loadBatches() {
    const list = await api("/v1/batches?limit=100");
    batches.clear();
    list.data.forEach((batch) => batches.set(batch.id, batch));
    render();
  }

  function onBatchEvent(data) {
    const event = JSON.parse(data);
    if (elsewhere.has(event.batch_id)) return;
    const batch = batches.get(event.batch_id);
    if (!batch || event.note !== undefined) {
      refresh(event.batch_id);
      return;
    }
    const changed = batch.status !== event.status;
    batch.status = event.status;
    if (event.total) {
      batch.request_counts = { total: event.total, completed: event.completed, failed: event.failed };
    }
    render();
    // A change of status may bring files, errors or timings: read the whole batch (and, at its end, the usage).
    if (changed || TERMINAL.has(event.status)) refresh(event.batch_id);
    if (changed && TERMINAL.has(event.status)) loadUsage().catch(() => {});
  }

  async function live() {
    let delay = 1000;
    for (;;) {
      try {
        await stream("/console/api/events", (name, data) => {
          if (name === "ready") {
            $("live-status").textContent = "Live: progress updates as it happens.";
            delay = 1000;
            loadBatches().catch((e) => { $("live-status").textContent = "Could not list batches: " + e.message; });
          } else if (name === "batch") {
            onBatchEvent(data);
          }
        });
      } catch (e) {
        if (e.status === 401) return;
        $("live-status").textContent = "Live updates interrupted (" + e.message + "); reconnecting…";
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
    }
  }

  async function cancel(id) {
    try {
      batches.set(id, await postJson("/v1/batches/" + encodeURIComponent(id) + "/cancel"));
      render();
    } catch (e) {
      $("new-batch-status").textContent = "Could not cancel " + id + ": " + e.message;
    }
  }

  async function startBatch(event) {
    event.preventDefault();
    const file = $("batch-file").files[0];
    const status = $("new-batch-status");
    if (!file) return;
    $("start-batch").disabled = true;
    try {
      status.textContent = "Uploading " + file.name + "…";
      const form = new FormData();
      form.append("purpose", "batch");
      form.append("file", file, file.name);
      const uploaded = await api("/v1/files", { method: "POST", body: form });
      status.textContent = "Uploaded " + uploaded.id + " (" + uploaded.bytes + " bytes); starting the batch…";
      const batch = await postJson("/v1/batches", { input_file_id: uploaded.id,
        endpoint: $("batch-endpoint").value, completion_window: $("batch-window").value.trim() });
      batches.set(batch.id, batch);
      render();
      status.textContent = "Started batch " + batch.id + ".";
      $("new-batch").reset();
    } catch (e) {
      status.textContent = "Could not start the batch: " + e.message;
    } finally {
      $("start-batch").disabled = false;
    }
  }

  async function loadModels() {
    const answer = await api("/console/api/models");
    const rows = [];
    for (const cluster of answer.clusters) {
      for (const model of cluster.models) {
        const tr = document.createElement("tr");
        const stateCell = document.createElement("td");
        stateCell.append(state(model.state));
        tr.append(cell(model.model), cell(cluster.cluster + (cluster.status === "ok" ? "" : " (" + cluster.status
            + ")")), cell(model.framework), stateCell);
        rows.push(tr);
      }
    }
    $("models").tBodies[0].replaceChildren(...rows);
    Console.labelCells($("models"));
  }

  async function loadUsage() {
    const usage = await api("/console/api/usage?hours=24");
    const totals = Object.entries(usage.models).map(([model, values]) => {
      const li = document.createElement("li");
      li.textContent = model + ": " + values.reduce((a, b) => a + b, 0).toLocaleString() + " tokens";
      return li;
    });
    if (!totals.length) {
      const li = document.createElement("li");
      li.textContent = "No tokens used in the last 24 hours.";
      totals.push(li);
    }
    $("usage-totals").replaceChildren(...totals);
    const any = Object.keys(usage.models).length > 0;
    $("usage-chart").hidden = !any;
    if (any) Console.chart($("usage-chart"), usage.times, usage.models, "tokens");
  }

  Console.boot(() => {
    $("new-batch").addEventListener("submit", startBatch);
    live();
    loadModels().catch((e) => { $("models").caption.textContent = "Could not list models: " + e.message; });
    loadUsage().catch((e) => { $("usage-totals").textContent = "Could not read usage: " + e.message; });
    setInterval(() => loadUsage().catch(() => {}), 60000);
  });
})();
