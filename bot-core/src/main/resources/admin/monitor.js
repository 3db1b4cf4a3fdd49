// The Cogworks queue monitor. The admin token lives in this tab's session storage and travels
// only in the Authorization header: live updates are a fetch() of /api/stream read as a stream of
// newline-delimited JSON (EventSource cannot send a header, and a token in a URL would end up in
// logs and history).
"use strict";

const TOKEN_KEY = "cogworks.admin.token";
const RECONNECT_MS = 2000;
const HOUR_MS = 3600 * 1000;
const NOTICE_MS = 8000;
const BUCKETS_SHOWN = 8;

const $ = (selector) => document.querySelector(selector);

const view = {
  snapshot: null,
  stream: null, // the AbortController of the running stream
  rendered: new Map(), // section -> the JSON it was last drawn from, to redraw only what changed
  confirming: null, // the action waiting for the person's yes
  noticeTimer: null,
};

// ---- the token ----

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function askForToken(message) {
  stopStream();
  sessionStorage.removeItem(TOKEN_KEY);
  $("#dashboard").hidden = true;
  $("#token-form").hidden = false;
  $("#token-error").textContent = message || "";
  $("#token-error").hidden = !message;
  $("#pause-button").disabled = true;
  setLive("signed out", "");
  $("#token-input").value = "";
  $("#token-input").focus();
}

class Unauthorized extends Error {}

async function api(method, path) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token()}` },
    cache: "no-store",
  });
  if (response.status === 401) throw new Unauthorized();
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = { error: text };
  }
  if (!response.ok) {
    throw new Error((data && data.error) || `${method} ${path} answered ${response.status}`);
  }
  return data;
}

async function signIn(event) {
  event.preventDefault();
  const presented = $("#token-input").value.trim();
  if (!presented) return;
  sessionStorage.setItem(TOKEN_KEY, presented);
  await open();
}

// Checks the token with one snapshot, then shows the dashboard and follows the stream.
async function open() {
  let snapshot;
  try {
    snapshot = await api("GET", "/api/snapshot");
  } catch (error) {
    if (error instanceof Unauthorized) {
      askForToken(token() ? "The bot refused that token. Try again." : "");
    } else {
      askForToken(`The bot did not answer: ${error.message}`);
    }
    return;
  }
  $("#token-form").hidden = true;
  $("#dashboard").hidden = false;
  draw(snapshot);
  follow();
}

// ---- the live stream ----

function stopStream() {
  if (view.stream) view.stream.abort();
  view.stream = null;
}

async function follow() {
  stopStream();
  const controller = new AbortController();
  view.stream = controller;
  try {
    const response = await fetch("/api/stream", {
      headers: { Authorization: `Bearer ${token()}` },
      cache: "no-store",
      signal: controller.signal,
    });
    if (response.status === 401) {
      askForToken("The bot no longer accepts this token. Enter it again.");
      return;
    }
    if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
    setLive("live", "ok");
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) draw(JSON.parse(line));
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
  }
  if (view.stream !== controller) return;
  // The stream ends after a while (or the bot restarted): come back.
  setLive("reconnecting", "warn");
  setTimeout(() => {
    if (view.stream === controller) follow();
  }, RECONNECT_MS);
}

function setLive(text, kind) {
  const live = $("#live");
  live.textContent = text;
  live.className = `badge ${kind || ""}`;
}

// ---- actions ----

async function act(method, path, done) {
  try {
    const answer = await api(method, path);
    notice(done(answer || {}), false);
    draw(await api("GET", "/api/snapshot"));
  } catch (error) {
    if (error instanceof Unauthorized) askForToken("The bot refused the token. Enter it again.");
    else notice(error.message, true);
  }
}

function notice(text, isError) {
  const box = $("#notice");
  box.textContent = text;
  box.className = isError ? "error" : "";
  box.hidden = !text;
  clearTimeout(view.noticeTimer);
  // Errors stay until the next action; confirmations of what was done go after a while.
  if (text && !isError) view.noticeTimer = setTimeout(() => { box.hidden = true; }, NOTICE_MS);
}

// An in-page confirmation (not window.confirm: it can be styled, and driven by a test).
function confirmThen(text, yesLabel, action) {
  view.confirming = action;
  $("#confirm-text").textContent = text;
  $("#confirm-yes").textContent = yesLabel;
  $("#confirm").hidden = false;
  $("#confirm-yes").focus();
}

function closeConfirm(yes) {
  const action = view.confirming;
  view.confirming = null;
  $("#confirm").hidden = true;
  if (yes && action) action();
}

function togglePause() {
  const paused = view.snapshot && view.snapshot.paused;
  if (paused) act("POST", "/api/queue/resume", () => "Resumed: requests go out again.");
  else act("POST", "/api/queue/pause", () => "Paused: requests wait until you resume.");
}

function retryLetter(id) {
  confirmThen(`Send dead letter ${id} again?`, "Retry", () =>
    act("POST", `/api/dead-letters/${id}/retry`, () => `Dead letter ${id} handed to the queue.`));
}

function discardLetter(id) {
  confirmThen(`Discard dead letter ${id}? It cannot be sent afterwards.`, "Discard", () =>
    act("POST", `/api/dead-letters/${id}/discard`, () => `Dead letter ${id} discarded.`));
}

function retryAll() {
  const count = deadLetterCount();
  confirmThen(`Send ${theLetters(count)} again?`, "Retry all", () =>
    act("POST", "/api/dead-letters/retry", (a) => `${a.retried} dead letter(s) handed to the queue.`));
}

function discardAll() {
  const count = deadLetterCount();
  confirmThen(`Discard ${theLetters(count)}? They cannot be sent afterwards.`, "Discard all",
    () => act("POST", "/api/dead-letters/discard", (a) => `${a.discarded} dead letter(s) discarded.`));
}

function theLetters(count) {
  return count === 1 ? "the 1 dead letter" : `all ${count} dead letters`;
}

function deadLetterCount() {
  const letters = view.snapshot && view.snapshot.dead_letters;
  return letters ? letters.count : 0;
}

// ---- drawing ----

// Draws a snapshot; a failure to draw is shown, not mistaken for a lost stream.
function draw(snapshot) {
  try {
    render(snapshot);
  } catch (error) {
    notice(`The page could not draw the bot's snapshot: ${error.message}`, true);
  }
}

