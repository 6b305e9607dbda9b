package org.lemongate.imap.server;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import org.lemongate.config.ImapConfig;
import org.lemongate.store.MailStore;

/**
 * What every session of one gateway shares: configuration, the store, the command table, the
 * counts, and the certificate for STARTTLS.
 */
public record ServerContext(Vertx vertx, ImapConfig config, MailStore store, CommandTable commands,
    SessionRegistry registry, StartTlsUpgrade startTls) {

  public ServerContext(Vertx vertx, ImapConfig config, MailStore store, CommandTable commands,
      SessionRegistry registry, PemKeyCertOptions certificate) {
    this(vertx, config, store, commands, registry,
        new StartTlsUpgrade(certificate.getCertPath(), certificate.getKeyPath()));
  }
}
