// The discord-sim chat page: talk to bots as a simulated user. Everything goes through the
// simulator's control API (/_sim/...), so what a person does here is exactly what tests do.
"use strict";

const OPTION = { SUB_COMMAND: 1, SUB_COMMAND_GROUP: 2, STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6,
  CHANNEL: 7, ROLE: 8, MENTIONABLE: 9, NUMBER: 10 };
const FLAG_EPHEMERAL = 64;
const FLAG_LOADING = 128;
// Discord's client waits for a pause in typing before it asks the bot for suggestions.
const AUTOCOMPLETE_DELAY_MS = 250;

const view = {
  world: { guilds: [], users: [] },
  guildId: null,
  channelId: null,
  dmBotId: null, // set while a direct message with this bot is open
  suggestionIndex: 0, // the highlighted slash suggestion
  notices: [], // {guildId, text}: bots removed from or invited to a server
  userId: localStorage.getItem("discord-sim.user"),
  messages: new Map(), // id -> message of the open channel, in arrival order
  commands: [],
};

const $ = (selector) => document.querySelector(selector);

// ---- talking to the simulator ----

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((data && data.message) || `${method} ${path} answered ${response.status}`);
  }
  return data;
}

function showError(error) {
  const box = $("#error");
  box.textContent = error ? String(error.message || error) : "";
  box.hidden = !error;
}

// Runs an action and shows its failure instead of swallowing it.
async function attempt(action) {
  try {
    showError(null);
    await action();
  } catch (error) {
    showError(error);
  }
}

// ---- world: guilds, channels, who you are ----

async function loadWorld() {
  view.world = await api("GET", "/_sim/state");
  if (view.dmBotId) {
    renderChannelList();
    renderUserPicker();
    return;
  }
  const guild = currentGuild() || view.world.guilds[0];
  view.guildId = guild ? guild.id : null;
  if (guild && !textChannels(guild).some((c) => c.id === view.channelId)) {
    // The open channel was deleted (or none was open yet): show the guild's first one.
    const first = textChannels(guild).length ? textChannels(guild)[0].id : null;
    if (view.channelId && first) {
      renderChannelList();
      renderUserPicker();
      await openChannel(first);
      return;
    }
    view.channelId = first;
  }
  renderChannelList();
  renderChannelHeader();
  renderUserPicker();
}

// The open guild channel's name and topic, as they are now (a bot may have renamed it).
function renderChannelHeader() {
  if (view.dmBotId) return;
  const guild = currentGuild();
  const channel = guild && guild.channels.find((c) => c.id === view.channelId);
  if (!channel) return;
  $("#channel-name").textContent = channel.name;
  $("#channel-topic").textContent = channel.topic || "";
  $("#channel-topic").hidden = !channel.topic;
}

// Text channels are opened here; voice and stage channels (types 2, 13) are in the voice list.
function textChannels(guild) {
  return guild.channels.filter((c) => c.type !== 2 && c.type !== 13);
}

function currentGuild() {
  return view.world.guilds.find((g) => g.id === view.guildId) || null;
}

function guildOfChannel(channelId) {
  return view.world.guilds.find((g) => g.channels.some((c) => c.id === channelId));
}

function userName(id) {
  const user = view.world.users.find((u) => u.id === id);
  return user ? user.username : id;
}

function renderChannelList() {
  const list = $("#channel-list");
  list.replaceChildren();
  for (const guild of view.world.guilds) {
    list.append(el("div", { class: "guild-name" }, guild.name));
    for (const channel of textChannels(guild)) {
      const button = el("button", { class: "channel", "data-channel-id": channel.id, type: "button" },
        "# " + channel.name);
      if (channel.id === view.channelId) button.classList.add("active");
      button.addEventListener("click", () => attempt(() => openChannel(channel.id)));
      list.append(button);
    }
  }
  // Direct messages: every bot, whichever servers it is in, as in Discord's DM list.
  list.append(el("div", { class: "guild-name" }, "Direct messages"));
  for (const bot of view.world.bots || []) {
    const button = el("button", { class: "channel dm", "data-dm-bot-id": bot.id, type: "button" },
      "@ " + bot.username);
    if (bot.id === view.dmBotId) button.classList.add("active");
    button.addEventListener("click", () => attempt(() => openDirectMessage(bot.id)));
    list.append(button);
  }
}

