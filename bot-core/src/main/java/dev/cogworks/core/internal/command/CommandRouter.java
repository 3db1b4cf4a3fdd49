package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.Reply;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes both command forms to the same definitions: prefix messages ({@code !name args}, or
 * {@code @bot name args}) and slash commands. Everything that can go wrong before a handler runs —
 * unknown command, missing subcommand, missing permission, bad arguments — is answered with a short
 * reply and the usage. Nothing here blocks an event thread.
 */
public final class CommandRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private final MessagingQueue messaging;
  private final String prefix;

  public CommandRouter(
      CommandRegistry registry, CommandExecutor executor, MessagingQueue messaging, String prefix) {
    this.registry = registry;
    this.executor = executor;
    this.messaging = messaging;
    this.prefix = prefix;
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    Message message = event.getMessage();
    if (!event.isFromGuild() || message.getAuthor().isBot() || message.isWebhookMessage()) {
      return;
    }
    String text = message.getContentRaw().trim();
    String body = stripPrefix(text, event.getJDA().getSelfUser().getId());
    if (body == null) {
      return;
    }
    if (!executor.accepting()) {
      reply(message, CommandExecutor.SHUTTING_DOWN);
      return;
    }
    List<String> tokens = ArgumentTokenizer.tokenize(body);
    if (tokens.isEmpty()) {
      reply(message, "Yes? Try `" + prefix + "help` to see what I can do.");
      return;
    }
    String name = tokens.get(0).toLowerCase(Locale.ROOT);
    var found = registry.find(name);
    if (found.isEmpty()) {
      String hint =
          registry.closest(name).map(c -> " Did you mean `" + prefix + c + "`?").orElse("");
      reply(
          message,
          "Unknown command `" + prefix + name + "`." + hint + " Try `" + prefix + "help`.");
      return;
    }
    try {
      dispatchPrefix(message, found.get().spec(), tokens.subList(1, tokens.size()), name);
    } catch (CommandException e) {
      reply(message, e.getMessage());
    }
  }

  /** The text after the prefix or a leading mention of the bot; null when neither. */
  private String stripPrefix(String text, String selfId) {
    if (text.startsWith(prefix)) {
      return text.substring(prefix.length());
    }
    for (String mention : new String[] {"<@" + selfId + ">", "<@!" + selfId + ">"}) {
      if (text.startsWith(mention)) {
        return text.substring(mention.length()).trim();
      }
    }
    return null;
  }

  private void dispatchPrefix(Message message, CommandSpec spec, List<String> args, String path) {
    if (!spec.subcommands().isEmpty()) {
      String subName = args.isEmpty() ? null : args.get(0).toLowerCase(Locale.ROOT);
      CommandSpec sub =
          spec.subcommands().stream()
              .filter(s -> s.name().equals(subName))
              .findFirst()
              .orElse(null);
      if (sub == null) {
        String choices =
            spec.subcommands().stream()
                .map(s -> "`" + prefix + spec.name() + " " + s.usage() + "`")
                .collect(Collectors.joining(", "));
        throw new CommandException(
            (subName == null
                    ? "`" + prefix + spec.name() + "` needs a subcommand: "
                    : "Unknown subcommand `" + subName + "`. Use one of: ")
                + choices);
      }
      checkPermissions(message.getMember(), spec, sub, path + " " + sub.name());
      run(message, sub, args.subList(1, args.size()), path + " " + sub.name());
      return;
    }
    checkPermissions(message.getMember(), spec, null, path);
    run(message, spec, args, path);
  }

  private void run(Message message, CommandSpec spec, List<String> args, String path) {
    String usage = prefix + path + usageTail(spec);
    Map<String, Object> values =
        ArgumentBinder.bind(spec.options(), args, message.getGuild(), usage);
    PrefixInvocation invocation = new PrefixInvocation(path, prefix, message, values, messaging);
    if (!executor.run(() -> spec.handler().handle(invocation), invocation, () -> {})) {
      reply(message, CommandExecutor.SHUTTING_DOWN);
    }
  }

  private static String usageTail(CommandSpec spec) {
    StringBuilder tail = new StringBuilder();
    spec.options().forEach(o -> tail.append(' ').append(o.usage()));
    return tail.toString();
  }

  private void checkPermissions(Member member, CommandSpec parent, CommandSpec sub, String path) {
    Set<Permission> needed = EnumSet.noneOf(Permission.class);
    needed.addAll(parent.requiredPermissions());
    if (sub != null) {
      needed.addAll(sub.requiredPermissions());
    }
    if (member == null || needed.isEmpty() || member.hasPermission(needed)) {
      return;
    }
    String names =
        needed.stream()
            .filter(p -> !member.hasPermission(p))
            .map(Permission::getName)
            .collect(Collectors.joining(", "));
    throw new CommandException(
        "You need the " + names + " permission to use `" + prefix + path + "`.");
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    var found = registry.find(event.getName());
    if (found.isEmpty()) {
      event.reply("This command is no longer available.").setEphemeral(true).queue();
      return;
    }
    if (!executor.accepting()) {
      event.reply(CommandExecutor.SHUTTING_DOWN).setEphemeral(true).queue();
      return;
    }
    CommandSpec spec = found.get().spec();
    CommandSpec target = spec;
    if (event.getSubcommandName() != null) {
      target =
          spec.subcommands().stream()
              .filter(s -> s.name().equals(event.getSubcommandName()))
              .findFirst()
              .orElse(null);
      if (target == null) {
        event.reply("This subcommand is no longer available.").setEphemeral(true).queue();
        return;
      }
    }
    try {
      checkPermissions(
          event.getMember(), spec, target == spec ? null : target, event.getFullCommandName());
    } catch (CommandException e) {
      event.reply(e.getMessage().replace("`" + prefix, "`/")).setEphemeral(true).queue();
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionMapping option : event.getOptions()) {
      values.put(option.getName(), SlashOptions.value(option));
    }
    // The acknowledgement stays in this process (Discord wants it within 3 s); every answer
    // after it goes through the MessagingQueue.
    CompletableFuture<?> deferred = event.deferReply().submit();
    SlashInvocation invocation = new SlashInvocation(event, values, messaging, deferred);
    CommandSpec handled = target;
    boolean started =
        executor.run(
            () -> handled.handler().handle(invocation),
            invocation,
            () -> {
              if (!invocation.answered()) {
                invocation.reply("Done.");
              }
            });
    if (!started) {
      invocation.refuse(CommandExecutor.SHUTTING_DOWN);
    }
  }

  /** The router's own answers are queued replies too, like a command's. */
  private void reply(Message message, String content) {
    PrefixInvocation.replyTo(messaging, message, Reply.of(content), Priority.CRITICAL)
        .exceptionally(
            failure -> {
              log.warn("Could not answer a command message: {}", failure.getMessage());
              return null;
            });
  }
}
