package org.lemongate.it;

import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.lemongate.Gateway;
import org.lemongate.config.ConfigLoader;
import org.lemongate.config.GatewayConfig;
import org.lemongate.config.TlsMode;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.FreePorts;

/**
 * A whole gateway (store, POP sync, IMAP listeners on free loopback ports) in front of a private
 * Dovecot POP3 server, as the end-to-end tests use it.
 */
public final class GatewayFixture implements AutoCloseable {
  public final DovecotPop3 dovecot;
  public final Gateway gateway;
  public final GatewayConfig config;
  public final int imapPort;
  public final int imapsPort;

  private GatewayFixture(DovecotPop3 dovecot, Path storeDir, Map<String, String> extra) {
    this.dovecot = dovecot;
    int[] ports = FreePorts.distinct(2);
    this.imapPort = ports[0];
    this.imapsPort = ports[1];
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("store.path", storeDir.toString());
    settings.put("pop.default.host", DovecotPop3.HOST);
    settings.put("pop.default.port", Integer.toString(dovecot.pop3Port()));
    settings.put("pop.default.tls", "none");
    settings.put("pop.min-poll-seconds", "1");
    settings.put("pop.poll-seconds", "2");
    settings.put("imap.listen", "127.0.0.1:" + imapPort);
    settings.put("imap.tls-listen", "127.0.0.1:" + imapsPort);
    settings.put("imap.allow-cleartext", "true");
    settings.putAll(extra);
    this.config = new ConfigLoader(settings, Map.of()).load(null);
    this.gateway = Gateway.start(config);
  }

  /** A gateway over the given Dovecot; {@code extra} settings (key paths) override the test defaults. */
  public static GatewayFixture start(DovecotPop3 dovecot, Path storeDir, Map<String, String> extra) {
    return new GatewayFixture(dovecot, storeDir, extra);
  }

  public static GatewayFixture start(DovecotPop3 dovecot, Path storeDir) {
    return start(dovecot, storeDir, Map.of());
  }

  /** The POP back end as a TLS mode of this Dovecot, for settings. */
  public static Map<String, String> popOver(DovecotPop3 dovecot, TlsMode tls) {
    return Map.of(
        "pop.default.port", Integer.toString(tls == TlsMode.IMPLICIT ? dovecot.pop3sPort() : dovecot.pop3Port()),
        "pop.default.tls", tls.name().toLowerCase(java.util.Locale.ROOT),
        "pop.default.trust", dovecot.certificatePem().toString());
  }

  /** An Angus Mail IMAP store logged in as the user, on the plain port. */
  public Store imapStore(String user, String password) throws jakarta.mail.MessagingException {
    Properties properties = new Properties();
    properties.put("mail.imap.connectiontimeout", "10000");
    properties.put("mail.imap.timeout", "20000");
    properties.put("mail.debug", System.getProperty("lemongate.mailDebug", "false"));
    Store store = Session.getInstance(properties).getStore("imap");
    store.connect("127.0.0.1", imapPort, user, password);
    return store;
  }


  @Override
  public void close() {
    gateway.stop();
  }
}