function renderUserPicker() {
  const picker = $("#user-picker");
  const guild = currentGuild();
  // In a DM anyone may write to the bot; in a server only its members.
  const everyone = view.dmBotId ? view.world.users : guild ? guild.members.map((m) => m.user) : [];
  const people = everyone.filter((u) => !u.bot);
  picker.replaceChildren(...people.map((u) => el("option", { value: u.id }, u.username)));
  if (!people.some((u) => u.id === view.userId) && people.length) view.userId = people[0].id;
  picker.value = view.userId || "";
}

// ---- the conversation ----

async function openChannel(channelId) {
  view.dmBotId = null;
  view.channelId = channelId;
  view.guildId = guildOfChannel(channelId).id;
  $("#channel-header .hash").textContent = "#";
  renderChannelHeader();
  renderChannelList();
  renderUserPicker();
  const messages = await api("GET", `/_sim/channels/${channelId}/messages`);
  view.messages = new Map(messages.map((m) => [m.id, m]));
  view.commands = await api("GET", `/_sim/guilds/${view.guildId}/commands`);
  renderMessages();
}

// The private conversation between the chosen user and a bot (the same DM channel the bot gets
// from Discord's "Create DM"). Its slash commands are the bot's global ones allowed in DMs.
async function openDirectMessage(botId) {
  const channel = await api("POST", `/_sim/users/${view.userId}/channels`, { bot_id: botId });
  view.dmBotId = botId;
  view.channelId = channel.id;
  $("#channel-header .hash").textContent = "@";
  $("#channel-name").textContent = userName(botId);
  $("#channel-topic").hidden = true;
  renderChannelList();
  renderUserPicker();
  const messages = await api("GET", `/_sim/channels/${channel.id}/messages`);
  view.messages = new Map(messages.map((m) => [m.id, m]));
  view.commands = await api("GET", `/_sim/channels/${channel.id}/commands`);
  renderMessages();
}

function renderMessages() {
  const box = $("#messages");
  const visible = [...view.messages.values()].filter(isVisible);
  box.replaceChildren(...visible.map(renderMessage));
  if (!visible.length) box.append(el("div", { class: "empty" }, "No messages yet. Say something!"));
  if (!view.dmBotId) {
    for (const notice of view.notices.filter((n) => n.guildId === view.guildId)) {
      box.append(el("div", { class: "notice" }, notice.text));
    }
  }
  box.scrollTop = box.scrollHeight;
}

// Deleted messages are gone; ephemeral ones are shown only to the user who ran the command.
function isVisible(message) {
  if (message.deleted) return false;
  if (message.flags & FLAG_EPHEMERAL) {
    const invoker = message.interaction_metadata && message.interaction_metadata.user;
    return invoker && invoker.id === view.userId;
  }
  return true;
}

function renderMessage(message) {
  const node = el("article", { class: "message", "data-message-id": message.id });
  if (message.flags & FLAG_EPHEMERAL) node.classList.add("ephemeral");
  if (message.flags & FLAG_LOADING) node.classList.add("loading");
  if (message.interaction_metadata && message.interaction_metadata.user) {
    node.append(el("div", { class: "interaction" },
      `↳ ${message.interaction_metadata.user.username} used a command`));
  }
  if (message.referenced_message) node.append(renderReplyTo(message.referenced_message));
  const meta = el("div", { class: "meta" }, el("span", { class: "author" }, message.author.username));
  if (message.author.bot) meta.append(el("span", { class: "bot-tag" }, "BOT"));
  meta.append(el("span", { class: "time" }, new Date(message.timestamp).toLocaleTimeString()));
  node.append(meta);
  const content = el("div", { class: "content" });
  content.innerHTML = formatContent(message.content || "");
  if (message.edited_timestamp) content.append(" ", el("span", { class: "edited" }, "(edited)"));
  node.append(content);
  const pinged = pingedNames(message);
  if (pinged.length) {
    node.classList.add("pings");
    node.append(el("div", { class: "pinged" }, "🔔 pinged " + pinged.join(", ")));
  }
  for (const embed of message.embeds || []) node.append(renderEmbed(embed));
  for (const row of message.components || []) node.append(renderRow(message, row));
  if (message.flags & FLAG_EPHEMERAL) node.append(el("div", { class: "note" }, "Only you can see this"));
  return node;
}

