package org.lemongate.imap.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.io.File;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * STARTTLS on the server side. Vert.x 5.0's own {@code NetSocket.upgradeToSsl} works only on the
 * first instance of a shared {@code NetServer}: the others have no SSL context manager (a null
 * pointer in {@code NetSocketImpl.sslUpgrade}), and the IMAP server runs one instance per event
 * loop. So the TLS handler is installed here, the way Vert.x does it: the tagged OK is written
 * while the socket is paused, and the handler goes in when that write completes, before any byte
 * of the client's handshake can be read as plain text (RFC 9051 §6.2.1).
 */
final class StartTlsUpgrade {
  private static final long HANDSHAKE_TIMEOUT_SECONDS = 30;

  private final SslContext context;

  StartTlsUpgrade(String certificatePem, String keyPem) {
    try {
      context = SslContextBuilder.forServer(new File(certificatePem), new File(keyPem))
          .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot load the TLS certificate " + certificatePem + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code okLine}, then runs the TLS handshake; call on the socket's context. */
  Future<Void> upgrade(Vertx vertx, NetSocket socket, Buffer okLine) {
    Context session = vertx.getOrCreateContext();
    NetSocketInternal internal = (NetSocketInternal) socket;
    ChannelHandlerContext channel = internal.channelHandlerContext();
    Promise<Void> done = Promise.promise();
    socket.pause();
    internal.writeMessage(io.netty.buffer.Unpooled.wrappedBuffer(okLine.getBytes())).onComplete(written -> {
      if (written.failed()) {
        socket.resume();
        done.fail(written.cause());
        return;
      }
      SslHandler handler = context.newHandler(channel.alloc());
      handler.setHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      channel.pipeline().addFirst("ssl", handler);
      handler.handshakeFuture().addListener(handshake -> session.runOnContext(v -> {
        socket.resume();
        if (handshake.isSuccess()) {
          done.complete();
        } else {
          done.fail(handshake.cause());
        }
      }));
    });
    return done.future();
  }
}
