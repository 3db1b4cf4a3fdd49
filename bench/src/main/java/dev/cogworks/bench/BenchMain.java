package dev.cogworks.bench;

/** {@code java -jar bench/target/bench.jar delivery}: runs a benchmark and prints its figures. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String name = args.length == 0 ? "" : args[0];
    switch (name) {
      case "delivery" -> new DeliveryBenchmark().run();
      default -> {
        System.err.println("usage: bench.jar delivery");
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