// Who the message notified, from Discord's mentions, mention_roles and mention_everyone: a bot
// that forgets to restrict allowed_mentions shows here who it would have woken up.
function pingedNames(message) {
  const names = (message.mentions || []).map((u) => "@" + u.username);
  const guild = guildOfChannel(message.channel_id);
  for (const id of message.mention_roles || []) {
    const role = guild && guild.roles.find((r) => r.id === id);
    names.push("@" + (role ? role.name : id));
  }
  if (message.mention_everyone) names.push("@everyone");
  return names;
}

function renderReplyTo(replied) {
  if (replied.deleted) return el("div", { class: "reply-to" }, "↪ Original message was deleted");
  const excerpt = replied.content.length > 80 ? replied.content.slice(0, 80) + "…" : replied.content;
  return el("div", { class: "reply-to" }, "↪ replying to ",
    el("span", { class: "reply-author" }, replied.author.username), ": " + excerpt);
}

// Escapes first, then applies a small, safe subset of Discord markdown.
function formatContent(text) {
  let html = escapeHtml(text);
  html = html.replace(/```([\s\S]*?)```/g, (_, code) => `<pre>${code}</pre>`);
  html = html.replace(/`([^`\n]+)`/g, "<code>$1</code>");
  html = html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  html = html.replace(/\*([^*\n]+)\*/g, "<em>$1</em>");
  html = html.replace(/&lt;@!?(\d+)&gt;/g, (_, id) => `<span class="mention">@${escapeHtml(userName(id))}</span>`);
  html = html.replace(/&lt;@&amp;(\d+)&gt;/g, (_, id) => `<span class="mention">@${escapeHtml(roleName(id))}</span>`);
  html = html.replace(/&lt;#(\d+)&gt;/g, (_, id) => `<span class="mention">#${escapeHtml(channelName(id))}</span>`);
  return html;
}

function roleName(id) {
  const guild = currentGuild();
  const role = guild && guild.roles.find((r) => r.id === id);
  return role ? role.name : id;
}

function channelName(id) {
  const guild = guildOfChannel(id);
  const channel = guild && guild.channels.find((c) => c.id === id);
  return channel ? channel.name : id;
}

function renderEmbed(embed) {
  const node = el("div", { class: "embed" });
  if (embed.color != null) node.style.borderLeftColor = "#" + Number(embed.color).toString(16).padStart(6, "0");
  if (embed.author && embed.author.name) node.append(el("div", { class: "embed-author" }, embed.author.name));
  if (embed.title) {
    const title = el("div", { class: "embed-title" });
    if (embed.url && /^https?:/.test(embed.url)) {
      title.append(el("a", { href: embed.url, target: "_blank", rel: "noopener" }, embed.title));
    } else {
      title.textContent = embed.title;
    }
    node.append(title);
  }
  if (embed.description) {
    const description = el("div", { class: "embed-description" });
    description.innerHTML = formatContent(embed.description);
    node.append(description);
  }
  if (embed.fields && embed.fields.length) {
    const fields = el("div", { class: "embed-fields" });
    for (const field of embed.fields) {
      const value = el("div", { class: "embed-field-value" });
      value.innerHTML = formatContent(field.value || "");
      fields.append(el("div", { class: "embed-field" + (field.inline ? " inline" : "") },
        el("div", { class: "embed-field-name" }, field.name || ""), value));
    }
    node.append(fields);
  }
  for (const key of ["thumbnail", "image"]) {
    const url = embed[key] && embed[key].url;
    if (url && /^https?:/.test(url)) node.append(el("img", { src: url, alt: key }));
  }
  const footer = [embed.footer && embed.footer.text, embed.timestamp && new Date(embed.timestamp).toLocaleString()]
    .filter(Boolean).join(" • ");
  if (footer) node.append(el("div", { class: "embed-footer" }, footer));
  return node;
}

