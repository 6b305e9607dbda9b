package org.lemongate.bench;

/**
 * Runs the JMH benchmarks of hot code (the classes named *Benchmark under bench/java that use JMH
 * annotations): {@code mvn -Pbench test-compile exec:exec -Dbench=Jmh -Dbench.args="MimeParse"}; the
 * arguments are JMH's own (a benchmark name pattern, {@code -f 1 -wi 3 -i 5}, {@code -h} for all).
 */
public final class Jmh {
  private Jmh() {}

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
