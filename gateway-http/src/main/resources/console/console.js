// The console's shared code: sign-in (the key lives in this tab's sessionStorage only), JSON calls with the key as
// a Bearer token, the event stream read with fetch (EventSource cannot send the header), and small DOM helpers.
// Data is always written with textContent, never as HTML.
"use strict";
const Console = (() => {
  const STORE = "igw.console.key";
  const $ = (id) => document.getElementById(id);

  function key() { return sessionStorage.getItem(STORE); }

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ "Authorization": "Bearer " + key() }, options.headers || {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (ignored) { /* not JSON */ }
      if (response.status === 401) signOut("Your key was refused: " + message);
      throw new ApiError(response.status, message);
    }
    return options.raw ? response : response.json();
  }

  function postJson(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {}) });
  }

  // Server-Sent Events over fetch: calls onEvent(name, data) per event; resolves when the stream ends.
  async function stream(path, onEvent, signal) {
    const response = await fetch(path, { headers: { "Authorization": "Bearer " + key(),
      "Accept": "text/event-stream" }, signal });
    if (!response.ok) throw new ApiError(response.status, "stream refused: " + response.status);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        const data = [];
        for (const line of frame.split("\n")) {
          if (line.startsWith("event: ")) name = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length) onEvent(name, data.join("\n"));
      }
    }
  }

  function signOut(message) {
    sessionStorage.removeItem(STORE);
    $("app").hidden = true;
    $("who").hidden = true;
    $("sign-in").hidden = false;
    $("sign-in-error").textContent = message || "";
    $("key").focus();
  }

  // Signs in with the stored key, or waits for the form; then calls start(me).
  function boot(start) {
    $("sign-out").addEventListener("click", () => { signOut("Signed out."); location.reload(); });
    $("sign-in-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      sessionStorage.setItem(STORE, $("key").value.trim());
      $("key").value = "";
      await enter(start);
    });
    if (key()) enter(start); else $("key").focus();
  }

  async function enter(start) {
    let me;
    try {
      me = await api("/console/api/me");
    } catch (e) {
      if (e.status !== 401) signOut("Could not sign in: " + e.message);
      return;
    }
    $("sign-in").hidden = true;
    $("app").hidden = false;
    $("who").hidden = false;
    $("who-name").textContent = "Signed in as " + (me.name || me.id) + (me.operator ? " (operator)" : "");
    $("ops-link").hidden = !me.operator;
    start(me);
  }

  // Helpers for tables: a cell with text (and a class), a row replaced in place.
  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (className) td.className = className;
    return td;
  }

  function state(text) {
    const span = document.createElement("span");
    span.className = "state state-" + String(text).replace(/[^a-z_]/g, "");
    span.textContent = String(text).replace(/_/g, " ");
    return span;
  }

  function button(label, onClick, className) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener("click", onClick);
    return b;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || seconds < 0) return "";
    if (seconds < 90) return Math.round(seconds) + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    return (seconds / 3600).toFixed(1) + " h";
  }

  function time(epochSeconds) {
    return epochSeconds ? new Date(epochSeconds * 1000).toLocaleString() : "";
  }

  // A line chart of series over epoch-second times (uPlot), sized to its element; replaced on each call.
  function chart(element, times, series, unit) {
    element.textContent = "";
    const colors = ["#0b5cad", "#b42318", "#1a7f37", "#8250df", "#8a5a00", "#1b7c83"];
    const names = Object.keys(series);
    const options = { width: Math.max(280, element.clientWidth), height: 220,
      series: [{}].concat(names.map((name, i) => ({ label: name, stroke: colors[i % colors.length], width: 2 }))),
      axes: [{}, { label: unit, size: 60 }], legend: { live: false } };
    return new uPlot(options, [times].concat(names.map((name) => Array.from(series[name]))), element);
  }

  // On a phone a table becomes one card per row: each cell is labelled with its column's header (console.css).
  function labelCells(table) {
    const headers = [...table.tHead.rows[0].cells].map((th) => th.textContent);
    for (const row of table.tBodies[0].rows) {
      [...row.cells].forEach((td, i) => { td.dataset.label = headers[i] || ""; });
    }
  }

  return { $, api, postJson, stream, boot, cell, state, button, duration, time, chart, signOut, labelCells };
})();
