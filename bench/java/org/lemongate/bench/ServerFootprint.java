package org.lemongate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The memory a server process uses, with all its descendants (Dovecot runs a process per session):
 * resident set (VmRSS from /proc/PID/status, summed, so shared pages count once per process),
 * proportional set (Pss from /proc/PID/smaps_rollup, shared pages split among their users) and,
 * if it is a JVM, the heap used after a full GC (jcmd GC.run, then jstat -gc).
 *
 * @param heapUsedBytes -1 if the process is not a JVM or could not be asked
 */
record ServerFootprint(int processes, long rssBytes, long pssBytes, long heapUsedBytes) {
  static ServerFootprint of(long pid) {
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalArgumentException("no process " + pid));
    List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
    long rss = 0;
    long pss = 0;
    for (ProcessHandle process : tree) {
      rss += kilobytes(Path.of("/proc", Long.toString(process.pid()), "status"), "VmRSS:");
      pss += kilobytes(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"), "Pss:");
    }
    return new ServerFootprint(tree.size(), rss, pss, isJvm(pid) ? heapUsedAfterGc(pid) : -1);
  }

  /**
   * CPU seconds used so far by a process and its descendants, those still running and those it has
   * already reaped (utime, stime, cutime and cstime of /proc/PID/stat, in clock ticks of 1/100 s):
   * a Dovecot session process that ended counts too. 0 for a process that is gone.
   */
  static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid).stream()
        .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
        .mapToLong(process -> cpuTicks(process.pid()))
        .sum() / 100.0;
  }

  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // after the command name in parentheses: state is field 3, utime..cstime are fields 14..17
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
          + Long.parseLong(fields[14]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** A line like {@code VmRSS:     1234 kB}, in bytes; 0 if the process is gone or the line missing. */
  private static long kilobytes(Path file, String field) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(line -> line.startsWith(field))
          .findFirst()
          .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024)
          .orElse(0L);
    } catch (IOException | UncheckedIOException gone) {
      return 0;
    }
  }

  private static boolean isJvm(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString().equals("java");
    } catch (IOException e) {
      return false;
    }
  }

  /** Heap used (survivors, eden and old generation) after a full GC, from jstat's column headers. */
  private static long heapUsedAfterGc(long pid) {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    run(bin.resolve("jcmd").toString(), Long.toString(pid), "GC.run");
    List<String> lines = run(bin.resolve("jstat").toString(), "-gc", Long.toString(pid)).lines().toList();
    if (lines.size() < 2) {
      return -1;
    }
    List<String> names = List.of(lines.get(0).trim().split("\\s+"));
    String[] values = lines.get(1).trim().split("\\s+");
    double kilobytes = 0;
    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
      int index = names.indexOf(column);
      if (index < 0) {
        return -1;
      }
      kilobytes += Double.parseDouble(values[index]);
    }
    return (long) (kilobytes * 1024);
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(60, TimeUnit.SECONDS);
      return output;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
