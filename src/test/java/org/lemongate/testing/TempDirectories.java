package org.lemongate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temp folders that other users (Dovecot's unprivileged processes) can enter; the benchmarks use them too. */
public final class TempDirectories {
  private TempDirectories() {
  }

  /** A new folder under the system temp folder, mode 755 (JUnit's and the JDK's default 700 is too strict). */
  static Path create(String prefix) throws IOException {
    Path directory = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    return directory;
  }

  /** Deletes a tree, best effort: a temp folder left behind is harmless. */
  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort
    }
  }
}
