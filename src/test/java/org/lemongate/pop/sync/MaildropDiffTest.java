package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lemongate.store.PopRecord;
import org.lemongate.store.PopRecord.State;

class MaildropDiffTest {

  private static Listing listed(int number, String uidl) {
    return new Listing(number, uidl, 100, false);
  }

  private static Map<String, PopRecord> known(Object... uidlAndState) {
    Map<String, PopRecord> records = new LinkedHashMap<>();
    for (int i = 0; i < uidlAndState.length; i += 2) {
      String uidl = (String) uidlAndState[i];
      records.put(uidl, new PopRecord(uidl, (State) uidlAndState[i + 1], i + 1, 100));
    }
    return records;
  }

  @Test
  void newMessagesAreDownloadedInPopOrder() {
    MaildropDiff diff = MaildropDiff.compute(List.of(listed(1, "a"), listed(2, "c"), listed(3, "b")),
        known("a", State.PRESENT));
    assertThat(diff.download()).extracting(Listing::uidl).containsExactly("c", "b");
    assertThat(diff.vanished()).isEmpty();
    assertThat(diff.delete()).isEmpty();
  }

  @Test
  void onlyMessagesTheUserExpungedAreDeleted() {
    MaildropDiff diff = MaildropDiff.compute(List.of(listed(1, "a"), listed(2, "b"), listed(3, "c")),
        known("a", State.PRESENT, "b", State.DELETE_PENDING, "c", State.PRESENT));
    assertThat(diff.delete()).extracting(Listing::uidl).containsExactly("b");
    assertThat(diff.delete()).extracting(Listing::number).containsExactly(2);
  }

  @Test
  void anAmbiguousIdIsNeverDeleted() {
    MaildropDiff diff = MaildropDiff.compute(List.of(new Listing(1, "h #1", 100, true)),
        known("h #1", State.DELETE_PENDING));
    assertThat(diff.delete()).isEmpty();
  }

  @Test
  void messagesGoneFromTheServerVanish() {
    MaildropDiff diff = MaildropDiff.compute(List.of(listed(1, "b")),
        known("a", State.PRESENT, "b", State.PRESENT, "c", State.DELETE_PENDING));
    assertThat(diff.vanished()).containsExactlyInAnyOrder("a", "c");
    assertThat(diff.suspicious()).isFalse();
  }

  @Test
  void aUidlThatNowNamesOtherContentIsANewMessageAndItsDeletionDoesNotCarryOver() {
    Listing reused = new Listing(1, "a", 999, false);
    MaildropDiff diff = MaildropDiff.compute(List.of(reused), known("a", State.DELETE_PENDING));
    assertThat(diff.vanished()).containsExactly("a");
    assertThat(diff.download()).containsExactly(reused);
    assertThat(diff.delete()).isEmpty();
  }

  @Test
  void aSuddenlyEmptyListingIsSuspicious() {
    assertThat(MaildropDiff.compute(List.of(), known("a", State.PRESENT)).suspicious()).isTrue();
  }

  @Test
  void losingMostOfTheMailboxAtOnceIsSuspiciousButAFewDeletionsAreNot() {
    List<String> uidls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      uidls.add("m" + i);
    }
    Map<String, PopRecord> records = new LinkedHashMap<>();
    uidls.forEach(u -> records.put(u, new PopRecord(u, State.PRESENT, 1, 100)));

    List<Listing> kept15 = new ArrayList<>();
    List<Listing> kept35 = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      (i < 15 ? kept15 : new ArrayList<Listing>()).add(listed(i + 1, uidls.get(i)));
      kept35.add(listed(i + 1, uidls.get(i)));
    }
    assertThat(MaildropDiff.compute(kept15, records).suspicious()).isTrue();
    assertThat(MaildropDiff.compute(kept35, records).suspicious()).isFalse();
  }

  @Test
  void deletionsTheUserAskedForDoNotCountAsSuspiciousLoss() {
    Map<String, PopRecord> records = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      records.put("m" + i, new PopRecord("m" + i, i < 18 ? State.DELETE_PENDING : State.PRESENT, i, 100));
    }
    MaildropDiff diff = MaildropDiff.compute(List.of(listed(1, "m18"), listed(2, "m19")), records);
    assertThat(diff.suspicious()).isFalse();
    assertThat(diff.vanished()).hasSize(18);
  }
}
