package org.lemongate.store.compaction;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.lemongate.config.StoreConfig;
import org.lemongate.store.MailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store housekeeping, on a timer: reclaims the bodies of expunged messages once no message has
 * referenced them for the grace period, forgets old expunges (raising each mailbox's history start
 * for QRESYNC), and compacts RocksDB when there is garbage to drop and no user wrote since the
 * last round (the store is quiet).
 */
public final class CompactionVerticle extends AbstractVerticle {
  /** Point-to-point: run one round now (body ignored; reply: what the round did). */
  public static final String RUN_NOW = "lemongate.compaction.run";

  private static final Logger log = LoggerFactory.getLogger(CompactionVerticle.class);

  private final MailStore store;
  private final StoreConfig config;
  private long commitsAtLastRound = -1;
  private boolean garbagePending;
  private boolean running;

  public CompactionVerticle(MailStore store, StoreConfig config) {
    this.store = store;
    this.config = config;
  }

  @Override
  public void start() {
    vertx.setPeriodic(config.compactionInterval().toMillis(), id -> round(false));
    vertx.eventBus().<JsonObject>consumer(RUN_NOW, message ->
        round(true).onComplete(done -> message.reply(done.succeeded() ? done.result() : new JsonObject()
            .put("error", String.valueOf(done.cause())))));
  }

  /** One round; {@code force} compacts even if users are writing. */
  private Future<JsonObject> round(boolean force) {
    if (running) {
      return Future.succeededFuture(new JsonObject().put("skipped", "a round is already running"));
    }
    running = true;
    long now = System.currentTimeMillis();
    JsonObject report = new JsonObject();
    return store.reclaimBodies(now - config.expungedBodyGrace().toMillis())
        .compose(reclaimed -> {
          report.put("reclaimedBodies", reclaimed);
          return store.purgeVanished(now - config.vanishedRetention().toMillis());
        })
        .compose(purged -> {
          report.put("purgedVanished", purged);
          garbagePending |= report.getInteger("reclaimedBodies") > 0 || purged > 0;
          boolean quiet = store.commitCount() == commitsAtLastRound;
          commitsAtLastRound = store.commitCount();
          if (garbagePending && (quiet || force)) {
            long before = store.sizeOnDisk();
            return store.compact().map(v -> {
              garbagePending = false;
              report.put("compacted", true).put("bytesBefore", before).put("bytesAfter", store.sizeOnDisk());
              log.info("store compacted: {} bytes on disk, was {}", report.getLong("bytesAfter"), before);
              return report;
            });
          }
          return Future.succeededFuture(report.put("compacted", false));
        })
        .onFailure(e -> log.warn("store housekeeping failed: {}", e.toString()))
        .onComplete(done -> running = false);
  }
}
