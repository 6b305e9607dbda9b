package org.lemongate.events;

import io.vertx.core.json.JsonObject;

/**
 * "Mailbox M of user U is now at MODSEQ N". A hint, not data: a session that receives it pulls the
 * changes since its own MODSEQ from the store, so a lost or merged event corrupts nothing.
 */
public record MailboxChanged(long mailboxId, long highestModSeq) {

  public JsonObject toJson() {
    return new JsonObject().put("mailbox", mailboxId).put("modseq", highestModSeq);
  }

  public static MailboxChanged fromJson(JsonObject json) {
    return new MailboxChanged(json.getLong("mailbox"), json.getLong("modseq"));
  }
}