function render(snapshot) {
  view.snapshot = snapshot;
  const mode = $("#mode");
  mode.textContent = snapshot.mode;
  // The latest configuration reload, on hover: what it applied, what waits for a restart, or why
  // it was refused.
  const reload = snapshot.config && snapshot.config.last_reload;
  mode.title = reload ? `last reload (${reload.trigger}, ${reload.at}): ${reload.message}` : "";
  const state = $("#state");
  const queueless = snapshot.mode === "direct";
  state.textContent = queueless ? "no queue" : snapshot.paused ? "paused" : "running";
  state.className = `badge ${queueless ? "" : snapshot.paused ? "paused" : "ok"}`;
  const pause = $("#pause-button");
  pause.textContent = snapshot.paused ? "Resume queue" : "Pause queue";
  pause.disabled = queueless;
  pause.title = queueless ? "messaging.mode = direct has no queue to hold" : "";

  section("queue", snapshot.queue || snapshot.gateway || snapshot.mode, () => drawQueue(snapshot));
  section("counters", snapshot.queue ? snapshot.queue.counters : null, () => drawCounters(snapshot));
  show("#gateway-card", !!snapshot.gateway);
  section("gateway", snapshot.gateway, () => drawGateway(snapshot.gateway));
  section("limits", snapshot.rate_limits, () => drawLimits(snapshot.rate_limits));
  section("chart", snapshot.history, () => drawChart(snapshot.history, snapshot.at));
  section("dead-letters", snapshot.dead_letters, () => drawDeadLetters(snapshot.dead_letters));
  section("top-channels", snapshot.queue && snapshot.queue.top_channels,
    () => drawTopChannels(snapshot.queue));
  section("failures", snapshot.recent_failures, () => drawFailures(snapshot.recent_failures));
  show("#conversation-card", !!snapshot.conversation);
  section("conversation", snapshot.conversation, () => drawConversation(snapshot.conversation));
  section("shards", snapshot.shards, () => drawShards(snapshot.shards));
}

