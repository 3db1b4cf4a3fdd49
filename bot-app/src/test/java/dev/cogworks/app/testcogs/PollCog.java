package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.command.Reply;
import dev.cogworks.api.component.ComponentId;
import dev.cogworks.api.component.ComponentInvocation;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.ButtonStyle;
import dev.cogworks.api.messaging.Component.Button;
import dev.cogworks.api.messaging.Component.SelectMenu;
import dev.cogworks.api.messaging.Component.SelectOption;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A poll with buttons and a select menu: votes are answered in the channel, toppings to the chooser
 * alone, and only the asker (named in the close button's payload) may close it, which updates the
 * poll's message. {@code old-poll} posts components no running handler serves any more.
 */
public final class PollCog extends CogHelper {
  @Override
  public String name() {
    return "poll";
  }

  @Override
  public List<ComponentSpec> components() {
    return List.of(
        ComponentSpec.of("vote", click -> click.reply(voter(click) + " voted " + click.payload())),
        ComponentSpec.of(
            "toppings",
            click ->
                click.reply(
                    Reply.of(voter(click) + " picked " + String.join(", ", click.values()))
                        .asEphemeral())),
        ComponentSpec.of("close", this::close));
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("poll", "Ask a question with Yes and No buttons")
            .option(OptionSpec.required("question", OptionKind.STRING, "what to ask"))
            .handler(this::ask)
            .build(),
        CommandSpec.builder("old-poll", "Post components that no handler serves any more")
            .handler(
                inv ->
                    inv.reply(
                        Reply.of("An old poll")
                            .withComponents(
                                ActionRow.of(
                                    // A handler this cog no longer declares.
                                    Button.of(
                                        ButtonStyle.PRIMARY,
                                        new ComponentId("poll", "retired", "1").customId(),
                                        "Retired"),
                                    // A cog that is not running.
                                    Button.of(
                                        ButtonStyle.PRIMARY,
                                        new ComponentId("weather", "refresh", "").customId(),
                                        "Weather"),
                                    // Not a Cogworks component id at all.
                                    Button.of(ButtonStyle.PRIMARY, "legacy-button", "Legacy")))))
            .build());
  }

  private CompletionStage<?> ask(CommandInvocation inv) {
    return inv.reply(
        Reply.of("**" + inv.string("question").orElseThrow() + "**")
            .withComponents(
                ActionRow.of(
                    Button.of(ButtonStyle.SUCCESS, componentId("vote", "yes"), "Yes"),
                    Button.of(ButtonStyle.DANGER, componentId("vote", "no"), "No"),
                    Button.of(
                        ButtonStyle.SECONDARY, componentId("close", inv.user().getId()), "Close")),
                ActionRow.of(
                    new SelectMenu(
                        componentId("toppings", ""),
                        "Toppings",
                        List.of(
                            SelectOption.of("Cheese", "cheese"),
                            SelectOption.of("Olives", "olives"),
                            SelectOption.of("Basil", "basil")),
                        1,
                        3,
                        false))));
  }

  private CompletionStage<?> close(ComponentInvocation click) {
    if (!click.user().getId().equals(click.payload())) {
      throw new CommandException("Only the person who asked can close this poll.");
    }
    return click.updateMessage(Reply.of("Poll closed by " + voter(click) + "."));
  }

  private static String voter(ComponentInvocation click) {
    return click.user().getName();
  }
}
