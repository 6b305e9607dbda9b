package org.lemongate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} (both in subjectAltName, so
 * host name verification passes for either), made once per JVM with the JDK's {@code keytool}
 * (about a second) and deleted when the JVM exits.
 *
 * <p>Servers use {@link #certificatePem()} + {@link #privateKeyPem()} (Dovecot) or
 * {@link #serverSslContext()} (Java); clients trust it through {@link #certificatePem()}.
 */
public final class TestCertificate {
  private static final String PASSWORD = "changeit";
  private static TestCertificate instance;

  private final Path directory;
  private final Path keyStore;

  private TestCertificate(Path directory) {
    this.directory = directory;
    this.keyStore = directory.resolve("server.p12");
  }

  public static synchronized TestCertificate get() {
    if (instance == null) {
      instance = create();
    }
    return instance;
  }

  /** The certificate, PEM; also what a client should trust. */
  public Path certificatePem() {
    return directory.resolve("cert.pem");
  }

  /** The private key, PEM (PKCS#8, unencrypted). */
  public Path privateKeyPem() {
    return directory.resolve("key.pem");
  }

  /** A server-side TLS context presenting this certificate. */
  public SSLContext serverSslContext() {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(loadKeyStore(), PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context from " + keyStore, e);
    }
  }

  private static TestCertificate create() {
    try {
      Path directory = TempDirectories.create("lemongate-cert-");
      TestCertificate certificate = new TestCertificate(directory);
      certificate.generate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirectories.delete(directory)));
      return certificate;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the test certificate", e);
    }
  }

  private void generate() throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore store = loadKeyStore();
      Certificate certificate = store.getCertificate("server");
      writePem(certificatePem(), "CERTIFICATE", certificate.getEncoded());
      writePem(privateKeyPem(), "PRIVATE KEY", store.getKey("server", PASSWORD.toCharArray()).getEncoded());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the test certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the generated key store", e);
    }
  }

  private KeyStore loadKeyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }
}