// Redraws one section only when its data changed, so buttons under the pointer stay put.
function section(id, data, draw) {
  const json = JSON.stringify(data === undefined ? null : data);
  if (view.rendered.get(id) === json) return;
  view.rendered.set(id, json);
  $(`#${id}`).replaceChildren(...[].concat(draw()));
}

function show(selector, visible) {
  $(selector).hidden = !visible;
}

function stats(pairs) {
  return el("dl", { class: "stats" }, ...pairs.map(([label, value, id]) =>
    el("div", {}, el("dt", {}, label), el("dd", { "data-stat": id }, format(value)))));
}

function drawQueue(snapshot) {
  const q = snapshot.queue;
  if (!q) {
    if (snapshot.gateway) {
      return el("p", { class: "muted" }, "Requests go through the gateway's engine: see Gateway.");
    }
    return el("p", { class: "muted" },
      "messaging.mode = direct: each request goes to Discord as it comes; there is no queue.");
  }
  const byPriority = Object.entries(q.by_priority).map(([p, n]) => [p, n, `priority-${p}`]);
  return [
    stats([["queued", q.queued, "queued"], ["in flight", q.in_flight, "in-flight"],
      ["channels", q.channels, "channels"]]),
    el("h3", { class: "muted", style: "font-size:12px;margin:10px 0 4px" }, "Queued by priority"),
    stats(byPriority),
  ];
}

function drawCounters(snapshot) {
  if (!snapshot.queue) {
    return el("p", { class: "muted" }, "The counters belong to the in-process queue.");
  }
  const c = snapshot.queue.counters;
  return stats(["delivered", "failed", "retried", "coalesced", "expired", "rejected"]
    .map((name) => [name, c[name], `counter-${name}`]));
}

function drawGateway(g) {
  if (!g) return [];
  const parts = [
    el("p", {}, "engine ", el("strong", {}, g.engine), " ",
      el("span", { class: `badge ${g.engine_reachable ? "ok" : "bad"}`, id: "engine-state" },
        g.engine_reachable ? "reachable" : "unreachable")),
    stats([["unpublished", g.unpublished, "unpublished"],
      ["waiting for answers", g.waiting_for_answers, "waiting"],
      ["merged edits", g.merged_edits, "merged-edits"], ["late answers", g.late_answers, "late"]]),
  ];
  if (g.workers_error) parts.push(el("p", { class: "muted" }, `workers: ${g.workers_error}`));
  parts.push(table(["worker", "health", "lease until"], g.workers.map((w) => el("tr",
    { "data-worker": w.id },
    el("td", {}, w.id),
    el("td", {}, el("span", { class: `badge ${w.healthy ? "ok" : "bad"}` },
      w.healthy ? "healthy" : "lease expired")),
    el("td", {}, time(w.lease_until)))), "No gateway worker has registered: start one with"
    + " `java -jar bot.jar gateway`."));
  return parts;
}

function drawLimits(r) {
  const globalShare = r.global_used_last_second / Math.max(1, r.global_limit_per_second);
  const invalidShare = r.invalid_requests_last_10_minutes / Math.max(1, r.invalid_requests_limit);
  return [
    el("div", {}, "Global budget: ",
      el("strong", { id: "global-used" }, `${r.global_used_last_second} / ${r.global_limit_per_second}`),
      " requests in the last second"),
    bar(globalShare),
    el("div", {}, "Invalid requests (401, 403, 429) in 10 minutes: ",
      el("strong", { id: "invalid-requests" },
        `${format(r.invalid_requests_last_10_minutes)} / ${format(r.invalid_requests_limit)}`),
      el("span", { class: "muted" }, " (Discord bans the IP past the limit)")),
    bar(invalidShare),
    stats([["429s, 10 min", r.rate_limited_last_10_minutes, "rate-limited"],
      ["buckets exhausted", r.buckets_exhausted, "buckets-exhausted"]]),
    el("h3", { class: "muted", style: "font-size:12px;margin:10px 0 4px" }, "Buckets (fullest first)"),
    table(["bucket", "left", "resets"], r.buckets.slice(0, BUCKETS_SHOWN).map((b) => el("tr", {},
      el("td", { class: "wrap" }, b.route, el("div", { class: "muted small" }, b.resource)),
      el("td", { class: "num" }, `${b.remaining} / ${b.limit}`),
      el("td", { class: "time" }, time(b.reset_at)))), "No bucket is counting down."),
  ];
}

