package org.lemongate.pop.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.store.PopRecord;

/**
 * What one sync must do, from the server's listing and the store's POP records: a merge on UIDL
 * (design.md, "Sync, step by step"). Pure, so every rule is testable without a server.
 *
 * @param download   listed messages the store does not have, in POP order
 * @param vanished   UIDLs the store knows but the server no longer lists (or lists with other
 *                   content), to expunge from INBOX
 * @param delete     listed messages the user expunged: DELE them (never an ambiguous one)
 * @param suspicious true when the listing drops most of the mailbox at once: the vanished part is
 *                   then held back until a second listing confirms it
 */
public record MaildropDiff(List<Listing> download, Set<String> vanished, List<Listing> delete,
    boolean suspicious) {

  /** A listing that vanishes at least this many mirrored messages, and over half, is suspicious. */
  static final int MASS_VANISH_MINIMUM = 10;

  public static MaildropDiff compute(List<Listing> listing, Map<String, PopRecord> known) {
    List<Listing> download = new ArrayList<>();
    List<Listing> delete = new ArrayList<>();
    Set<String> vanished = new LinkedHashSet<>();
    Set<String> listed = new HashSet<>();
    for (Listing message : listing) {
      listed.add(message.uidl());
      PopRecord record = known.get(message.uidl());
      if (record == null) {
        download.add(message);
      } else if (record.popSize() != message.size()) {
        // The same UIDL now names other content (some servers reuse ids): it is a new message,
        // and the user's deletion of the old one does not apply to it.
        vanished.add(message.uidl());
        download.add(message);
      } else if (record.state() == PopRecord.State.DELETE_PENDING && !message.ambiguous()) {
        delete.add(message);
      }
    }
    int mirrored = 0;
    int mirroredVanished = 0;
    for (PopRecord record : known.values()) {
      boolean present = record.state() == PopRecord.State.PRESENT;
      mirrored += present ? 1 : 0;
      if (!listed.contains(record.uidl())) {
        vanished.add(record.uidl());
        mirroredVanished += present ? 1 : 0;
      }
    }
    boolean emptied = listing.isEmpty() && mirrored > 0;
    boolean mostGone = mirroredVanished >= MASS_VANISH_MINIMUM && mirroredVanished * 2 > mirrored;
    return new MaildropDiff(download, vanished, delete, emptied || mostGone);
  }
}
