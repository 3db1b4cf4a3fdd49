package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.messaging.SendOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;

/**
 * A cog for the platform's tests: options of each kind, a subcommand, a permission, a slow one, and
 * mentions of the bot that end in "please".
 */
public final class ToolsCog extends CogHelper {
  @Override
  public String name() {
    return "tools";
  }

  @Override
  public String description() {
    return "Test tools";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("echo", "Repeat the text")
            .option(OptionSpec.required("text", OptionKind.STRING, "what to repeat"))
            .handler(inv -> inv.reply("echo: " + inv.string("text").orElseThrow()))
            .build(),
        CommandSpec.builder("add", "Add two whole numbers")
            .option(OptionSpec.required("a", OptionKind.INTEGER, "first"))
            .option(OptionSpec.required("b", OptionKind.INTEGER, "second"))
            .handler(
                inv ->
                    inv.reply(
                        "sum: "
                            + (inv.integer("a").orElseThrow() + inv.integer("b").orElseThrow())))
            .build(),
        CommandSpec.builder("whois", "Name a member and a role")
            .option(OptionSpec.required("who", OptionKind.USER, "a member"))
            .option(OptionSpec.optional("role", OptionKind.ROLE, "a role"))
            .handler(
                inv ->
                    inv.reply(
                        "member: "
                            + inv.user("who").orElseThrow().getName()
                            + inv.role("role").map(r -> ", role: " + r.getName()).orElse("")))
            .build(),
        CommandSpec.builder("purge", "Needs Manage Messages")
            .requires(Permission.MESSAGE_MANAGE)
            .handler(inv -> inv.reply("purged"))
            .build(),
        CommandSpec.builder("tag", "Tags")
            .subcommand(
                CommandSpec.builder("get", "Show a tag")
                    .option(OptionSpec.required("name", OptionKind.STRING, "tag name"))
                    .handler(inv -> inv.reply("tag " + inv.string("name").orElseThrow()))
                    .build())
            .subcommand(
                CommandSpec.builder("mode", "Pick a mode")
                    .option(
                        OptionSpec.required("mode", OptionKind.STRING, "mode")
                            .withChoices("fast", "slow"))
                    .handler(inv -> inv.reply("mode " + inv.string("mode").orElseThrow()))
                    .build())
            .build(),
        CommandSpec.builder("slow", "Answers at once, then again two seconds later")
            .handler(
                inv ->
                    inv.reply("working...")
                        .thenCompose(
                            first ->
                                CompletableFuture.runAsync(
                                    () -> {},
                                    CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS)))
                        .thenCompose(done -> inv.reply("finally done")))
            .build(),
        CommandSpec.builder("boom", "Fails unexpectedly")
            .handler(
                inv -> {
                  throw new IllegalStateException("kaboom");
                })
            .build());
  }

  /** Takes the mentions that name no command and end in "please"; the core answers the rest. */
  @Override
  public boolean onMention(Message message, String text) {
    if (!text.endsWith("please")) {
      return false;
    }
    sendMessage(
        message.getChannel().getIdLong(),
        "tools heard: " + text,
        SendOptions.DEFAULT.replyingTo(message.getIdLong()));
    return true;
  }
}
