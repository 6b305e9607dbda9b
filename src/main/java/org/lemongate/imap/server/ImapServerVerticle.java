package org.lemongate.imap.server;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMAP listeners: the plain port with STARTTLS and the implicit-TLS port. Deployed once per
 * event loop; Vert.x spreads the connections of a shared port over the instances, and each
 * connection's {@link ImapSession} lives on the event loop that accepted it.
 */
public final class ImapServerVerticle extends AbstractVerticle {
  private static final Logger log = LoggerFactory.getLogger(ImapServerVerticle.class);

  private final ServerContext context;
  private final PemKeyCertOptions certificate;

  public ImapServerVerticle(ServerContext context, PemKeyCertOptions certificate) {
    this.context = context;
    this.certificate = certificate;
  }

  @Override
  public void start(Promise<Void> started) {
    List<Future<?>> listening = new ArrayList<>();
    HostPort plain = context.config().listen();
    HostPort implicit = context.config().tlsListen();
    if (plain != null) {
      listening.add(listen(plain, false));
    }
    if (implicit != null) {
      listening.add(listen(implicit, true));
    }
    Future.all(listening).<Void>mapEmpty().onComplete(started);
  }

  private Future<NetServer> listen(HostPort address, boolean implicitTls) {
    NetServerOptions options = new NetServerOptions()
        .setHost(address.host())
        .setPort(address.port())
        .setTcpNoDelay(true);
    if (implicitTls) {
      options.setSsl(true).setKeyCertOptions(certificate);
      if (OpenSSLEngineOptions.isAvailable()) {
        options.setSslEngineOptions(new OpenSSLEngineOptions());
      }
    }
    NetServer server = vertx.createNetServer(options);
    server.connectHandler(socket -> new ImapSession(context, socket, implicitTls).start());
    return server.listen().onSuccess(s -> log.debug("IMAP{} listening on {}:{}", implicitTls ? "S" : "",
        address.host(), s.actualPort()));
  }
}
