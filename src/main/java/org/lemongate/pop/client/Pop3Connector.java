package org.lemongate.pop.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.concurrent.TimeUnit;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.TlsMode;

/**
 * Opens {@link Pop3Client} sessions to one back end. Owns the {@link NetClient} and the back end's TLS
 * settings, built once: the PEM trust file of {@link BackendConfig#trust()} or the JVM's trust
 * store, host name verification when {@link BackendConfig#verifyCertificates()} (trust-all only when
 * it is off), and OpenSSL through netty-tcnative when available.
 */
public final class Pop3Connector {
  private final Vertx vertx;
  private final BackendConfig backend;
  private final Pop3Limits limits;
  private final NetClient netClient;
  private final ClientSSLOptions tls;

  private Pop3Connector(Vertx vertx, BackendConfig backend, Pop3Limits limits) {
    this.vertx = vertx;
    this.backend = backend;
    this.limits = limits;
    this.netClient = vertx.createNetClient(clientOptions(backend));
    this.tls = tlsOptions(backend);
  }

  public static Pop3Connector create(Vertx vertx, BackendConfig backend) {
    return create(vertx, backend, Pop3Limits.defaults());
  }

  public static Pop3Connector create(Vertx vertx, BackendConfig backend, Pop3Limits limits) {
    return new Pop3Connector(vertx, backend, limits);
  }

  /**
   * Connects, reads the greeting, asks CAPA and sets up TLS as configured. The session lives on the
   * caller's context when called on one, otherwise on a new event-loop context.
   */
  public Future<Pop3Client> connect() {
    Context context = vertx.getOrCreateContext();
    Promise<Pop3Client> opened = Promise.promise();
    context.runOnContext(ignored -> netClient.connect(connectOptions())
        .recover(cause -> Future.failedFuture(Failures.ofTransport(server(), "while connecting",
            backend.tls() == TlsMode.IMPLICIT, cause)))
        .compose(socket -> Pop3Client.open(vertx, context, socket, backend, tls, limits))
        .onComplete(opened));
    return opened.future();
  }

  /** Closes the underlying client; sessions still open are closed too. */
  public Future<Void> close() {
    return netClient.close();
  }

  private ConnectOptions connectOptions() {
    return new ConnectOptions()
        .setHost(backend.host())
        .setPort(backend.port())
        .setSsl(backend.tls() == TlsMode.IMPLICIT)
        .setSslOptions(tls);
  }

  private String server() {
    return backend.host() + ":" + backend.port();
  }

  private static NetClientOptions clientOptions(BackendConfig backend) {
    return new NetClientOptions()
        .setConnectTimeout((int) backend.connectTimeout().toMillis())
        .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
  }

  /** One set of TLS settings, used from the first byte (IMPLICIT) or after STLS (STARTTLS). */
  static ClientSSLOptions tlsOptions(BackendConfig backend) {
    ClientSSLOptions options = new ClientSSLOptions()
        .setSslHandshakeTimeout(backend.connectTimeout().toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    if (!backend.verifyCertificates()) {
      return options.setTrustAll(true).setHostnameVerificationAlgorithm("");
    }
    options.setHostnameVerificationAlgorithm("HTTPS");
    if (backend.trust() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(backend.trust().toString()));
    }
    return options;
  }
}
