package org.lemongate.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** Flag lists as the store keeps them: no duplicates (flags compare case-insensitively), sorted. */
public final class Flags {
  public static final String SEEN = "\\Seen";
  public static final String ANSWERED = "\\Answered";
  public static final String FLAGGED = "\\Flagged";
  public static final String DELETED = "\\Deleted";
  public static final String DRAFT = "\\Draft";

  private Flags() {
  }

  public static List<String> normalize(Collection<String> flags) {
    TreeMap<String, String> byKey = new TreeMap<>();
    for (String flag : flags) {
      byKey.putIfAbsent(flag.toLowerCase(Locale.ROOT), flag);
    }
    return List.copyOf(byKey.values());
  }

  public static List<String> union(Collection<String> current, Collection<String> added) {
    List<String> all = new ArrayList<>(current);
    all.addAll(added);
    return normalize(all);
  }

  public static List<String> minus(Collection<String> current, Collection<String> removed) {
    List<String> kept = new ArrayList<>();
    for (String flag : current) {
      if (removed.stream().noneMatch(flag::equalsIgnoreCase)) {
        kept.add(flag);
      }
    }
    return normalize(kept);
  }
}
