package org.lemongate;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.lemongate.config.GatewayConfig;
import org.lemongate.config.HostPort;
import org.lemongate.config.ImapConfig;
import org.lemongate.imap.server.ImapServerVerticle;
import org.lemongate.imap.server.ServerContext;
import org.lemongate.imap.server.SessionRegistry;
import org.lemongate.imap.server.handler.ImapCommands;
import org.lemongate.pop.sync.PopSyncVerticle;
import org.lemongate.store.MailStore;
import org.lemongate.store.compaction.CompactionVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running gateway: Vert.x, the store and the verticles, started and stopped together. */
public final class Gateway {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final MailStore store;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Gateway(Vertx vertx, MailStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /**
   * Opens the store and deploys the verticles; blocks until they run.
   *
   * @throws org.lemongate.store.StoreInUseException when another gateway uses the store folder
   */
  public static Gateway start(GatewayConfig config) {
    Vertx vertx = Vertx.vertx();
    MailStore store;
    try {
      store = MailStore.open(vertx, config.store());
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    Gateway gateway = new Gateway(vertx, store);
    DeploymentOptions eventLoop = new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP);
    PemKeyCertOptions certificate = certificate(config.imap());
    ServerContext imap = new ServerContext(vertx, config.imap(), store, ImapCommands.table(),
        new SessionRegistry(config.imap()), certificate);
    Future<?> deployed = vertx.deployVerticle(new PopSyncVerticle(store, config.pop()), eventLoop)
        .compose(id -> vertx.deployVerticle(new CompactionVerticle(store, config.store()), eventLoop))
        .compose(id -> vertx.deployVerticle(() -> new ImapServerVerticle(imap, certificate),
            new DeploymentOptions(eventLoop).setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)));
    try {
      deployed.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      gateway.stop();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("the gateway did not start: " + cause.getMessage(), cause);
    }
    log.info("Lemongate started: IMAP {} (STARTTLS), IMAPS {}; store {}; POP server {} (polled every {} s)",
        describe(config.imap().listen()), describe(config.imap().tlsListen()), store.path().toAbsolutePath(),
        config.pop().defaultBackend(), config.pop().pollInterval().toSeconds());
    return gateway;
  }

  private static String describe(HostPort address) {
    return address == null ? "off" : address.toString();
  }

  /** The configured certificate, or a self-signed one for "localhost" made now. */
  private static PemKeyCertOptions certificate(ImapConfig config) {
    if (config.certificate() != null) {
      return new PemKeyCertOptions().setCertPath(config.certificate().toString())
          .setKeyPath(config.key().toString());
    }
    log.warn("no TLS certificate configured (imap.certificate, imap.key): using a self-signed one for localhost");
    return SelfSignedCertificate.create("localhost").keyCertOptions();
  }

  public Vertx vertx() {
    return vertx;
  }

  public MailStore store() {
    return store;
  }

  /**
   * Undeploys the verticles, closes the store once its running operations are done, then stops
   * Vert.x. Safe to call twice.
   */
  public void stop() {
    if (stopped.getCount() == 0) {
      return;
    }
    try {
      Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the verticles did not stop cleanly: {}", e.toString());
    }
    store.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not stop cleanly: {}", e.toString());
    }
    stopped.countDown();
  }

  public void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
