package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.PopRecord;

/** Checks that a user's INBOX and POP records agree: what "the store is not corrupted" means here. */
final class StoreConsistency {
  private StoreConsistency() {
  }

  static void check(MailStore store, String user) {
    MailboxRecord inbox = await(store.mailbox(user, "INBOX"));
    Map<String, PopRecord> pop = await(store.popRecords(user));
    if (inbox == null) {
      assertThat(pop).as("POP records of %s without an INBOX", user).isEmpty();
      return;
    }
    List<MessageRecord> messages = await(store.snapshot(user, MailboxRecord.INBOX_ID)).messages();
    Map<String, MessageRecord> byUidl = new HashMap<>();
    for (MessageRecord message : messages) {
      assertThat(message.uid()).isLessThan(inbox.uidNext());
      assertThat(message.modSeq()).isLessThanOrEqualTo(inbox.highestModSeq());
      assertThat(await(store.body(user, message.blobId()))).as("body of UID %d", message.uid())
          .isNotNull().hasSize((int) message.size());
      if (message.uidl() != null) {
        assertThat(byUidl.put(message.uidl(), message)).as("UIDL %s twice in INBOX", message.uidl()).isNull();
        PopRecord record = pop.get(message.uidl());
        assertThat(record).as("POP record of INBOX UID %d", message.uid()).isNotNull();
        assertThat(record.state()).isEqualTo(PopRecord.State.PRESENT);
        assertThat(record.inboxUid()).isEqualTo(message.uid());
      }
    }
    for (PopRecord record : pop.values()) {
      if (record.state() == PopRecord.State.PRESENT) {
        assertThat(byUidl).as("INBOX message of POP record %s", record.uidl()).containsKey(record.uidl());
      }
    }
  }
}
