package dev.cogworks.core.internal.command;

import dev.cogworks.api.Cog;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.Reply;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes both command forms to the same definitions: prefix messages ({@code !name args}, or
 * {@code @bot name args}) and slash commands, down to the subcommand (in its group) that runs.
 * Everything that can go wrong before a handler runs — unknown command, missing or unknown
 * subcommand, owner-only, missing permission, bad arguments — is answered with a short reply and
 * the usage. Nothing here blocks an event thread.
 */
public final class CommandRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private final MessagingQueue messaging;
  private final ServerRules rules;
  private final CommandAccess access;
  private volatile Consumer<Message> directMessages = message -> {};
  private volatile List<Cog> mentionTakers = List.of();

  public CommandRouter(
      CommandRegistry registry,
      CommandExecutor executor,
      MessagingQueue messaging,
      ServerRules rules,
      Owners owners) {
    this.registry = registry;
    this.executor = executor;
    this.messaging = messaging;
    this.rules = rules;
    this.access = new CommandAccess(owners, rules);
  }

  /**
   * Who gets the direct messages to the bot that are not commands (the conversation queue); by
   * default nobody.
   */
  public void onDirectMessage(Consumer<Message> handler) {
    this.directMessages = handler;
  }

  /**
   * The cogs asked, in this order, about a mention of the bot in a server that names no command
   * ({@link Cog#onMention}); by default none, and the router answers every mention itself.
   */
  public void onMention(List<Cog> cogs) {
    this.mentionTakers = List.copyOf(cogs);
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    Message message = event.getMessage();
    if (message.getAuthor().isBot() || message.isWebhookMessage()) {
      return;
    }
    boolean direct = event.isFromType(ChannelType.PRIVATE);
    if (!direct && !event.isFromGuild()) {
      return;
    }
    String text = message.getContentRaw().trim();
    Guild guild = direct ? null : event.getGuild();
    Stripped stripped = stripPrefix(text, guild, event.getJDA().getSelfUser().getId());
    if (stripped == null && direct) {
      directMessages.accept(message);
      return;
    }
    if (stripped == null
        || (!direct && !rules.answersIn(event.getGuildChannel(), message.getMember()))) {
      // Not a command, or commands are not answered in this channel: stay silent there.
      return;
    }
    String prefix = stripped.prefix();
    String body = stripped.body();
    if (!executor.accepting()) {
      reply(message, CommandExecutor.SHUTTING_DOWN);
      return;
    }
    List<String> tokens = ArgumentTokenizer.tokenize(body);
    if (stripped.mention()
        && !direct
        && (tokens.isEmpty() || registry.find(tokens.get(0).toLowerCase(Locale.ROOT)).isEmpty())
        && takenByCog(message, guild, body)) {
      return;
    }
    if (tokens.isEmpty()) {
      reply(message, "Yes? Try `" + prefix + "help` to see what I can do.");
      return;
    }
    String name = tokens.get(0).toLowerCase(Locale.ROOT);
    User author = message.getAuthor();
    Optional<RegisteredCommand> found = registry.find(name);
    if (found.isEmpty()) {
      String hint =
          registry
              .closest(name, c -> access.sees(c, author, guild))
              .map(c -> " Did you mean `" + prefix + c + "`?")
              .orElse("");
      reply(
          message,
          "Unknown command `" + prefix + name + "`." + hint + " Try `" + prefix + "help`.");
      return;
    }
    if (direct && !found.get().spec().directMessages()) {
      reply(message, "`" + prefix + name + "` works in a server only.");
      return;
    }
    if (!rules.cogOn(guild, found.get().cog())) {
      reply(message, ServerRules.cogOff(found.get().cog(), prefix));
      return;
    }
    try {
      access.checkOwner(found.get(), author, prefix);
      PrefixWalk.Result walked =
          PrefixWalk.walk(
              found.get(), tokens.subList(1, tokens.size()), prefix, s -> access.sees(s, author));
      access.check(walked.path(), author, message.getMember(), prefix);
      int consumed = tokens.size() - walked.args().size();
      run(
          message,
          prefix,
          walked.path(),
          walked.args(),
          i -> ArgumentTokenizer.rest(body, consumed + i));
    } catch (CommandException e) {
      reply(message, e.getMessage());
    }
  }

  /** Whether a cog on in this server answers a mention that names no command. */
  private boolean takenByCog(Message message, Guild guild, String text) {
    for (Cog cog : mentionTakers) {
      if (!rules.cogOn(guild, cog.name())) {
        continue;
      }
      try {
        if (cog.onMention(message, text)) {
          return true;
        }
      } catch (RuntimeException e) {
        log.warn("Cog {} failed on a mention of the bot", cog.name(), e);
      }
    }
    return false;
  }

  /** The prefix a command used (a mention: the server's main prefix), and the text after it. */
  private record Stripped(String prefix, String body, boolean mention) {}

  /** Null when the message starts with neither one of the server's prefixes nor a mention. */
  private Stripped stripPrefix(String text, Guild guild, String selfId) {
    for (String prefix : rules.prefixes(guild)) {
      if (text.startsWith(prefix)) {
        return new Stripped(prefix, text.substring(prefix.length()), false);
      }
    }
    for (String mention : new String[] {"<@" + selfId + ">", "<@!" + selfId + ">"}) {
      if (text.startsWith(mention)) {
        return new Stripped(rules.mainPrefix(guild), text.substring(mention.length()).trim(), true);
      }
    }
    return null;
  }

  private void run(
      Message message,
      String prefix,
      CommandPath path,
      List<String> args,
      java.util.function.IntFunction<String> restFrom) {
    Map<String, Object> values =
        ArgumentBinder.bind(
            path.leaf().options(),
            args,
            message.isFromGuild() ? message.getGuild() : null,
            prefix + path.usage(),
            restFrom);
    PrefixInvocation invocation =
        new PrefixInvocation(path.fullName(), prefix, message, values, messaging);
    if (!executor.run(() -> path.leaf().handler().handle(invocation), invocation, () -> {})) {
      reply(message, CommandExecutor.SHUTTING_DOWN);
    }
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    var found = registry.find(event.getName());
    if (found.isEmpty()) {
      refuse(event, "This command is no longer available.");
      return;
    }
    if (!executor.accepting()) {
      refuse(event, CommandExecutor.SHUTTING_DOWN);
      return;
    }
    Optional<CommandPath> resolved =
        CommandPath.of(found.get(), event.getSubcommandGroup(), event.getSubcommandName());
    if (resolved.isEmpty()) {
      refuse(event, "This subcommand is no longer available.");
      return;
    }
    CommandPath path = resolved.get();
    Guild guild = event.getGuild();
    if (guild == null && !found.get().spec().directMessages()) {
      refuse(event, "`/" + event.getName() + "` works in a server only.");
      return;
    }
    if (guild != null && !rules.answersIn(event.getGuildChannel(), event.getMember())) {
      refuse(event, "Commands are not answered in this channel here; try another one.");
      return;
    }
    if (!rules.cogOn(guild, found.get().cog())) {
      refuse(event, ServerRules.cogOff(found.get().cog(), rules.mainPrefix(guild)));
      return;
    }
    try {
      access.check(path, event.getUser(), event.getMember(), "/");
    } catch (CommandException e) {
      refuse(event, e.getMessage());
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
    boolean started =
        executor.run(
            () -> path.leaf().handler().handle(invocation),
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
  /**
   * An ephemeral refusal answered in process. It pings no one: the text may quote what the user
   * typed, and without allowed mentions JDA would let it ping any user, role or @everyone in it.
   */
  private static void refuse(SlashCommandInteractionEvent event, String text) {
    event.reply(text).setEphemeral(true).setAllowedMentions(List.of()).queue();
  }

  private void reply(Message message, String content) {
    PrefixInvocation.replyTo(messaging, message, Reply.of(content), Priority.CRITICAL)
        .exceptionally(
            failure -> {
              log.warn("Could not answer a command message: {}", failure.getMessage());
              return null;
            });
  }
}