function bar(share) {
  const pct = Math.min(100, Math.max(0, share * 100));
  const kind = share >= 0.9 ? "bad" : share >= 0.5 ? "warn" : "";
  return el("div", { class: "bar", role: "presentation" },
    el("span", { class: kind, style: `width:${pct.toFixed(1)}%` }));
}

function drawDeadLetters(d) {
  if (!d) return [];
  $("#dead-letter-count").textContent = d.error ? "?" : format(d.count);
  $("#dead-letter-count").className = `badge ${d.count > 0 ? "bad" : ""}`;
  $("#retry-all").disabled = !(d.count > 0);
  $("#discard-all").disabled = !(d.count > 0);
  if (d.error) return el("p", { class: "muted" }, d.error);
  const rows = d.recent.map((l) => el("tr", { "data-letter-id": l.id },
    el("td", { class: "num" }, l.id),
    el("td", {}, l.action),
    el("td", {}, l.channel),
    el("td", { class: "error" }, l.error),
    el("td", { class: "num" }, l.attempts),
    el("td", { class: "time" }, time(l.failed_at)),
    el("td", {},
      button("Retry", "retry", () => retryLetter(l.id)), " ",
      button("Discard", "discard danger", () => discardLetter(l.id)))));
  const parts = [table(["id", "action", "channel", "error", "tries", "failed", ""], rows,
    "No dead letters: everything that failed for good would wait here for a retry.")];
  if (d.count > d.recent.length) {
    parts.push(el("p", { class: "muted" }, `Showing the newest ${d.recent.length} of ${d.count}.`));
  }
  return parts;
}

function drawTopChannels(q) {
  if (!q) return el("p", { class: "muted" }, "Only the in-process queue has channels to show.");
  return table(["channel", "queued"], q.top_channels.map((c) => el("tr", { "data-channel": c.channel },
    el("td", {}, c.channel), el("td", { class: "num" }, format(c.queued)))), "Nothing is queued.");
}

function drawFailures(failures) {
  return table(["when", "request", "error"], failures.map((f) => el("tr", {},
    el("td", { class: "time" }, time(f.at)),
    el("td", {}, f.action, el("div", { class: "muted small" }, `channel ${f.channel}`)),
    el("td", { class: "error" }, f.error))), "No failures lately.");
}

function drawConversation(c) {
  if (!c) return [];
  return [
    el("p", {}, c.paused ? el("span", { class: "badge paused" }, "paused")
      : el("span", { class: "badge ok" }, "answering")),
    stats([["waiting", c.waiting, "conv-waiting"], ["answering", `${c.answering} / ${c.capacity}`,
      "conv-answering"], ["accepted", c.accepted], ["completed", c.completed], ["failed", c.failed],
    ["expired", c.expired], ["cancelled", c.cancelled], ["wait p50", `${c.wait_p50_ms} ms`],
    ["wait p99", `${c.wait_p99_ms} ms`], ["total p50", `${c.total_p50_ms} ms`],
    ["total p99", `${c.total_p99_ms} ms`]]),
  ];
}

function drawShards(shards) {
  return table(["shard", "status", "ping", "guilds"], shards.map((s) => el("tr", {},
    el("td", {}, s.id),
    el("td", {}, el("span", { class: `badge ${s.status === "connected" ? "ok" : "bad"}` }, s.status)),
    el("td", { class: "num" }, `${s.ping_ms} ms`), el("td", { class: "num" }, s.guilds))), "No shards.");
}

