package dev.cogworks.core.internal.command;

import dev.cogworks.api.component.ComponentHandler;
import dev.cogworks.api.component.ComponentId;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.api.messaging.MessagingQueue;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes clicks on buttons and choices in select menus to the cog handler their {@link ComponentId}
 * names. A click is acknowledged here, in this process, with a deferred update (the interaction's
 * first acknowledgement, which Discord wants within 3 s); the handler's answers go through the
 * MessagingQueue. A click whose cog is not running, or whose handler is gone, is told so,
 * ephemerally.
 */
public final class ComponentRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ComponentRouter.class);

  private final ComponentRegistry components;
  private final CommandExecutor executor;
  private final MessagingQueue messaging;
  private final ServerRules rules;

  public ComponentRouter(
      ComponentRegistry components,
      CommandExecutor executor,
      MessagingQueue messaging,
      ServerRules rules) {
    this.components = components;
    this.executor = executor;
    this.messaging = messaging;
    this.rules = rules;
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    route(event, List.of());
  }

  @Override
  public void onStringSelectInteraction(StringSelectInteractionEvent event) {
    route(event, event.getValues());
  }

  private void route(GenericComponentInteractionCreateEvent event, List<String> values) {
    Optional<ComponentId> id = ComponentId.parse(event.getComponentId());
    Optional<ComponentSpec> spec = id.flatMap(components::find);
    if (spec.isEmpty()) {
      log.info(
          "Click on component '{}' refused: no running cog has its handler",
          event.getComponentId());
      event.reply("This " + kind(event) + " no longer works.").setEphemeral(true).queue();
      return;
    }
    if (!rules.cogOn(event.getGuild(), id.get().cog())) {
      event
          .reply(ServerRules.cogOff(id.get().cog(), rules.mainPrefix(event.getGuild())))
          .setEphemeral(true)
          .queue();
      return;
    }
    if (!executor.accepting()) {
      event.reply(CommandExecutor.SHUTTING_DOWN).setEphemeral(true).queue();
      return;
    }
    CompletableFuture<?> deferred = event.deferEdit().submit();
    ComponentClick click = new ComponentClick(event, id.get(), values, messaging, deferred);
    ComponentHandler handler = spec.get().handler();
    if (!executor.run(() -> handler.handle(click), click, () -> {})) {
      click.refuse(CommandExecutor.SHUTTING_DOWN);
    }
  }

  /** How messages name the component: {@code button} or {@code menu}. */
  static String kind(GenericComponentInteractionCreateEvent event) {
    return event.getComponentType() == Component.Type.BUTTON ? "button" : "menu";
  }
}
