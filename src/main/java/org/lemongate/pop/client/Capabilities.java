package org.lemongate.pop.client;

import java.util.List;
import java.util.Locale;

/**
 * The server's answer to CAPA (RFC 2449 section 5), one capability per line: a tag, then arguments.
 * A server without CAPA has {@link #NONE}; then only RFC 1939 commands can be relied on.
 */
public record Capabilities(List<String> lines) {

  public static final Capabilities NONE = new Capabilities(List.of());

  public Capabilities {
    lines = List.copyOf(lines);
  }

  /** True when a line's tag equals {@code tag}, ignoring case (tags are case-insensitive). */
  public boolean has(String tag) {
    return lines.stream().anyMatch(line -> tagOf(line).equalsIgnoreCase(tag));
  }

  /** The SASL mechanisms of the {@code SASL} capability (RFC 5034 section 3), upper case. */
  public List<String> saslMechanisms() {
    return lines.stream()
        .filter(line -> tagOf(line).equalsIgnoreCase("SASL"))
        .flatMap(line -> List.of(line.trim().split(" +")).stream().skip(1))
        .map(mechanism -> mechanism.toUpperCase(Locale.ROOT))
        .toList();
  }

  private static String tagOf(String line) {
    String trimmed = line.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }
}
