package org.lemongate.imap.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lemongate.imap.protocol.Flag;

/** Between the store's flag strings and the protocol's {@link Flag}s. */
public final class WireFlags {
  private static final List<Flag> SYSTEM = List.of(Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.SEEN, Flag.DRAFT);

  private WireFlags() {
  }

  public static List<Flag> toWire(Collection<String> stored) {
    List<Flag> flags = new ArrayList<>(stored.size());
    for (String name : stored) {
      flags.add(new Flag(name));
    }
    return flags;
  }

  public static List<String> toStore(Collection<Flag> flags) {
    List<String> names = new ArrayList<>(flags.size());
    for (Flag flag : flags) {
      names.add(flag.name());
    }
    return names;
  }

  /** The FLAGS response: the system flags and the keywords in use. */
  public static List<Flag> forFlagsResponse(Collection<String> keywords) {
    List<Flag> flags = new ArrayList<>(SYSTEM);
    keywords.forEach(keyword -> flags.add(new Flag(keyword)));
    return flags;
  }

  /** PERMANENTFLAGS: all of FLAGS, and {@code \*} since clients may create keywords. */
  public static List<Flag> permanent(Collection<String> keywords) {
    List<Flag> flags = forFlagsResponse(keywords);
    flags.add(Flag.ANY_KEYWORD);
    return flags;
  }
}
