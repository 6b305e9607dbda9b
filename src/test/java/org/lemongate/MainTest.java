package org.lemongate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.FreePorts;

/** The {@code lemongate} command as an operator runs it: a process of its own. */
class MainTest {
  @TempDir
  Path dir;

  private Process lemongate(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String finish(Process process) throws Exception {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheOptions() throws Exception {
    Process help = lemongate("--help");
    String output = finish(help);
    assertThat(help.exitValue()).isZero();
    assertThat(output).contains("--config", "--data", "--pop", "--pop-tls", "--pop-trust", "--poll", "--imap",
        "--imaps", "--allow-cleartext", "--demo");
  }

  @Test
  void anInvalidConfigurationStopsStartUpNamingTheKey() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "pop:\n  poll-seconds: soon\n");
    Process process = lemongate("--config", config.toString(), "--data", dir.resolve("store").toString());
    String output = finish(process);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("pop.poll-seconds: expected a whole number, got \"soon\"");
  }

  @Test
  void aSecondGatewayOnTheSameStoreExitsAtOnce() throws Exception {
    int[] ports = FreePorts.distinct(4);
    String store = dir.resolve("store").toString();
    Process first = lemongate("--data", store, "--pop", "127.0.0.1:1", "--imap", "127.0.0.1:" + ports[0],
        "--imaps", "127.0.0.1:" + ports[1]);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(Path.of(store, "LOCK")) || !listening(ports[0])) {
        assertThat(first.isAlive()).as("the first gateway runs").isTrue();
        assertThat(System.nanoTime()).as("the first gateway started").isLessThan(deadline);
        Thread.sleep(100);
      }
      Process second = lemongate("--data", store, "--imap", "127.0.0.1:" + ports[2], "--imaps",
          "127.0.0.1:" + ports[3]);
      String output = finish(second);
      assertThat(second.exitValue()).isEqualTo(1);
      assertThat(output).contains("is in use by another Lemongate process");
      assertThat(first.isAlive()).as("the first gateway goes on").isTrue();
    } finally {
      first.destroy();
      first.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static boolean listening(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