// ---- components: buttons and select menus ----

function renderRow(message, row) {
  const node = el("div", { class: "row" });
  const children = row.type === 1 ? row.components || [] : [row];
  for (const component of children) {
    if (component.type === 2) node.append(renderButton(message, component));
    else if (component.type >= 3 && component.type <= 8) node.append(renderSelect(message, component));
  }
  return node;
}

function renderButton(message, button) {
  const label = [button.emoji && button.emoji.name, button.label].filter(Boolean).join(" ") || "button";
  const node = el("button", { type: "button", class: `component style-${button.style}` }, label);
  node.disabled = !!button.disabled;
  if (button.style === 5) {
    node.addEventListener("click", () => window.open(button.url, "_blank", "noopener"));
    return node;
  }
  node.dataset.customId = button.custom_id;
  node.addEventListener("click", () => attempt(() => api("POST", "/_sim/components",
    { message_id: message.id, user_id: view.userId, custom_id: button.custom_id })));
  return node;
}

function renderSelect(message, menu) {
  const node = el("select", { class: "component", "data-custom-id": menu.custom_id });
  node.multiple = (menu.max_values || 1) > 1;
  node.disabled = !!menu.disabled;
  if (!node.multiple) node.append(el("option", { value: "" }, menu.placeholder || "Make a selection"));
  for (const option of selectOptions(menu)) {
    node.append(el("option", { value: option.value }, option.label));
  }
  node.addEventListener("change", () => {
    const values = [...node.selectedOptions].map((o) => o.value).filter(Boolean);
    if (!values.length) return;
    attempt(() => api("POST", "/_sim/components",
      { message_id: message.id, user_id: view.userId, custom_id: menu.custom_id, values }));
  });
  return node;
}

// The DM shaped like a guild for the pickers: its two members and nothing else.
function dmAsGuild() {
  const people = view.world.users.filter((u) => u.id === view.userId || u.id === view.dmBotId);
  return { members: people.map((user) => ({ user })), roles: [], channels: [] };
}

// Auto-populated selects (users, roles, mentionables, channels) list the guild's entities.
function selectOptions(menu) {
  const guild = view.dmBotId ? dmAsGuild() : currentGuild();
  const users = guild.members.map((m) => ({ value: m.user.id, label: "@" + m.user.username }));
  const roles = guild.roles.map((r) => ({ value: r.id, label: "@" + r.name }));
  switch (menu.type) {
    case 3: return menu.options || [];
    case 5: return users;
    case 6: return roles;
    case 7: return users.concat(roles);
    case 8: return guild.channels.map((c) => ({ value: c.id, label: "#" + c.name }));
    default: return [];
  }
}

// ---- composer and slash commands ----

async function sendMessage(text) {
  if (view.dmBotId) {
    await api("POST", `/_sim/users/${view.userId}/dm`, { bot_id: view.dmBotId, content: text });
    return;
  }
  await api("POST", `/_sim/channels/${view.channelId}/messages`, { author_id: view.userId, content: text });
}

function visibleSuggestions() {
  const box = $("#command-suggestions");
  return box.hidden ? [] : [...box.querySelectorAll(".suggestion")];
}

function highlightSuggestion(index) {
  const items = visibleSuggestions();
  if (!items.length) return;
  view.suggestionIndex = (index + items.length) % items.length;
  items.forEach((item, i) => item.classList.toggle("highlighted", i === view.suggestionIndex));
}

function onComposerKey(event) {
  // As in Discord: with suggestions open, arrows move the highlight, Enter or Tab picks it.
  const suggestions = visibleSuggestions();
  if (suggestions.length) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlightSuggestion(view.suggestionIndex + (event.key === "ArrowDown" ? 1 : -1));
      return;
    }
    if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
      event.preventDefault();
      suggestions[Math.min(view.suggestionIndex, suggestions.length - 1)].click();
      return;
    }
  }
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    const text = $("#composer").value;
    if (!text.trim()) return;
    if (text.startsWith("/")) {
      const match = view.commands.find((c) => c.name === text.slice(1).trim().split(/\s+/)[0]);
      if (match) openCommandForm(match);
      else showError(new Error(`No bot here has a command /${text.slice(1).trim()}`));
      return;
    }
    attempt(async () => {
      await sendMessage(text);
      $("#composer").value = "";
    });
  }
}

