package org.lemongate.pop.sync;

import io.vertx.core.json.JsonObject;

/**
 * What one sync did.
 *
 * @param downloaded       messages stored in INBOX
 * @param vanished         messages expunged from INBOX because the server no longer has them
 * @param deleted          messages DELEd on the server, committed by QUIT
 * @param tooBig           messages over the size limit: left on the server, a notice stored in their place
 * @param vanishHeldBack   true when the listing dropped most of the mailbox at once and the
 *                         expunges wait for a second listing to confirm them
 */
public record SyncOutcome(int downloaded, int vanished, int deleted, int tooBig, boolean vanishHeldBack) {

  public JsonObject toJson() {
    return new JsonObject().put("downloaded", downloaded).put("vanished", vanished).put("deleted", deleted)
        .put("tooBig", tooBig).put("vanishHeldBack", vanishHeldBack);
  }

  public static SyncOutcome fromJson(JsonObject json) {
    return new SyncOutcome(json.getInteger("downloaded"), json.getInteger("vanished"), json.getInteger("deleted"),
        json.getInteger("tooBig"), json.getBoolean("vanishHeldBack"));
  }
}
