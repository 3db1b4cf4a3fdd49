package dev.cogworks.testkit.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.control.ControlException;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.testkit.BotHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Runs every slash and prefix command the bot registered with generated arguments (empty, huge,
 * unicode, mentions, quotes, ids of another server, negative and overflowing numbers) and checks
 * what a user would see: each one is answered, none with the platform's "Something went wrong" (an
 * unhandled exception), no answer pings anyone, and nothing is logged at ERROR meanwhile.
 *
 * <pre>{@code
 * FuzzReport report = CommandFuzz.of(bot).samples(2).seed(7).run();
 * assertThat(report.findings()).isEmpty();
 * }</pre>
 *
 * Commands come from what the simulator holds (the bot's registered application commands), so a new
 * cog is fuzzed without being named here. Invocations run in several channels at once, one at a
 * time in each, so Discord's per-channel limits pace them as they pace users.
 */
public final class CommandFuzz {
  private static final String INTERNAL_ERROR = "Something went wrong";
  private static final int SUBCOMMAND = 1;
  private static final int SUBCOMMAND_GROUP = 2;

  private final BotHarness<?> bot;
  private long seed = 1;
  private int samples = 2;
  private int lanes = 6;
  private List<String> users = List.of("bob", "admin");
  private Duration patience = Duration.ofSeconds(20);
  private Set<String> skipped = Set.of();
  private String prefix = "!";

  private CommandFuzz(BotHarness<?> bot) {
    this.bot = bot;
  }

  public static CommandFuzz of(BotHarness<?> bot) {
    return new CommandFuzz(bot);
  }

  /** The random seed: the same seed tries the same inputs in the same order. */
  public CommandFuzz seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Invocations per command and per route (prefix, slash). */
  public CommandFuzz samples(int samples) {
    this.samples = samples;
    return this;
  }

  /** How many channels run invocations side by side. */
  public CommandFuzz lanes(int lanes) {
    this.lanes = lanes;
    return this;
  }

  /** Who runs the commands, in turn (sandbox user names). */
  public CommandFuzz users(String... users) {
    this.users = List.of(users);
    return this;
  }

  /** How long an invocation may wait for its answer. */
  public CommandFuzz patience(Duration patience) {
    this.patience = patience;
    return this;
  }

  /** Command paths left out ("name" or "name sub"), each for a reason the caller states. */
  public CommandFuzz skipping(String... paths) {
    this.skipped = Set.of(paths);
    return this;
  }

  public FuzzReport run() throws InterruptedException {
    long started = System.nanoTime();
    SimControl control = bot.sim().control();
    SimGuild guild = bot.guild();
    HostileInputs.World world = world(control, guild);
    List<CommandPath> commands = commands(control.commandsJson(guild.id));
    List<SimChannel> channels = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      channels.add(control.createChannel(guild.id, "fuzz-" + seed + "-" + i));
    }
    Random random = new Random(seed);
    HostileInputs inputs = new HostileInputs(random, world);
    List<Invocation> invocations = new ArrayList<>();
    for (CommandPath command : commands) {
      for (int i = 0; i < samples; i++) {
        String user = users.get((invocations.size() / 2) % users.size());
        invocations.add(prefixInvocation(command, user, inputs, random));
        invocations.add(slashInvocation(command, user, inputs, random));
      }
    }
    Collections.shuffle(invocations, random);

    List<FuzzReport.Finding> findings = new CopyOnWriteArrayList<>();
    List<FuzzReport.Exchange> transcript = new CopyOnWriteArrayList<>();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger notSendable = new AtomicInteger();
    ErrorLog errors = ErrorLog.attach();
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        SimChannel channel = channels.get(lane);
        List<Invocation> mine = new ArrayList<>();
        for (int i = lane; i < invocations.size(); i += lanes) {
          mine.add(invocations.get(i));
        }
        running.add(
            pool.submit(
                () -> {
                  for (Invocation invocation : mine) {
                    runOne(invocation, channel, findings, transcript, answered, notSendable);
                  }
                }));
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a fuzz lane failed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      errors.detach();
    }
    // Late answers too: nothing the bot wrote in the fuzz channels may ping anyone.
    for (SimChannel channel : channels) {
      for (SimMessage message : bot.botMessages(channel)) {
        String pings = pings(message);
        if (pings != null && findings.stream().noneMatch(f -> f.answer().equals(message.content))) {
          findings.add(
              new FuzzReport.Finding("late", "", "#" + channel.name, pings, message.content));
        }
      }
    }
    errors
        .events()
        .forEach(
            event ->
                findings.add(
                    new FuzzReport.Finding(
                        "log", "", event.getLoggerName(), "logged at ERROR", event.toString())));
    return new FuzzReport(
        commands.size(),
        invocations.size(),
        answered.get(),
        notSendable.get(),
        List.copyOf(findings),
        List.copyOf(transcript),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private void runOne(
      Invocation invocation,
      SimChannel channel,
      List<FuzzReport.Finding> findings,
      List<FuzzReport.Exchange> transcript,
      AtomicInteger answered,
      AtomicInteger notSendable) {
    SimControl control = bot.sim().control();
    long trigger;
    try {
      trigger = invocation.send(control, channel, bot.user(invocation.user()).id, bot.guild().id);
    } catch (ControlException refused) {
      // Discord's client would not send this (an empty message, a value the option refuses).
      notSendable.incrementAndGet();
      return;
    }
    long deadline = System.nanoTime() + patience.toNanos();
    SimMessage answer = null;
    while (answer == null && System.nanoTime() < deadline) {
      answer =
          bot.botMessages(channel).stream()
              .filter(m -> m.id > trigger && !m.loading())
              .filter(m -> !m.content.isEmpty() || (m.embeds != null && m.embeds.size() > 0))
              .findFirst()
              .orElse(null);
      if (answer == null) {
        try {
          Thread.sleep(50); // polling the simulator's record, not timing anything
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    if (answer == null) {
      findings.add(invocation.finding("no answer within " + patience.toSeconds() + " s", ""));
      return;
    }
    answered.incrementAndGet();
    String text = answer.content + (answer.embeds == null ? "" : " " + answer.embeds);
    transcript.add(
        new FuzzReport.Exchange(invocation.route(), invocation.user(), invocation.shown(), text));
    if (text.contains(INTERNAL_ERROR)) {
      findings.add(invocation.finding("answered with an internal error", text));
    }
    String pings = pings(answer);
    if (pings != null) {
      findings.add(invocation.finding(pings, text));
    }
  }

  /** What {@code message} pings, or null when it pings no one. */
  private static String pings(SimMessage message) {
    List<String> pinged = new ArrayList<>();
    if (message.mentionEveryone) {
      pinged.add("@everyone/@here");
    }
    if (message.mentions != null && message.mentions.size() > 0) {
      pinged.add(message.mentions.size() + " user(s)");
    }
    if (message.mentionRoles != null && message.mentionRoles.size() > 0) {
      pinged.add(message.mentionRoles.size() + " role(s)");
    }
    return pinged.isEmpty() ? null : "the answer pings " + String.join(", ", pinged);
  }

  private HostileInputs.World world(SimControl control, SimGuild guild) {
    SimGuild elsewhere = control.createGuild("Elsewhere " + seed, bot.user("alice").id);
    SimChannel foreignChannel = control.createChannel(elsewhere.id, "secret");
    long foreignRole = control.createRole(elsewhere.id, "Secret", 0, 1).id;
    long stranger = control.createUser("stranger-" + seed).id;
    List<Long> members = new ArrayList<>(guild.members.keySet());
    List<Long> roles = new ArrayList<>(guild.roles.keySet());
    roles.remove(guild.id);
    if (roles.isEmpty()) {
      roles.add(guild.id);
    }
    List<Long> channels = new ArrayList<>(guild.channels.keySet());
    return new HostileInputs.World(
        members,
        List.of(stranger),
        roles,
        List.of(foreignRole, elsewhere.id),
        channels,
        List.of(foreignChannel.id),
        guild.id);
  }

  /** Every runnable command path with its options, from the registered application commands. */
  private List<CommandPath> commands(JsonNode registered) {
    List<CommandPath> found = new ArrayList<>();
    for (JsonNode command : registered) {
      if (command.path("type").asInt(1) != 1) {
        continue; // user and message context menus take no typed arguments
      }
      walk(command.path("name").asText(), command.path("options"), found);
    }
    found.removeIf(c -> skipped.contains(c.path()) || skipped.contains(c.path().split(" ")[0]));
    return found;
  }

  private static void walk(String path, JsonNode options, List<CommandPath> found) {
    boolean nested = false;
    for (JsonNode option : options) {
      int type = option.path("type").asInt();
      if (type == SUBCOMMAND || type == SUBCOMMAND_GROUP) {
        nested = true;
        walk(path + " " + option.path("name").asText(), option.path("options"), found);
      }
    }
    if (!nested) {
      List<JsonNode> leaf = new ArrayList<>();
      options.forEach(leaf::add);
      found.add(new CommandPath(path, leaf));
    }
  }

  private Invocation prefixInvocation(
      CommandPath command, String user, HostileInputs inputs, Random random) {
    StringBuilder line = new StringBuilder(prefix).append(command.path());
    int words = command.options().isEmpty() ? random.nextInt(2) : 1 + random.nextInt(3);
    for (int i = 0; i < words; i++) {
      String word = inputs.text();
      line.append(' ').append(word.contains(" ") && random.nextBoolean() ? '"' + word + '"' : word);
    }
    String content = line.length() > 2000 ? line.substring(0, 2000) : line.toString();
    return new Invocation("prefix", user, command.path(), content, null);
  }

  private Invocation slashInvocation(
      CommandPath command, String user, HostileInputs inputs, Random random) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    for (JsonNode option : command.options()) {
      if (!option.path("required").asBoolean() && random.nextBoolean()) {
        continue;
      }
      Object value = inputs.slashValue(option);
      if (value != null) {
        values.put(option.path("name").asText(), String.valueOf(value));
      }
    }
    return new Invocation(
        "slash", user, command.path(), "/" + command.path() + " " + values, values);
  }

  private record CommandPath(String path, List<JsonNode> options) {}

  private record Invocation(
      String route, String user, String path, String shown, ObjectNode slashOptions) {
    /** Sends it; returns an id older than its answer. */
    long send(SimControl control, SimChannel channel, long userId, long guildId) {
      if (slashOptions == null) {
        return control.postMessage(channel.id, userId, shown).id;
      }
      return control.runCommand(guildId, channel.id, userId, path, slashOptions).id;
    }

    FuzzReport.Finding finding(String problem, String answer) {
      return new FuzzReport.Finding(route, user, shown, problem, answer);
    }
  }

  /** ERROR events logged while the fuzz runs: an exception nobody handled shows up here. */
  private static final class ErrorLog extends AppenderBase<ILoggingEvent> {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    static ErrorLog attach() {
      ErrorLog log = new ErrorLog();
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
        log.setContext(context);
        log.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
      }
      return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR)
          && seen.putIfAbsent(event.getFormattedMessage(), true) == null) {
        events.add(event);
      }
    }

    List<ILoggingEvent> events() {
      return events;
    }

    void detach() {
      if (getContext() instanceof LoggerContext context) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
      }
      stop();
    }
  }
}