function onComposerInput() {
  const text = $("#composer").value;
  const box = $("#command-suggestions");
  if (!text.startsWith("/") || text.includes(" ")) {
    box.hidden = true;
    return;
  }
  const prefix = text.slice(1).toLowerCase();
  const matches = view.commands.filter((c) => c.type === 1 && c.name.startsWith(prefix));
  box.replaceChildren(...matches.map((command) => {
    const item = el("button", { type: "button", class: "suggestion", "data-command": command.name },
      "/" + command.name, el("span", { class: "desc" }, command.description || ""));
    item.addEventListener("click", () => {
      box.hidden = true;
      openCommandForm(command);
    });
    return item;
  }));
  box.hidden = !matches.length;
  highlightSuggestion(0);
}

// Every runnable path of a command: "name", or "name sub", or "name group sub".
function commandPaths(command) {
  const options = command.options || [];
  const subs = options.filter((o) => o.type === OPTION.SUB_COMMAND || o.type === OPTION.SUB_COMMAND_GROUP);
  if (!subs.length) return [{ path: command.name, options }];
  const paths = [];
  for (const sub of subs) {
    if (sub.type === OPTION.SUB_COMMAND) {
      paths.push({ path: `${command.name} ${sub.name}`, options: sub.options || [] });
    } else {
      for (const leaf of sub.options || []) {
        paths.push({ path: `${command.name} ${sub.name} ${leaf.name}`, options: leaf.options || [] });
      }
    }
  }
  return paths;
}

function openCommandForm(command) {
  $("#command-suggestions").hidden = true;
  const paths = commandPaths(command);
  const form = $("#command-form");
  const render = (chosen) => {
    form.replaceChildren(el("div", { class: "title" }, "/" + chosen.path));
    if (paths.length > 1) {
      const picker = el("select", { name: "__path" },
        ...paths.map((p) => el("option", { value: p.path }, p.path)));
      picker.value = chosen.path;
      picker.addEventListener("change", () => render(paths.find((p) => p.path === picker.value)));
      form.append(el("label", {}, "subcommand", picker));
    }
    for (const option of chosen.options) form.append(optionInput(option, chosen, form));
    const cancel = el("button", { type: "button", class: "cancel" }, "Cancel");
    cancel.addEventListener("click", closeCommandForm);
    form.append(el("button", { type: "submit", id: "command-submit" }, "Run"), cancel);
    form.onsubmit = (event) => {
      event.preventDefault();
      attempt(() => runCommand(chosen, form));
    };
  };
  render(paths[0]);
  form.hidden = false;
}

function closeCommandForm() {
  $("#command-form").hidden = true;
  $("#composer").value = "";
}

function optionInput(option, chosen, form) {
  // In a DM there is no server: the people to pick are its two sides, and no roles or channels.
  const guild = view.dmBotId ? dmAsGuild() : currentGuild();
  let input;
  if (option.autocomplete) return autocompleteInput(option, chosen, form);
  const choices = (values) => el("select", { name: option.name },
    ...(option.required ? [] : [el("option", { value: "" }, "")]),
    ...values.map((v) => el("option", { value: v.value }, v.label)));
  if (option.choices && option.choices.length) {
    input = choices(option.choices.map((c) => ({ value: String(c.value), label: c.name })));
  } else if (option.type === OPTION.BOOLEAN) {
    input = choices([{ value: "true", label: "true" }, { value: "false", label: "false" }]);
  } else if (option.type === OPTION.USER) {
    input = choices(guild.members.map((m) => ({ value: m.user.id, label: m.user.username })));
  } else if (option.type === OPTION.ROLE) {
    input = choices(guild.roles.map((r) => ({ value: r.id, label: r.name })));
  } else if (option.type === OPTION.MENTIONABLE) {
    input = choices(guild.members.map((m) => ({ value: m.user.id, label: "@" + m.user.username }))
      .concat(guild.roles.map((r) => ({ value: r.id, label: "@" + r.name }))));
  } else if (option.type === OPTION.CHANNEL) {
    input = choices(guild.channels.map((c) => ({ value: c.id, label: "#" + c.name })));
  } else {
    const numeric = option.type === OPTION.INTEGER || option.type === OPTION.NUMBER;
    input = el("input", { name: option.name, type: numeric ? "number" : "text",
      step: option.type === OPTION.NUMBER ? "any" : "1", placeholder: option.description || "" });
  }
  return el("label", { class: option.required ? "required" : "" }, el("span", {}, option.name), input);
}

