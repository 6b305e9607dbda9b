package org.lemongate.pop.sync;

import static org.lemongate.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lemongate.auth.Credentials;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopConfig;
import org.lemongate.config.StoreConfig;
import org.lemongate.events.Addresses;
import org.lemongate.pop.client.Pop3Exception;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;

/** A store and a {@link PopSyncVerticle} against one POP back end, driven over the event bus as the IMAP side does. */
final class SyncFixture implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final MailStore store;
  final PopSyncVerticle verticle;

  SyncFixture(Path storeDir, BackendConfig backend, Duration poll) {
    this(storeDir, new PopConfig(poll, Duration.ofSeconds(1), Duration.ofMinutes(5), 64L << 20, backend,
        Map.of()));
  }

  SyncFixture(Path storeDir, PopConfig pop) {
    store = MailStore.open(vertx, new StoreConfig(storeDir, 4, Duration.ofHours(1), Duration.ZERO, Duration.ofDays(1)));
    verticle = new PopSyncVerticle(store, pop);
    await(vertx.deployVerticle(verticle));
  }

  /** Logs in (opening a session); returns the reply or the failure kind. */
  Future<JsonObject> login(String user, String password) {
    return vertx.eventBus().<JsonObject>request(Addresses.POP_LOGIN, new PopLogin(new Credentials(user, password)))
        .map(reply -> reply.body());
  }

  static Pop3Exception.Kind failureKind(Throwable failure) {
    return Pop3Exception.Kind.values()[((ReplyException) failure).failureCode()];
  }

  /** Syncs now (after whatever the user's queue holds) and returns the outcome. */
  SyncOutcome sync(String user) {
    return SyncOutcome.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.POP_SYNC, user,
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(120_000)), 130).body());
  }

  /** What the syncs hold in memory now: zero whenever no sync is downloading. */
  long downloadMemoryHeld() {
    return await(verticle.downloadMemoryHeld());
  }

  void closeSession(String user) {
    vertx.eventBus().send(Addresses.SESSION_CLOSED, user);
  }

  List<MessageRecord> inbox(String user) {
    return await(store.snapshot(user, MailboxRecord.INBOX_ID)).messages();
  }

  byte[] body(String user, MessageRecord message) {
    return await(store.body(user, message.blobId()));
  }

  @Override
  public void close() {
    await(Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()));
    store.close();
    await(vertx.close());
  }
}
