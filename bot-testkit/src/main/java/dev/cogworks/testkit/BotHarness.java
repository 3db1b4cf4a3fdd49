package dev.cogworks.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.Cog;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every harness shares: discord-sim with the sandbox guild, an embedded PostgreSQL in a
 * temporary folder, a bot with the chosen cogs and config, and the helpers that act as users and
 * look at what the bot did. How the bot is run is the subclass's ({@link CogworksHarness} for
 * cogs); nothing here names a class of the platform's internals.
 *
 * <p>A reply is what the bot posts after its trigger: {@link #awaitReply} looks only at messages
 * newer than the latest {@link #post} or {@link #slash} the current test sent in that channel (or,
 * before any, newer than the test's start), so an earlier test's messages never answer for it.
 *
 * @param <H> the harness itself, so that its settings chain
 */
public abstract class BotHarness<H extends BotHarness<H>>
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  protected final List<Cog> cogs;
  private final Map<String, Object> settings = new HashMap<>();
  private final Map<String, java.util.function.Function<H, Object>> seededSettings =
      new java.util.LinkedHashMap<>();
  private final List<String> owners = new ArrayList<>();
  private ClassLoader classLoader = BotHarness.class.getClassLoader();
  private SimOptions simOptions = SimOptions.defaults();
  private TestClock clock;

  /**
   * Discord sends a guild's full member list once per 30 s; the bot asks for it at every start and
   * every join (it chunks its guilds). A restart or a return through the harness moves the
   * simulator's clock past that window, as if the bot had been away that long, so that tests about
   * other things do not each wait 30 s; {@link #restartBotAtOnce()} keeps the real wait for the
   * tests about it.
   */
  private static final Duration MEMBER_LIST_WINDOW = Duration.ofSeconds(31);

  private static final Duration IDENTIFY_SPACING = Duration.ofMillis(100);

  private DiscordSim sim;
  private SimGuild guild;
  private SimBot account;
  private Path dataDir;
  private Path voicePem;
  private int workerCount;

  /** Per channel id, the id of the latest post or slash command the current test sent there. */
  private final Map<Long, Long> latestTrigger = new ConcurrentHashMap<>();

  /** An id newer than everything before the current test started (snowflakes grow with time). */
  private volatile long testStart;

  protected BotHarness(List<Cog> cogs) {
    this.cogs = List.copyOf(cogs);
  }

  @SuppressWarnings("unchecked")
  private H self() {
    return (H) this;
  }

  // ---- how the subclass runs the bot ----

  /** Starts the bot with {@code settings} (and {@code workers} gateway workers). */
  protected abstract void startBot(
      List<Cog> cogs, ClassLoader classLoader, int workers, Map<String, Object> settings)
      throws InterruptedException;

  /**
   * Stops the bot gracefully, runs {@code whileStopped}, and starts it again with {@code settings}.
   */
  protected abstract void restartBot(Map<String, Object> settings, Runnable whileStopped)
      throws InterruptedException;

  /** How many commands the running bot registers in a guild (the cogs on there). */
  protected abstract int commandCount(long guildId);

  /** Stops the bot and its workers. */
  protected abstract void stopBot();

  /** The class loader cogs and their reference.conf come from, e.g. one over plugin jars. */
  public H classLoader(ClassLoader loader) {
    this.classLoader = loader;
    return self();
  }

  /** How the simulator behaves, e.g. with scaled rate limits for a fast test. */
  public H simOptions(SimOptions options) {
    this.simOptions = options;
    return self();
  }

  /** Sets a config key for the bot, as application.conf would. */
  public H config(String key, Object value) {
    settings.put(key, value);
    return self();
  }

  /**
   * Sets a config key to a value known only once the simulator is seeded (a channel's id, a
   * webhook's URL): {@code value} is asked once, before the bot first starts, and kept for
   * restarts.
   */
  public H configOnceSeeded(String key, java.util.function.Function<H, Object> value) {
    seededSettings.put(key, value);
    return self();
  }

  /**
   * Makes these sandbox users owners of the bot ({@code discord.owners}), besides the application's
   * owner; their ids are known once the simulator is seeded.
   */
  public H owners(String... usernames) {
    owners.addAll(List.of(usernames));
    return self();
  }

  /**
   * Runs the bot in {@code external_gateway} mode on {@code queueType} (postgresql or redis) at
   * {@code url} (a JDBC URL or redis:// URI; see {@link TestEngines}), with {@code workers} gateway
   * workers in this JVM, each with its own JDA. Queue names are unique to this harness, so test
   * classes can share one engine.
   */
  public H externalGateway(String queueType, String url, int workers) {
    String unique = "t" + Long.toHexString(System.nanoTime());
    settings.put("messaging.mode", "external_gateway");
    settings.put("messaging.gateway.queue_type", queueType);
    settings.put("messaging.gateway.request_queue", unique + "_requests");
    settings.put("messaging.gateway.response_queue", unique + "_responses");
    if (queueType.equals("redis")) {
      settings.put("messaging.gateway.redis.uri", url);
    } else {
      settings.put("messaging.gateway.postgresql.url", url);
      settings.put("messaging.gateway.postgresql.user", "postgres");
    }
    this.workerCount = workers;
    return self();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    latestTrigger.clear();
    testStart = sim.control().state().ids.next();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public void start() throws InterruptedException {
    try {
      dataDir = Files.createTempDirectory("cogworks-test-pg");
      PostgresTemplate.seed(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // A clock the harness can move: see MEMBER_LIST_WINDOW.
    if (simOptions.clock() instanceof TestClock own) {
      clock = own;
    } else {
      clock = TestClock.ticking();
      simOptions = simOptions.withClock(clock);
    }
    // The bot and its gateway workers identify as one application, which Discord spaces 5 s apart:
    // tests about other things would wait that long for every worker. The spacing is tested in
    // discord-sim on its own.
    simOptions = simOptions.withIdentifySpacing(IDENTIFY_SPACING);
    sim = DiscordSim.start(simOptions);
    guild = SandboxSeed.apply(sim.control());
    account = SandboxSeed.createBot(sim.control(), "Cogworks");
    startBot(cogs, classLoader, workerCount, botSettings());
    awaitRegistration();
  }

  /** Stops the bot (gracefully) and starts it again on the same simulator and database. */
  public void restartBot() throws InterruptedException {
    restartBot(() -> {});
  }

  /**
   * Restarts the bot with no time passing in the simulator: its start then meets Discord's limit of
   * one member list per guild per 30 s, and waits it out as on Discord.
   */
  public void restartBotAtOnce() throws InterruptedException {
    restartBot(botSettings(), () -> {});
    awaitRegistration();
  }

  /**
   * As {@link #restartBot()}, with {@code whileStopped} run while the bot is away: what happens in
   * the simulator then (a kick, messages) reaches it only as a fresh start would see it.
   */
  public void restartBot(Runnable whileStopped) throws InterruptedException {
    restartBot(
        botSettings(),
        () -> {
          whileStopped.run();
          clock.advance(MEMBER_LIST_WINDOW);
        });
    awaitRegistration();
  }

  /** The settings given, plus the simulator's endpoints and a database of this harness's own. */
  private Map<String, Object> botSettings() {
    seededSettings.forEach((key, value) -> settings.put(key, value.apply(self())));
    seededSettings.clear();
    Map<String, Object> all = new HashMap<>(settings);
    all.put("discord.token", account.token);
    all.put("discord.rest_url", sim.restBaseUrl());
    all.put("discord.gateway_url", sim.gatewayUrl());
    // Voice runs over TLS: the bot trusts the simulator's self-signed voice certificate.
    all.put("discord.voice_trust_pem", voiceTrustPem().toString());
    all.putIfAbsent("database.data_dir", dataDir.toString());
    all.putIfAbsent("cogs.plugins_dir", dataDir.resolve("no-plugins").toString());
    all.putIfAbsent("shutdown.deadline", "5s");
    // Any free port: harnesses run side by side. The token file lives and dies with the harness.
    all.putIfAbsent("admin.port", 0);
    all.putIfAbsent("admin.token_file", dataDir.resolve("admin-token").toString());
    if (!owners.isEmpty()) {
      all.put("discord.owners", owners.stream().map(name -> Long.toString(user(name).id)).toList());
    }
    return all;
  }

  /**
   * The simulator's voice certificate in a file of its own (the data folder belongs to PostgreSQL,
   * which wants it empty at first start).
   */
  private Path voiceTrustPem() {
    try {
      if (voicePem == null) {
        voicePem = Files.createTempFile("discord-sim-voice", ".pem");
      }
      Files.writeString(voicePem, sim.voice().certificatePem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return voicePem;
  }

  /** Slash commands are registered once the bot is up; tests start after that. */
  private void awaitRegistration() {
    int expected = commandCount(guild.id);
    await().atMost(PATIENCE).until(() -> sim.control().commandsJson(guild.id).size() == expected);
  }

  public void stop() {
    stopBot();
    if (sim != null) {
      sim.close();
    }
    if (voicePem != null) {
      voicePem.toFile().delete();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder left behind is harmless
      }
    }
  }

  // ---- acting as users ----

  /**
   * {@code user} posts {@code content} in {@code #channel} of the sandbox guild; the post is the
   * trigger the channel's next {@link #awaitReply} answers.
   */
  public SimMessage post(String user, String channel, String content) {
    return post(user, channel(channel), content);
  }

  /** {@code user} posts in {@code channel} of any guild (see {@link #newGuild}). */
  public SimMessage post(String user, SimChannel channel, String content) {
    SimMessage message = sim.control().postMessage(channel.id, user(user).id, content);
    latestTrigger.put(message.channelId, message.id);
    return message;
  }

  /**
   * {@code user} writes to the bot in a direct message; the message is the trigger the DM channel's
   * next {@link #awaitReply(SimChannel, String)} answers.
   */
  public SimMessage dm(String user, String content) {
    SimMessage message = sim.control().postDirectMessage(user(user).id, account.user.id, content);
    latestTrigger.put(message.channelId, message.id);
    return message;
  }

  /**
   * {@code user} runs {@code /commandLine} in their direct messages with the bot; the command is
   * the trigger the DM channel's next {@link #awaitReply(SimChannel, String)} answers.
   */
  public SimInteraction dmSlash(String user, String commandLine, Map<String, ?> options) {
    ObjectNode json = Json.object();
    options.forEach((name, value) -> json.put(name, String.valueOf(value)));
    SimInteraction interaction =
        sim.control().runDirectMessageCommand(user(user).id, account.user.id, commandLine, json);
    latestTrigger.put(interaction.channelId, interaction.id);
    return interaction;
  }

  /** The direct-message channel between {@code user} and the bot. */
  public SimChannel dmChannel(String user) {
    return sim.control().openDirectMessage(user(user).id, account.user.id);
  }

  /**
   * {@code user} runs {@code /commandLine} ("role add") in {@code #channel} with options; the
   * command is the trigger the channel's next {@link #awaitReply} answers.
   */
  public SimInteraction slash(
      String user, String channel, String commandLine, Map<String, ?> options) {
    return slash(user, channel(channel), commandLine, options);
  }

  /** {@code user} runs {@code /commandLine} in {@code channel} of any guild. */
  public SimInteraction slash(
      String user, SimChannel channel, String commandLine, Map<String, ?> options) {
    ObjectNode json = Json.object();
    options.forEach((name, value) -> json.put(name, String.valueOf(value)));
    SimInteraction interaction =
        sim.control().runCommand(channel.guildId, channel.id, user(user).id, commandLine, json);
    latestTrigger.put(interaction.channelId, interaction.id);
    return interaction;
  }

  public SimInteraction slash(String user, String channel, String commandLine) {
    return slash(user, channel, commandLine, Map.of());
  }

  /**
   * {@code user} types {@code typed} into option {@code focused} of {@code /commandLine}, with
   * {@code others} filled in already; returns the bot's suggestions, name to value, in its order.
   * The simulator refuses an option without autocomplete (a {@code ControlException}).
   */
  public Map<String, String> autocomplete(
      String user,
      String channel,
      String commandLine,
      Map<String, ?> others,
      String focused,
      String typed) {
    ObjectNode json = Json.object();
    others.forEach((name, value) -> json.put(name, String.valueOf(value)));
    json.put(focused, typed);
    Map<String, String> choices = new LinkedHashMap<>();
    sim.control()
        .autocomplete(guild.id, channel(channel).id, user(user).id, commandLine, json, focused)
        .forEach(c -> choices.put(c.path("name").asText(), c.path("value").asText()));
    return choices;
  }

  public Map<String, String> autocomplete(
      String user, String channel, String commandLine, String focused, String typed) {
    return autocomplete(user, channel, commandLine, Map.of(), focused, typed);
  }

  /** {@code user} clicks the button labelled {@code label} on {@code message}. */
  public SimInteraction click(String user, SimMessage message, String label) {
    JsonNode button =
        components(message)
            .filter(c -> label.equals(c.path("label").asText(null)))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no button '" + label + "' on " + message.id));
    return sim.control()
        .clickComponent(message.id, user(user).id, button.path("custom_id").asText(), null);
  }

  /** {@code user} picks {@code values} in the (first) select menu on {@code message}. */
  public SimInteraction choose(String user, SimMessage message, String... values) {
    JsonNode menu =
        components(message)
            .filter(c -> c.path("type").asInt() == 3)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no select menu on " + message.id));
    ArrayNode chosen = Json.array();
    List.of(values).forEach(chosen::add);
    return sim.control()
        .clickComponent(message.id, user(user).id, menu.path("custom_id").asText(), chosen);
  }

  /** The components in a message's action rows, as it is now. */
  private Stream<JsonNode> components(SimMessage message) {
    SimMessage now =
        sim.control().messages(message.channelId).stream()
            .filter(m -> m.id == message.id)
            .findFirst()
            .orElse(message);
    List<JsonNode> found = new ArrayList<>();
    if (now.components != null) {
      now.components.forEach(row -> row.path("components").forEach(found::add));
    }
    return found.stream();
  }

  // ---- what the bot did ----

  /**
   * Waits for the bot's first message in {@code #channel} whose content matches {@code regex} and
   * that is newer than the latest {@link #post} or {@link #slash} the current test sent there (or,
   * before any, newer than the test's start).
   */
  public SimMessage awaitReply(String channel, String regex) {
    return awaitReply(channel(channel), regex);
  }

  /** As {@link #awaitReply(String, String)}, in {@code channel} of any guild. */
  public SimMessage awaitReply(SimChannel channel, String regex) {
    return awaitReply(channel, regex, PATIENCE);
  }

  /**
   * As {@link #awaitReply(SimChannel, String)}, waiting up to {@code patience}: for a reply that
   * waits on Discord's own limits, such as a guild the bot rejoined within 30 s of its last member
   * list (Discord answers the next list only after them, and JDA holds the guild's events till
   * then).
   */
  public SimMessage awaitReply(SimChannel channel, String regex, Duration patience) {
    Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
    long trigger = latestTrigger.getOrDefault(channel.id, testStart);
    return await("a reply by the bot in #" + channel.name + " matching " + regex)
        .atMost(patience)
        .until(
            () ->
                botMessages(channel).stream()
                    .filter(m -> m.id > trigger)
                    .filter(m -> pattern.matcher(m.content).find())
                    .findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }

  /** The bot's live messages in {@code #channel}, oldest first. */
  public List<SimMessage> botMessages(String channel) {
    return botMessages(channel(channel));
  }

  /** The bot's live messages in {@code channel} of any guild, oldest first. */
  public List<SimMessage> botMessages(SimChannel channel) {
    List<SimMessage> result = new ArrayList<>();
    for (SimMessage message : sim.control().messages(channel.id)) {
      if (!message.deleted() && message.author.id == account.user.id) {
        result.add(message);
      }
    }
    return result;
  }

  /**
   * A second server (or third…): a guild owned by {@code owner} with {@code members} and one
   * channel {@code #lobby}, which the bot then joins as an invite makes it; returns once its slash
   * commands are registered. Its channel is {@link #channel(SimGuild, String)}{@code (guild,
   * "lobby")}.
   */
  public SimGuild newGuild(String name, String owner, String... members) {
    SimGuild created = sim.control().createGuild(name, user(owner).id);
    sim.control().createChannel(created.id, "lobby");
    for (String member : members) {
      sim.control().addMember(created.id, user(member).id, List.of());
    }
    join(created);
    return created;
  }

  /** The bot joins {@code guild} (again), as an invite makes it; returns once it registered. */
  public void join(SimGuild guild) {
    clock.advance(MEMBER_LIST_WINDOW);
    sim.control().inviteBot(guild.id, account.user.id, SimControl.DEFAULT_BOT_PERMISSIONS);
    int expected = commandCount(guild.id);
    await("the bot's slash commands in " + guild.name)
        .atMost(PATIENCE)
        .until(() -> sim.control().commandsJson(guild.id).size() == expected);
  }

  /** The bot is removed from {@code guild}, as an admin's kick does. */
  public void kick(SimGuild guild) {
    sim.control().removeMember(guild.id, account.user.id);
  }

  public SimChannel channel(SimGuild guild, String name) {
    return sim.control()
        .channelByName(guild.id, name)
        .orElseThrow(
            () -> new IllegalArgumentException("no channel #" + name + " in " + guild.name));
  }

  public SimChannel channel(String name) {
    String bare = name.startsWith("#") ? name.substring(1) : name;
    return sim.control()
        .channelByName(guild.id, bare)
        .orElseThrow(() -> new IllegalArgumentException("no channel #" + bare + " in the sandbox"));
  }

  public SimUser user(String name) {
    return sim.control()
        .userByName(name)
        .orElseThrow(() -> new IllegalArgumentException("no user " + name + " in the sandbox"));
  }

  public DiscordSim sim() {
    return sim;
  }

  public SimGuild guild() {
    return guild;
  }

  /** The simulator's user the bot logs in as. */
  public SimUser botUser() {
    return account.user;
  }
}