// A text field whose suggestions come from the bot: each pause in typing (and focusing the field)
// sends an autocomplete interaction with what is typed so far; only the latest answer is shown.
function autocompleteInput(option, chosen, form) {
  const input = el("input", { name: option.name, type: "text", autocomplete: "off",
    placeholder: option.description || "" });
  const list = el("div", { class: "choices", "data-choices-for": option.name, role: "listbox" });
  list.hidden = true;
  let timer = null;
  let latest = 0;
  const ask = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const request = ++latest;
      let content;
      try {
        const answer = await api("POST", "/_sim/autocomplete", {
          ...where(), name: chosen.path, options: typedOptions(chosen, form), focused: option.name,
        });
        content = answer.choices.length
          ? answer.choices.map((choice) => choiceButton(choice, input, list))
          : [el("div", { class: "choices-note" }, "No options match your search")];
      } catch (error) {
        content = [el("div", { class: "choices-note" }, "Loading options failed: " + error.message)];
      }
      if (request !== latest || document.activeElement !== input) return;
      list.replaceChildren(...content);
      list.hidden = false;
    }, AUTOCOMPLETE_DELAY_MS);
  };
  input.addEventListener("input", ask);
  input.addEventListener("focus", ask);
  input.addEventListener("blur", () => { list.hidden = true; });
  input.addEventListener("keydown", (event) => { if (event.key === "Escape") list.hidden = true; });
  return el("label", { class: option.required ? "required autocomplete" : "autocomplete" },
    el("span", {}, option.name), input, list);
}

function choiceButton(choice, input, list) {
  const button = el("button", { type: "button", class: "choice", role: "option",
    "data-value": String(choice.value) }, choice.name);
  // Keeps the focus in the field, so choosing does not count as leaving it.
  button.addEventListener("mousedown", (event) => event.preventDefault());
  button.addEventListener("click", () => {
    input.value = String(choice.value);
    list.hidden = true;
  });
  return button;
}

// The options filled in so far, as {name: value}.
function typedOptions(chosen, form) {
  const options = {};
  for (const option of chosen.options) {
    const value = form.elements[option.name].value;
    if (value !== "") options[option.name] = value;
  }
  return options;
}

async function runCommand(chosen, form) {
  await api("POST", "/_sim/interactions", {
    ...where(), name: chosen.path, options: typedOptions(chosen, form),
  });
  closeCommandForm();
}

// Where an interaction starts: a guild channel, or the DM (which belongs to no guild).
function where() {
  const place = { channel_id: view.channelId, user_id: view.userId };
  if (!view.dmBotId) place.guild_id = view.guildId;
  return place;
}

// ---- live updates ----

function listen() {
  const events = new EventSource("/_sim/events");
  const onMessage = (event) => {
    const data = JSON.parse(event.data);
    if (data.message.channel_id !== view.channelId) return;
    view.messages.set(data.message.id, data.message);
    renderMessages();
  };
  events.addEventListener("message_create", onMessage);
  events.addEventListener("message_update", onMessage);
  events.addEventListener("message_delete", (event) => {
    const data = JSON.parse(event.data);
    if (data.channel_id !== view.channelId) return;
    for (const id of data.ids) view.messages.delete(id);
    renderMessages();
  });
  for (const type of ["member_add", "member_update", "role_update", "role_delete", "channel_create",
    "channel_update", "channel_delete"]) {
    events.addEventListener(type, () => attempt(loadWorld));
  }
  // A bot removed from a server, or invited back: say so where its people would notice.
  events.addEventListener("member_remove", (event) => {
    const data = JSON.parse(event.data);
    if (data.user.bot) notice(data.guild_id, `${data.user.username} was removed from the server`);
    attempt(async () => { await loadWorld(); await refreshCommands(); });
  });
  events.addEventListener("guild_join", (event) => {
    const data = JSON.parse(event.data);
    notice(data.guild_id, `${userName(data.bot_id)} joined the server`);
    attempt(async () => { await loadWorld(); await refreshCommands(); });
  });
  events.addEventListener("voice_state_update", () => attempt(loadVoice));
  // Commands are registered over REST, which sends no event: refresh them when a bot may have.
  events.addEventListener("message_create", () => refreshCommands());
}