// Sends and 429s per ten seconds (left scale) and the queue's depth (right scale) over the last
// hour, as an SVG drawn here: nothing is loaded from elsewhere.
function drawChart(history, at) {
  const samples = history.samples;
  if (!samples.length) {
    return el("p", { class: "muted" },
      `No samples yet: one every ${history.resolution_seconds} s, kept for an hour.`);
  }
  const W = Math.max(280, $("#chart").clientWidth || 720), H = 220, L = 40, R = 40, T = 10, B = 24;
  const now = Date.parse(at) || Date.now();
  const x = (t) => L + ((t - (now - HOUR_MS)) / HOUR_MS) * (W - L - R);
  const rateMax = niceMax(Math.max(...samples.map((s) => Math.max(s.sent, s.rate_limited))));
  const depthMax = niceMax(Math.max(...samples.map((s) => s.queued)));
  const yRate = (v) => H - B - (v / rateMax) * (H - B - T);
  const yDepth = (v) => H - B - (v / depthMax) * (H - B - T);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "sends, 429s and queue depth over the last hour" });
  for (let i = 0; i <= 4; i++) {
    const y = T + ((H - B - T) * i) / 4;
    svg.append(svgEl("line", { x1: L, x2: W - R, y1: y, y2: y, class: "axis" }));
    svg.append(svgText(L - 4, y + 4, format(Math.round(rateMax * (1 - i / 4))), "end"));
    svg.append(svgText(W - R + 4, y + 4, format(Math.round(depthMax * (1 - i / 4))), "start"));
  }
  const labelEvery = W < 480 ? 20 : 10; // minutes between labels: fewer when narrow
  for (let m = 60; m >= 0; m -= labelEvery) {
    const anchor = m === 60 ? "start" : m === 0 ? "end" : "middle";
    svg.append(svgText(x(now - m * 60000), H - 6, m ? `−${m} min` : "now", anchor));
  }
  const line = (pick, y, colour, id) => svgEl("polyline", { id, fill: "none", style: `stroke:${colour}`,
    "stroke-width": 2, "vector-effect": "non-scaling-stroke", "stroke-linejoin": "round",
    points: samples.map((s) => `${x(Date.parse(s.at)).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(" ") });
  const last = samples[samples.length - 1];
  const series = [[(s) => s.queued, yDepth, "var(--depth)", "chart-depth"],
    [(s) => s.sent, yRate, "var(--sent)", "chart-sent"],
    [(s) => s.rate_limited, yRate, "var(--limited)", "chart-limited"]];
  for (const [pick, y, colour, id] of series) {
    svg.append(line(pick, y, colour, id));
    // The newest value as a dot: a line needs two samples, and the eye looks for "now".
    svg.append(svgEl("circle", { cx: x(Date.parse(last.at)).toFixed(1), cy: y(pick(last)).toFixed(1),
      r: 3, style: `fill:${colour}` }));
  }
  return svg;
}

// The top of a scale with four gridlines at round whole numbers (1, 2, 2.5 or 5 times a power of
// ten apart; 2.5 only where it stays whole).
function niceMax(value) {
  const rough = Math.max(1, value / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const steps = power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = steps.map((m) => m * power).find((candidate) => candidate >= rough);
  return step * 4;
}

// ---- helpers ----

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child === null || child === undefined ? "" : child);
  return node;
}

function svgEl(tag, attributes) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function svgText(x, y, text, anchor) {
  const node = svgEl("text", { x, y, "text-anchor": anchor });
  node.textContent = text;
  return node;
}

function button(label, className, onClick) {
  const node = el("button", { type: "button", class: className }, label);
  node.addEventListener("click", onClick);
  return node;
}

function table(headings, rows, empty) {
  if (!rows.length) return el("p", { class: "muted" }, empty);
  return el("table", {},
    el("thead", {}, el("tr", {}, ...headings.map((h) => el("th", {}, h)))),
    el("tbody", {}, ...rows));
}

function format(value) {
  return typeof value === "number" ? value.toLocaleString("en") : String(value ?? "–");
}

function time(iso) {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? String(iso) : at.toLocaleTimeString("en-GB");
}

// ---- start ----

function start() {
  $("#token-form").addEventListener("submit", signIn);
  $("#pause-button").addEventListener("click", togglePause);
  $("#retry-all").addEventListener("click", retryAll);
  $("#discard-all").addEventListener("click", discardAll);
  $("#confirm-yes").addEventListener("click", () => closeConfirm(true));
  $("#confirm-no").addEventListener("click", () => closeConfirm(false));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#confirm").hidden) closeConfirm(false);
  });
  $("#forget-token").addEventListener("click", () => askForToken(""));
  window.addEventListener("resize", () => {
    // The chart is drawn to its width: draw it again at the new one.
    view.rendered.delete("chart");
    if (view.snapshot && !$("#dashboard").hidden) draw(view.snapshot);
  });
  if (token()) open();
  else askForToken("");
}

start();
