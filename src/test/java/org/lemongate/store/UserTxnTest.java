package org.lemongate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction holds its changes to the user's and mailboxes' records back until the commit; every
 * read within it must still see them, whichever way it reads.
 */
class UserTxnTest {

  @Test
  void readsWithinATransactionSeeItsHeldChanges(@TempDir Path dir) {
    try (StoreDb db = StoreDb.open(dir, BodyFiles.SEGMENT_BYTES)) {
      try (UserTxn txn = UserTxn.begin("alice", db)) {
        MailboxRecord inbox = txn.createMailbox(MailboxRecord.INBOX, null);
        txn.addMessage(inbox.id(), txn.storeBlob(new byte[] {'a'}, new byte[0]), 1, 0, List.of(), "u1");
        txn.addMessage(inbox.id(), txn.storeBlob(new byte[] {'b'}, new byte[0]), 1, 0, List.of(), "u2");

        assertThat(txn.mailbox(MailboxRecord.INBOX).uidNext()).isEqualTo(3);
        assertThat(txn.mailboxes()).singleElement().extracting(MailboxRecord::uidNext).isEqualTo(3L);
        MailboxRecord sent = txn.createMailbox("Sent", "\\Sent");
        txn.renameMailbox(sent, "Outbox");
        assertThat(txn.mailbox("Sent")).isNull();
        assertThat(txn.mailboxes()).extracting(MailboxRecord::name).containsExactlyInAnyOrder("INBOX", "Outbox");
        txn.commit();
      }
      try (UserTxn later = UserTxn.begin("alice", db)) {
        assertThat(later.mailbox(MailboxRecord.INBOX).uidNext()).isEqualTo(3);
        assertThat(later.mailboxes()).extracting(MailboxRecord::name).containsExactlyInAnyOrder("INBOX", "Outbox");
        assertThat(later.userRecord().nextBlobId()).isEqualTo(3);
      }
    }
  }
}
