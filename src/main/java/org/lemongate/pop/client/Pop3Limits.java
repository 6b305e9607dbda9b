package org.lemongate.pop.client;

/**
 * Bounds on what a POP3 server may make the client buffer or queue (design invariant 7).
 *
 * @param maxStatusLineBytes  longest status line ({@code +OK ...}, {@code -ERR ...}); RFC 2449 section 4
 *                            allows 512 octets, real servers sometimes send a little more
 * @param maxBodyLineBytes    longest line inside a multi-line response (a message line, a listing line)
 * @param maxListingBytes     largest CAPA, LIST or UIDL listing
 * @param maxCommandsInFlight commands written before their answers arrive, when the server offers
 *                            PIPELINING (RFC 2449 section 6.6); without it, always one
 * @param maxQueuedCommands   commands a caller may queue on one connection before new ones are refused
 */
public record Pop3Limits(
    int maxStatusLineBytes,
    int maxBodyLineBytes,
    long maxListingBytes,
    int maxCommandsInFlight,
    int maxQueuedCommands) {

  public Pop3Limits {
    if (maxStatusLineBytes < 512 || maxBodyLineBytes < 1000 || maxListingBytes < 1
        || maxCommandsInFlight < 1 || maxQueuedCommands < 1) {
      throw new IllegalArgumentException("POP3 limits too small: status line " + maxStatusLineBytes
          + ", body line " + maxBodyLineBytes + ", listing " + maxListingBytes + ", in flight "
          + maxCommandsInFlight + ", queued " + maxQueuedCommands);
    }
  }

  public static Pop3Limits defaults() {
    return new Pop3Limits(4096, 1024 * 1024, 64L * 1024 * 1024, 64, 100_000);
  }

  public Pop3Limits withMaxQueuedCommands(int commands) {
    return new Pop3Limits(maxStatusLineBytes, maxBodyLineBytes, maxListingBytes, maxCommandsInFlight, commands);
  }
}
