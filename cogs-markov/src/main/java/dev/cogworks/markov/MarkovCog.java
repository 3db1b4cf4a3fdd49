package dev.cogworks.markov;

import dev.cogworks.api.CogContext;
import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.settings.SettingTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;

/**
 * The markov cog: learns each server's voice from the channels its admins register, and speaks it
 * back ({@code speak}, the {@code markov} assistant), never letting text reach an audience that
 * could not read where it was written. Wiring only; the parts are {@link Gatherer} (learning),
 * {@link LearnedText} (store and models in step), {@link Speaker} (sentences for a channel) and the
 * commands.
 */
public final class MarkovCog extends CogHelper implements UserData, ServerData {
  /** Whether a mention of the bot that names no command is answered with a sentence. */
  static final Setting<Boolean> SPEAK_ON_MENTION =
      Setting.of(
          "speak_on_mention",
          SettingTypes.bool(),
          "answer a mention of the bot that is not a command with a sentence, in learning channels");

  /** The chance that the bot joins in after a message in a learning channel. */
  static final Setting<Double> CHIME_IN =
      Setting.of(
          "chime_in",
          SettingTypes.decimal(0, 1),
          "the chance (0 to 1) of speaking up after any message in a learning channel");

  private final Shards shards = new Shards();
  private volatile MarkovConfig config;
  private volatile LearnedText text;
  private volatile Gatherer gatherer;
  private volatile ForeignDeletions deletions;
  private volatile Speaker speaker;
  private volatile Blocklist blocklist;
  private volatile MessageCleaner cleaner;
  private volatile Chatter chatter;

  @Override
  public String name() {
    return "markov";
  }

  @Override
  public String description() {
    return "Learns the server's voice from its channels and speaks it";
  }

  @Override
  protected void onLoad() {
    config = MarkovConfig.from(context().config());
    cleaner = new MessageCleaner(config.skipPrefixes());
    MarkovStore store = new MarkovStore(context().jdbi());
    text = new LearnedText(store, config.order());
    deletions = new ForeignDeletions(store);
    deletions.start(); // before the models are built: a deletion made meanwhile is caught up on
    text.loadAll();
    blocklist = new Blocklist(store);
    gatherer =
        new Gatherer(
            context(),
            config,
            text,
            cleaner,
            shards,
            deletions,
            new Gatherer.Discord() {
              @Override
              public CompletableFuture<List<HistoryMessage>> history(
                  long channelId, int limit, long after) {
                return fetchChannelHistory(channelId, limit, after, null, Priority.LOW);
              }

              @Override
              public CompletableFuture<List<GuildEmoji>> emojis(long guildId) {
                return fetchGuildEmojis(guildId, Priority.LOW);
              }

              @Override
              public CompletableFuture<?> tell(long channelId, String content) {
                return sendMessage(channelId, content);
              }
            });
    speaker = new Speaker(config, text, cleaner, gatherer, blocklist);
    chatter = new Chatter(context(), store, speaker, shards, this::sendMessage);
    gatherer.start();
  }

  @Override
  public void unload() {
    if (gatherer != null) {
      gatherer.stop();
    }
  }

  @Override
  public List<CommandSpec> commands() {
    List<CommandSpec> commands = new ArrayList<>();
    commands.add(SpeakCommand.spec(() -> speaker, shards));
    commands.add(new MarkovCommand(this).spec());
    return commands;
  }

  // ---- for the commands and listeners, once loaded ----

  CogContext ctx() {
    return context();
  }

  LearnedText text() {
    return text;
  }

  Gatherer gatherer() {
    return gatherer;
  }

  Blocklist blocklist() {
    return blocklist;
  }

  MessageCleaner cleaner() {
    return cleaner;
  }

  Shards shards() {
    return shards;
  }

  MarkovConfig config() {
    return config;
  }

  @Override
  public List<Object> listeners() {
    return List.of(shards, new EditsListener(this), chatter);
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(SPEAK_ON_MENTION, CHIME_IN);
  }

  @Override
  public boolean onMention(Message message, String text) {
    Chatter c = chatter;
    return c != null && c.mentioned(message, text);
  }

  @Override
  public List<Assistant> assistants() {
    return List.of(new MarkovAssistant(() -> speaker, shards));
  }

  @Override
  public Optional<UserData> userData() {
    return Optional.of(this);
  }

  @Override
  public Optional<ServerData> serverData() {
    return Optional.of(this);
  }

  @Override
  public List<String> describe(long userId) {
    List<long[]> perServer = text.store().countsByServer(userId);
    long total = perServer.stream().mapToLong(r -> r[1]).sum();
    List<String> lines = new ArrayList<>();
    if (total > 0) {
      lines.add(
          total
              + " of your messages learned (cleaned words, no links or mentions) in "
              + perServer.size()
              + " server(s)");
    }
    long optedOut = text.store().optOuts(userId);
    if (optedOut > 0) {
      lines.add("you opted out of learning in " + optedOut + " server(s) (kept so it lasts)");
    }
    return lines;
  }

  @Override
  public long delete(long userId) {
    long deleted = text.forgetInAnyServer("author_id = ?", userId);
    // Other processes of the bot rebuild their servers' models at their next learning round.
    deletions.deletedHere();
    return deleted;
  }

  @Override
  public void deleteServer(long guildId) {
    text.dropServer(guildId);
    blocklist.dropServer(guildId);
  }
}
