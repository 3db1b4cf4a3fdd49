package dev.cogworks.sim;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar discord-sim.jar --port N [--seed-sandbox] [--voice-require-dave]}: serves the
 * simulator on 127.0.0.1 until interrupted. Prints exactly one line once it is listening, for
 * scripts to wait on.
 */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    boolean seed = false;
    boolean requireDave = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> {
          if (i + 1 >= args.length) {
            usage("--port needs a number (0 picks a free port)");
          }
          port = parsePort(args[++i]);
        }
        case "--seed-sandbox" -> seed = true;
        case "--voice-require-dave" -> requireDave = true;
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        default -> usage("unknown argument: " + args[i]);
      }
    }
    DiscordSim sim;
    try {
      sim = DiscordSim.start(SimOptions.defaults().withPort(port));
    } catch (RuntimeException e) {
      System.err.println("discord-sim: cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e));
      System.exit(1);
      return;
    }
    sim.voice().settings().requireDave(requireDave);
    if (seed) {
      SandboxSeed.apply(sim.control());
      // The sandbox's bots are Cogworks: their portal switches are on, as its README asks.
      sim.control().setDefaultPrivilegedIntents(SandboxSeed.BOT_PRIVILEGED_INTENTS);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stopped.countDown();
                }));
    System.out.println("discord-sim listening on " + sim.baseUrl());
    System.out.flush();
    stopped.await();
  }

  private static final String USAGE =
      "usage: java -jar discord-sim.jar --port N [--seed-sandbox] [--voice-require-dave]\n"
          + "  --port N         port on 127.0.0.1 (0 picks a free one)\n"
          + "  --seed-sandbox   create guild Sandbox (#general #music #markov #roles, voice Lounge"
          + " and Music)\n"
          + "                   with users admin, alice, bob;\n"
          + "                   bots made through POST /_sim/bots then get GUILD_MEMBERS and\n"
          + "                   MESSAGE_CONTENT unless the request names its privileged_intents\n"
          + "  --voice-require-dave\n"
          + "                   close voice clients without DAVE (E2EE) with 4017, as Discord does"
          + " since\n"
          + "                   March 2026 (stage channels exempt); the voice certificate is at\n"
          + "                   GET /_sim/voice/certificate";

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        usage("--port must be 0 to 65535, was " + text);
      }
      return port;
    } catch (NumberFormatException e) {
      usage("--port must be a number, was " + text);
      return 0;
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }

  private static void usage(String problem) {
    System.err.println("discord-sim: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}
