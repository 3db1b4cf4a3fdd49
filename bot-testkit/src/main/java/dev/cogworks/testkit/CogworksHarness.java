package dev.cogworks.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
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
 * A test kit every module uses: discord-sim with the sandbox guild, an embedded PostgreSQL in a
 * temporary folder, and a running bot with the chosen cogs and config. Register it as a static
 * field; a test then reads as a few lines of specification:
 *
 * <pre>{@code
 * @RegisterExtension static final CogworksHarness bot = CogworksHarness.with(new EchoCog());
 *
 * @Test void echoes() {
 *   bot.post("alice", "general", "!echo hi");
 *   bot.awaitReply("general", "hi");
 * }
 * }</pre>
 *
 * <p>A reply is what the bot posts after its trigger: {@link #awaitReply} looks only at messages
 * newer than the latest {@link #post} or {@link #slash} the current test sent in that channel (or,
 * before any, newer than the test's start), so an earlier test's messages never answer for it.
 */
public final class CogworksHarness
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private final List<Cog> cogs;
  private final Map<String, Object> settings = new HashMap<>();
  private final List<String> owners = new ArrayList<>();
  private ClassLoader classLoader = CogworksHarness.class.getClassLoader();
  private SimOptions simOptions = SimOptions.defaults();
  private DiscordSim sim;
  private SimGuild guild;
  private SimBot account;
  private Path dataDir;
  private CogworksBot bot;
  private CogworksConfig config;
  private int workerCount;
  private final List<RelayWorkerProcess> workers = new ArrayList<>();

  /** Per channel id, the id of the latest post or slash command the current test sent there. */
  private final Map<Long, Long> latestTrigger = new ConcurrentHashMap<>();

  /** An id newer than everything before the current test started (snowflakes grow with time). */
  private volatile long testStart;

  private CogworksHarness(List<Cog> cogs) {
    this.cogs = List.copyOf(cogs);
  }

  /** A harness whose bot runs these cogs (plus the built-in commands). */
  public static CogworksHarness with(Cog... cogs) {
    return new CogworksHarness(List.of(cogs));
  }

  /** The class loader cogs and their reference.conf come from, e.g. one over plugin jars. */
  public CogworksHarness classLoader(ClassLoader loader) {
    this.classLoader = loader;
    return this;
  }

  /** How the simulator behaves, e.g. with scaled rate limits for a fast test. */
  public CogworksHarness simOptions(SimOptions options) {
    this.simOptions = options;
    return this;
  }

  /** Sets a config key for the bot, as application.conf would. */
  public CogworksHarness config(String key, Object value) {
    settings.put(key, value);
    return this;
  }

  /**
   * Makes these sandbox users owners of the bot ({@code discord.owners}), besides the application's
   * owner; their ids are known once the simulator is seeded.
   */
  public CogworksHarness owners(String... usernames) {
    owners.addAll(List.of(usernames));
    return this;
  }

  /**
   * Runs the bot in {@code external_gateway} mode on {@code queueType} (postgresql or redis) at
   * {@code url} (a JDBC URL or redis:// URI; see {@link TestEngines}), with {@code workers} gateway
   * workers in this JVM, each with its own JDA. Queue names are unique to this harness, so test
   * classes can share one engine.
   */
  public CogworksHarness externalGateway(String queueType, String url, int workers) {
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
    return this;
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sim = DiscordSim.start(simOptions);
    guild = SandboxSeed.apply(sim.control());
    account = sim.control().createBot("Cogworks");
    startBot();
  }

  /** Stops the bot (gracefully) and starts it again on the same simulator and database. */
  public void restartBot() throws InterruptedException {
    bot.close();
    startBot();
  }

  private void startBot() throws InterruptedException {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("discord.token", account.token);
    all.put("discord.rest_url", sim.restBaseUrl());
    all.put("discord.gateway_url", sim.gatewayUrl());
    all.putIfAbsent("database.data_dir", dataDir.toString());
    all.putIfAbsent("cogs.plugins_dir", dataDir.resolve("no-plugins").toString());
    all.putIfAbsent("shutdown.deadline", "5s");
    if (!owners.isEmpty()) {
      all.put("discord.owners", owners.stream().map(name -> Long.toString(user(name).id)).toList());
    }
    config = ConfigLoader.load(null, ConfigFactory.parseMap(all), classLoader);
    bot = CogworksBot.start(config, cogs, classLoader);
    while (workers.size() < workerCount) {
      startWorker();
    }
    int expected = bot.commands().all().size();
    await().atMost(PATIENCE).until(() -> sim.control().commandsJson(guild.id).size() == expected);
  }

  // ---- gateway workers (external_gateway mode) ----

  /** Starts one more gateway worker in this JVM, with the bot's config; returns it. */
  public RelayWorkerProcess startWorker() throws InterruptedException {
    RelayWorkerProcess worker = RelayWorkerProcess.start(config);
    workers.add(worker);
    return worker;
  }

  /** The running gateway workers, oldest first. */
  public List<RelayWorkerProcess> workers() {
    return List.copyOf(workers);
  }

  /** Kills a worker as {@code kill -9} would: no answers, no release; its lease runs out. */
  public void crashWorker(RelayWorkerProcess worker) {
    workers.remove(worker);
    worker.crash();
  }

  /** Stops a worker gracefully. */
  public void stopWorker(RelayWorkerProcess worker) {
    workers.remove(worker);
    worker.close();
  }

  /** The config the bot runs with. */
  public CogworksConfig botConfig() {
    return config;
  }

  public void stop() {
    if (bot != null) {
      bot.close();
    }
    for (RelayWorkerProcess worker : List.copyOf(workers)) {
      worker.close();
    }
    workers.clear();
    if (sim != null) {
      sim.close();
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
    SimMessage message = sim.control().postMessage(channel(channel).id, user(user).id, content);
    latestTrigger.put(message.channelId, message.id);
    return message;
  }

  /**
   * {@code user} runs {@code /commandLine} ("role add") in {@code #channel} with options; the
   * command is the trigger the channel's next {@link #awaitReply} answers.
   */
  public SimInteraction slash(
      String user, String channel, String commandLine, Map<String, ?> options) {
    ObjectNode json = Json.object();
    options.forEach((name, value) -> json.put(name, String.valueOf(value)));
    SimInteraction interaction =
        sim.control().runCommand(guild.id, channel(channel).id, user(user).id, commandLine, json);
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
    Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
    long trigger = latestTrigger.getOrDefault(channel(channel).id, testStart);
    return await("a reply by the bot in #" + channel + " matching " + regex)
        .atMost(PATIENCE)
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
    List<SimMessage> result = new ArrayList<>();
    for (SimMessage message : sim.control().messages(channel(channel).id)) {
      if (!message.deleted() && message.author.id == account.user.id) {
        result.add(message);
      }
    }
    return result;
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

  public CogworksBot bot() {
    return bot;
  }
}
