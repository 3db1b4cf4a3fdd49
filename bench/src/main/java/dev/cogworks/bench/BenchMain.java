package dev.cogworks.bench;

import java.util.List;

/**
 * {@code java -jar bench/target/bench.jar
 * delivery|conversation|markov|admin|storms|kills|outages|gateway|cluster|scale|voice|music}: runs
 * a benchmark and prints its figures.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String name = args.length == 0 ? "" : args[0];
    switch (name) {
      case "delivery" -> new DeliveryBenchmark().run();
      case "conversation" -> new ConversationBenchmark().run();
      case "markov" -> new dev.cogworks.markov.MarkovBenchmark().run();
      case "admin" -> new AdminBenchmark().run();
      case "storms" -> new StormBenchmark().run();
      case "scale" ->
          new ScaleBenchmark(
                  args.length > 1 && args[1].equals("short")
                      ? ScaleBenchmark.Plan.SHORT
                      : ScaleBenchmark.Plan.FULL)
              .run(args.length > 2 ? List.of(args[2].split(",")) : List.of("redis", "postgresql"));
      case "cluster" ->
          new ClusterBenchmark().run(args.length > 1 ? Integer.parseInt(args[1]) : 3000);
      case "load" -> {
        if (!new LoadBenchmark()
            .run(
                args.length > 1 ? Integer.parseInt(args[1]) : 120,
                args.length > 2 ? List.of(args[2].split(",")) : LoadBenchmark.TARGETS)) {
          System.exit(1);
        }
      }
      case "kills" -> {
        // A part whose targets were missed fails, so that scripts/chaos.sh all says so.
        if (!new KillBenchmark().run(args.length > 1 ? Integer.parseInt(args[1]) : 10)) {
          System.exit(1);
        }
      }
      case "outages" -> {
        if (!new OutageBenchmark()
            .run(
                args.length > 1 ? Integer.parseInt(args[1]) : 30,
                args.length > 2 ? List.of(args[2].split(",")) : OutageBenchmark.TARGETS)) {
          System.exit(1);
        }
      }
      case "gateway" ->
          new DeliveryBenchmark()
              .runGateway(args.length > 1 ? args[1] : "all", args.length > 2 ? args[2] : "both");
      case "voice" ->
          new VoiceBenchmark()
              .run(
                  args.length > 1 ? Integer.parseInt(args[1]) : 60,
                  args.length > 2 ? args[2] : "both");
      case "music" ->
          new MusicBenchmark()
              .run(
                  args.length > 1 ? Integer.parseInt(args[1]) : 20,
                  args.length > 2
                      ? java.util.Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList()
                      : MusicBenchmark.COUNTS);
      default -> {
        System.err.println(
            "usage: bench.jar delivery | conversation | markov | admin | storms | cluster [publishes] | scale [full|short] [redis,postgresql] | kills [cycles] | outages [seconds] [postgresql,redis,in_process,direct] | load [seconds] [in_process,postgresql,redis] | gateway [all|latency|bursts|takeover] [both|postgresql|redis] | voice [seconds] [aes|xchacha|both] | music [seconds] [1,10,25,50,100]");
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
