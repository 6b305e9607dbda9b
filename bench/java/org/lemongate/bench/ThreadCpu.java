package org.lemongate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds used by this process's threads, summed per group of threads (the thread's name with
 * its digits taken out: "lemongate-store-3" counts as "lemongate-store-"), read from
 * /proc/self/task, so native threads (the JIT compilers, RocksDB's flush, the GC) count too.
 */
final class ThreadCpu {
  private ThreadCpu() {}

  static Map<String, Double> byGroup() {
    Map<String, Double> groups = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
          groups.merge(name, seconds, Double::sum);
        } catch (IOException | RuntimeException threadEnded) {
          // a thread that ended between the listing and the read: its time is gone with it
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return groups;
  }

  /** CPU seconds the JIT compiler threads (C1 and C2) used between two readings. */
  static double compilerSeconds(Map<String, Double> before, Map<String, Double> after) {
    return after.entrySet().stream()
        .filter(e -> e.getKey().contains("CompilerThre"))
        .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0))
        .sum();
  }

  /** The groups that used at least 0.05 s between two readings, most first, as "name s, ..." */
  static String difference(Map<String, Double> before, Map<String, Double> after) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