function notice(guildId, text) {
  view.notices.push({ guildId, text });
  renderMessages();
}

async function refreshCommands() {
  if (view.dmBotId) view.commands = await api("GET", `/_sim/channels/${view.channelId}/commands`);
  else if (view.guildId) view.commands = await api("GET", `/_sim/guilds/${view.guildId}/commands`);
}

// ---- voice: who is in which voice channel, the bots' levels, and listening in ----

async function loadVoice() {
  const voice = await api("GET", "/_sim/voice");
  view.voice = new Map(voice.guilds.map((g) => [g.guild_id, g]));
  renderVoice();
}

// Redrawn only when what it shows changed, so a click is never lost to a redraw.
function renderVoice() {
  const list = $("#voice-list");
  const nodes = [];
  for (const guild of (view.world && view.world.guilds) || []) {
    const audio = guild.channels.filter((c) => c.type === 2 || c.type === 13);
    if (!audio.length) continue;
    const info = (view.voice && view.voice.get(guild.id)) || { voice_states: [], connections: [] };
    const header = el("div", { class: "guild-name voice-header" }, guild.name + " · voice");
    const listenButton = el("button", { class: "listen", type: "button", "data-listen-guild": guild.id },
      listening.guildId === guild.id ? "Stop listening" : "Listen");
    listenButton.addEventListener("click", () => attempt(() => toggleListen(guild.id)));
    header.append(listenButton);
    nodes.push(header);
    for (const channel of audio) {
      const row = el("button", { class: "channel voice", type: "button", "data-voice-channel-id": channel.id },
        (channel.type === 13 ? "🎙 " : "🔊 ") + channel.name);
      row.addEventListener("click", () => attempt(() => toggleVoice(guild.id, channel.id)));
      nodes.push(row);
      for (const state of info.voice_states.filter((s) => s.channel_id === channel.id)) {
        const connection = info.connections.find((c) => c.user_id === state.user_id && c.connected);
        const member = el("div", { class: "voice-member", "data-voice-user-id": state.user_id },
          state.username || userName(state.user_id));
        if (state.bot) member.append(el("span", { class: "bot-tag" }, "BOT"));
        if (state.suppress) member.append(el("span", { class: "note" }, "audience"));
        if (connection) member.append(levelMeter(connection));
        nodes.push(member);
      }
    }
  }
  // Levels change every poll: when nothing else did, only the meters are updated, in place, so
  // the buttons a person (or a test) is about to click stay the same elements.
  const structure = nodes.map((n) => n.outerHTML.replace(/<span class="level"[^]*?<\/span><\/span>/g, ""))
    .join("");
  if (structure === list.dataset.structure) {
    // A meter comes when a member's connection does (often a poll after their voice state) and
    // goes with it: add, replace or remove it in the row that is already there.
    for (const fresh of nodes.filter((n) => n.dataset && n.dataset.voiceUserId)) {
      const member = list.querySelector(`[data-voice-user-id="${fresh.dataset.voiceUserId}"]`);
      if (!member) continue;
      const old = member.querySelector(".level");
      const now = fresh.querySelector(".level");
      if (old && now) old.replaceWith(now);
      else if (now) member.append(now);
      else if (old) old.remove();
    }
    return;
  }
  list.dataset.structure = structure;
  list.replaceChildren(...nodes);
}

