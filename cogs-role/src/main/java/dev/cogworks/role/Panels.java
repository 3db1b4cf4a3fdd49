package dev.cogworks.role;

import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.ButtonStyle;
import dev.cogworks.api.messaging.Component;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.SendOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The self-serve role panel: buttons while the roles fit one message's 25, else select menus of 25
 * roles each, five to a message, over as many messages as needed (Discord's component limits).
 * Every component's id holds its role (or its part), so the panel keeps working after a restart; it
 * is redrawn, by edits through the MessagingQueue, whenever the self-serve roles change.
 */
final class Panels {
  static final int BUTTONS_PER_ROW = 5;
  static final int OPTIONS_PER_MENU = 25;

  /** What one panel message shows. */
  record Part(String content, List<ActionRow> rows) {}

  private final RoleCog cog;

  /** Redraws of one server run one after another, so two changes never race on its messages. */
  private final Map<Long, CompletableFuture<Void>> redraws = new ConcurrentHashMap<>();

  Panels(RoleCog cog) {
    this.cog = cog;
  }

  /** The self-serve roles the bot can give, highest first. */
  static List<GuildRole> roles(GuildView view, Setup setup) {
    return view.assignable().stream()
        .filter(r -> setup.selfServe().contains(r.id()))
        .filter(r -> view.botCannot(r).isEmpty())
        .toList();
  }

  List<Part> render(GuildView view, Setup setup) {
    List<GuildRole> roles = roles(view, setup);
    if (roles.isEmpty()) {
      return List.of(new Part("**Pick your roles** — no self-serve roles yet.", List.of()));
    }
    List<List<ActionRow>> messages = new ArrayList<>();
    if (roles.size() <= BUTTONS_PER_ROW * ActionRow.MAX_ROWS) {
      List<ActionRow> rows = new ArrayList<>();
      for (int i = 0; i < roles.size(); i += BUTTONS_PER_ROW) {
        List<Component> buttons = new ArrayList<>();
        for (GuildRole r : roles.subList(i, Math.min(roles.size(), i + BUTTONS_PER_ROW))) {
          buttons.add(
              Component.Button.of(
                  ButtonStyle.SECONDARY,
                  cog.id(PanelClicks.TOGGLE, Long.toString(r.id())),
                  label(r.name(), 80)));
        }
        rows.add(new ActionRow(buttons));
      }
      messages.add(rows);
    } else {
      List<ActionRow> rows = new ArrayList<>();
      for (int i = 0; i < roles.size(); i += OPTIONS_PER_MENU) {
        if (rows.size() == ActionRow.MAX_ROWS) {
          messages.add(rows);
          rows = new ArrayList<>();
        }
        List<Component.SelectOption> options = new ArrayList<>();
        List<GuildRole> chunk = roles.subList(i, Math.min(roles.size(), i + OPTIONS_PER_MENU));
        for (GuildRole r : chunk) {
          options.add(Component.SelectOption.of(label(r.name(), 100), Long.toString(r.id())));
        }
        rows.add(
            ActionRow.of(
                new Component.SelectMenu(
                    cog.id(PanelClicks.PICK, Integer.toString(i / OPTIONS_PER_MENU)),
                    label(chunk.get(0).name() + " … " + chunk.get(chunk.size() - 1).name(), 150),
                    options,
                    1,
                    options.size(),
                    false)));
      }
      messages.add(rows);
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      parts.add(
          new Part(
              "**Pick your roles** — "
                  + (roles.size() <= 25
                      ? "click one to take it or drop it"
                      : "the roles you pick are taken or dropped")
                  + (messages.size() > 1 ? " (" + (i + 1) + "/" + messages.size() + ")" : ""),
              messages.get(i)));
    }
    return parts;
  }

  /** Posts a new panel in {@code channelId}; the server's previous panel messages go. */
  CompletableFuture<List<PanelMessage>> post(long guildId, long channelId) {
    return serially(
            guildId,
            () ->
                cog.view(guildId)
                    .thenCompose(
                        view -> {
                          Setup setup = cog.setups().of(guildId);
                          List<PanelMessage> old = setup.panel();
                          return sendAll(channelId, render(view, setup), 0)
                              .thenCompose(made -> save(guildId, made).thenApply(saved -> made))
                              .thenCompose(made -> deleteAll(old).thenApply(done -> made));
                        }))
        .thenApply(made -> made);
  }

  /**
   * Redraws the server's panel, if it has one, to show the current self-serve roles. Whether it has
   * one is read in turn with panels being posted, so a change made while `role panel` runs still
   * reaches the new panel.
   */
  CompletableFuture<Void> refresh(long guildId) {
    return serially(
            guildId,
            () -> {
              if (cog.setups().of(guildId).panel().isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              return cog.view(guildId).thenCompose(view -> redraw(guildId, view));
            })
        .thenApply(done -> null);
  }

  private CompletableFuture<Void> redraw(long guildId, GuildView view) {
    Setup setup = cog.setups().of(guildId);
    List<PanelMessage> old = setup.panel();
    List<Part> parts = render(view, setup);
    List<CompletableFuture<Void>> edits = new ArrayList<>();
    for (int i = 0; i < Math.min(parts.size(), old.size()); i++) {
      edits.add(edit(old.get(i), parts.get(i)));
    }
    CompletableFuture<Void> edited = Futures.all(edits).thenApply(done -> null);
    if (parts.size() == old.size()) {
      return edited;
    }
    long channel = old.get(0).channelId();
    return edited
        .thenCompose(
            done ->
                parts.size() > old.size()
                    ? sendAll(channel, parts, old.size())
                    : deleteAll(old.subList(parts.size(), old.size()))
                        .thenApply(gone -> List.<PanelMessage>of()))
        .thenCompose(
            extra -> {
              List<PanelMessage> now =
                  new ArrayList<>(old.subList(0, Math.min(old.size(), parts.size())));
              now.addAll(extra);
              return save(guildId, now);
            });
  }

  private <T> CompletableFuture<T> serially(
      long guildId, java.util.function.Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    redraws.compute(
        guildId,
        (g, previous) -> {
          CompletableFuture<Void> before =
              previous == null ? CompletableFuture.completedFuture(null) : previous;
          return before
              .handle((ok, failure) -> null)
              .thenCompose(ignored -> work.get())
              .whenComplete(
                  (value, failure) -> {
                    if (failure != null) {
                      result.completeExceptionally(failure);
                    } else {
                      result.complete(value);
                    }
                  })
              .handle((ok, failure) -> null);
        });
    return result;
  }

  private CompletableFuture<Void> edit(PanelMessage message, Part part) {
    return cog.edit(
        new DiscordRequest.EditMessage(
            message.channelId(),
            message.messageId(),
            part.content(),
            null,
            part.rows(),
            Priority.NORMAL));
  }

  private CompletableFuture<List<PanelMessage>> sendAll(
      long channelId, List<Part> parts, int from) {
    CompletableFuture<List<PanelMessage>> chain =
        CompletableFuture.completedFuture(new ArrayList<>());
    for (Part part : parts.subList(from, parts.size())) {
      chain =
          chain.thenCompose(
              made ->
                  cog.send(
                          channelId,
                          part.content(),
                          SendOptions.DEFAULT.withComponents(part.rows().toArray(ActionRow[]::new)))
                      .thenApply(
                          sent -> {
                            made.add(new PanelMessage(channelId, sent.id()));
                            return made;
                          }));
    }
    return chain;
  }

  private CompletableFuture<Void> deleteAll(List<PanelMessage> messages) {
    List<CompletableFuture<Void>> deletes = new ArrayList<>();
    for (PanelMessage m : messages) {
      // a panel message someone deleted already is gone either way
      deletes.add(cog.delete(m.channelId(), m.messageId()).handle((ok, failure) -> null));
    }
    return Futures.all(deletes).thenApply(done -> null);
  }

  private CompletableFuture<Void> save(long guildId, List<PanelMessage> messages) {
    return cog.ctx()
        .blocking(
            () ->
                cog.setups()
                    .change(
                        guildId,
                        store -> store.panel(guildId, messages),
                        s -> s.withPanel(messages)))
        .thenApply(setup -> null);
  }

  private static String label(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
