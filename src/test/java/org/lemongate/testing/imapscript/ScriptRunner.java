package org.lemongate.testing.imapscript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs {@link ImapScript}s against a {@link ScriptTarget}, each with a fresh account, failing with the
 * script's name, the line, what was expected, what arrived and the transcript so far.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scripts() {
 *   return new ScriptRunner(target).dynamicTests("imap-scripts");   // src/test/resources/imap-scripts/*.test
 * }
 * }</pre>
 *
 * <p>Message files named by {@code SETUP:} and {@code DELIVER:} come from {@code src/test/resources/messages/}.
 */
public final class ScriptRunner {
  private final ScriptTarget target;
  private final Duration timeout;

  /** A runner whose reads wait at most 10 s. */
  public ScriptRunner(ScriptTarget target) {
    this(target, Duration.ofSeconds(10));
  }

  /** @param timeout how long a read ({@code S:}, a whole {@code UNTIL:}, {@code CLOSED}) may wait */
  public ScriptRunner(ScriptTarget target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
  }

  /** One test per {@code *.test} file of a folder on the test classpath, in name order. */
  public Stream<DynamicTest> dynamicTests(String classpathFolder) {
    Path folder = classpathFolder(classpathFolder);
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".test"))
          .sorted()
          .toList()
          .stream()
          .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
              () -> run(ImapScript.parse(file.getFileName().toString(), Files.readString(file)))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a script with a fresh account; a mismatch is an {@link AssertionError}. */
  public void run(ImapScript script) throws IOException, InterruptedException {
    List<byte[]> messages = new ArrayList<>();
    for (String file : script.setupMessages()) {
      try {
        messages.add(message(file));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(script.name() + " SETUP: " + e.getMessage(), e);
      }
    }
    ScriptTarget.Account account = target.newAccount(script.name(), messages);
    try (ScriptRun run = new ScriptRun(script, target, account, timeout)) {
      for (Step step : script.steps()) {
        step.run(run);
      }
    }
  }

  /** A message file from {@code src/test/resources/messages/}, byte for byte. */
  static byte[] message(String file) {
    try (InputStream in = ScriptRunner.class.getResourceAsStream("/messages/" + file)) {
      if (in == null || file.contains("/")) {
        throw new IllegalArgumentException("no message file messages/" + file + " on the test classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path classpathFolder(String name) {
    URL url = ScriptRunner.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no folder " + name + " on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot list " + url, e);
    }
  }
}