// The level of the last ~200 ms: -60 dBFS or quieter is empty, 0 dBFS full.
function levelMeter(connection) {
  const recent = connection.last_frame_at && Date.now() - Date.parse(connection.last_frame_at) < 1000;
  const fill = recent ? Math.max(0, Math.min(100, Math.round((connection.level_dbfs + 60) * 100 / 60))) : 0;
  const meter = el("span", { class: "level", "data-packets": connection.packets,
    title: `${connection.packets} packets, ${connection.level_dbfs} dBFS` });
  meter.append(el("span", { class: "level-fill", style: `width: ${fill}%` }));
  return meter;
}

// The person picked in "You are" joins the voice channel, or leaves it when already in it.
async function toggleVoice(guildId, channelId) {
  const info = view.voice && view.voice.get(guildId);
  const mine = info && info.voice_states.find((s) => s.user_id === view.userId);
  const leaving = mine && mine.channel_id === channelId;
  await api("POST", `/_sim/guilds/${guildId}/voice-states`,
    { user_id: view.userId, channel_id: leaving ? null : channelId });
  await loadVoice();
}

// What bots send in the guild's voice channels, decoded by the simulator and played here.
// window.simVoiceListen lets a test see that audio arrived and was scheduled.
const listening = { socket: null, context: null, guildId: null, frames: 0, scheduled: 0, peak: 0, nextTime: 0 };
window.simVoiceListen = listening;

async function toggleListen(guildId) {
  if (listening.socket) {
    listening.socket.close();
    listening.socket = null;
    const wasThis = listening.guildId === guildId;
    listening.guildId = null;
    renderVoice();
    if (wasThis) return;
  }
  // Made on the click: browsers let a page start audio only from a person's gesture.
  listening.context = listening.context || new AudioContext({ sampleRate: 48000 });
  await listening.context.resume();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/_sim/voice/listen?guild_id=${guildId}`);
  socket.binaryType = "arraybuffer";
  socket.onmessage = (event) => schedule(new Int16Array(event.data));
  listening.socket = socket;
  listening.guildId = guildId;
  renderVoice();
}

// 20 ms of interleaved stereo 16-bit PCM at 48 kHz, queued right after the previous frame.
function schedule(samples) {
  const context = listening.context;
  const frames = samples.length / 2;
  const buffer = context.createBuffer(2, frames, 48000);
  const left = buffer.getChannelData(0);
  const right = buffer.getChannelData(1);
  for (let i = 0; i < frames; i++) {
    left[i] = samples[2 * i] / 32768;
    right[i] = samples[2 * i + 1] / 32768;
    listening.peak = Math.max(listening.peak, Math.abs(left[i]));
  }
  listening.frames++;
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  // 100 ms of latency absorbs the network's jitter; a frame that comes too late restarts it.
  const now = context.currentTime;
  if (listening.nextTime < now + 0.02) listening.nextTime = now + 0.1;
  source.start(listening.nextTime);
  listening.nextTime += buffer.duration;
  listening.scheduled++;
}

// ---- helpers ----

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null && value !== "") node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// Links set by whoever runs the simulator (POST /_sim/links), e.g. the sandbox's queue monitor.
async function loadLinks() {
  const links = await api("GET", "/_sim/links");
  $("#page-links").replaceChildren(...links.map((link) =>
    el("a", { href: link.url, target: "_blank", rel: "noopener noreferrer" }, link.label)));
  $("#page-links").hidden = !links.length;
}

async function start() {
  $("#composer").addEventListener("keydown", onComposerKey);
  $("#composer").addEventListener("input", onComposerInput);
  $("#composer").addEventListener("focus", () => attempt(refreshCommands));
  $("#composer-form").addEventListener("submit", (event) => event.preventDefault());
  $("#user-picker").addEventListener("change", (event) => {
    view.userId = event.target.value;
    localStorage.setItem("discord-sim.user", view.userId);
    // Each person has their own DM with a bot.
    if (view.dmBotId) attempt(() => openDirectMessage(view.dmBotId));
    else renderMessages();
  });
  await loadWorld();
  await loadLinks();
  await loadVoice();
  // The level meters follow what the voice server hears.
  setInterval(() => loadVoice().catch(() => {}), 500);
  listen();
  if (view.channelId) await openChannel(view.channelId);
}

attempt(start);
