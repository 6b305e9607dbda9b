package org.lemongate.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.lemongate.config.ImapLimits;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.command.CommandParser;
import org.lemongate.imap.protocol.CommandFrame;

/** Commands parsed as a client sends them, and sample messages, for the FETCH and SEARCH tests. */
public final class Fixtures {

  private static final CommandParser PARSER =
      new CommandParser(ImapLimits.defaults().nestingDepth());

  private Fixtures() {}

  /** Parses one command line such as {@code a UID FETCH 1:* (FLAGS)}. */
  @SuppressWarnings("unchecked")
  public static <T extends Command> T command(String line) {
    return (T) PARSER.parse(CommandFrame.of(line), true).command();
  }

  /** A test resource, e.g. {@code /messages/plain.eml}. */
  public static byte[] load(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
