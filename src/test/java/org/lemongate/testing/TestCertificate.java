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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for test servers, made with the JDK's {@code keytool} (about a second each),
 * once per JVM, and deleted when the JVM exits.
 *
 * <p>{@link #get()} is for {@code localhost} and {@code 127.0.0.1} (both in subjectAltName, so host name
 * verification passes for either). {@link #forOtherHost()} names only {@code other.invalid}: a client
 * that trusts it but connects to 127.0.0.1 must reject it, which proves host names are verified.
 *
 * <p>Servers use {@link #certificatePem()} + {@link #privateKeyPem()} (Dovecot) or
 * {@link #serverSslContext()} (Java); clients trust one through {@link #certificatePem()}.
 */
public final class TestCertificate {
  private static final String PASSWORD = "changeit";
  private static final Map<String, TestCertificate> BY_NAMES = new HashMap<>();

  private final Path directory;
  private final Path keyStore;

  private TestCertificate(Path directory) {
    this.directory = directory;
    this.keyStore = directory.resolve("server.p12");
  }

  /** The certificate for localhost and 127.0.0.1. */
  public static TestCertificate get() {
    return issuedFor("dns:localhost,ip:127.0.0.1");
  }

  /** A certificate for {@code other.invalid} only. */
  public static TestCertificate forOtherHost() {
    return issuedFor("dns:other.invalid");
  }

  private static synchronized TestCertificate issuedFor(String subjectAltNames) {
    return BY_NAMES.computeIfAbsent(subjectAltNames, TestCertificate::create);
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

  private static TestCertificate create(String subjectAltNames) {
    try {
      Path directory = TempDirectories.create("lemongate-cert-");
      TestCertificate certificate = new TestCertificate(directory);
      certificate.generate(subjectAltNames);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirectories.delete(directory)));
      return certificate;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the test certificate", e);
    }
  }

  private void generate(String subjectAltNames) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + subjectAltNames.split("[:,]")[1],
        "-ext", "SAN=" + subjectAltNames, "-validity", "3650",
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
