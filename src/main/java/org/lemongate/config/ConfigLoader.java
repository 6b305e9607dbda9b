package org.lemongate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code conf/lemongate.yaml} (or no file at all) into a {@link GatewayConfig}.
 *
 * <p>The defaults live here, once; {@code conf/lemongate.yaml} documents them, and a test keeps
 * the two equal. Overrides (command-line options, already turned into key paths) beat environment
 * variables, which beat the file.
 */
public final class ConfigLoader {
  private final Map<String, String> overrides;
  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> overrides, Map<String, String> env) {
    this.overrides = overrides;
    this.env = env;
  }

  /** Loads the file, or only defaults and overrides when {@code file} is null. */
  public GatewayConfig load(Path file) {
    Map<String, Object> root = file == null ? Map.of() : readYaml(file);
    ConfigNode top = new ConfigNode("", root, overrides, env);
    GatewayConfig config = new GatewayConfig(store(top.section("store")), pop(top.section("pop")),
        imap(top.section("imap")));
    top.rejectUnknownKeys();
    return config;
  }

  private static Map<String, Object> readYaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (loaded == null) {
        return Map.of();
      }
      if (!(loaded instanceof Map)) {
        throw new ConfigException(file.toString(), "the file must hold a map of sections");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) loaded);
      return map;
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
    } catch (YAMLException e) {
      throw new ConfigException(file.toString(), "is not valid YAML: " + e.getMessage());
    }
  }

  private static StoreConfig store(ConfigNode node) {
    ConfigNode compaction = node.section("compaction");
    StoreConfig store = new StoreConfig(
        node.path("path", Path.of("lemongate-data")),
        node.integer("worker-threads", 16, 1, 512),
        compaction.seconds("interval-seconds", 600, 1, 86_400),
        compaction.seconds("expunged-body-grace-seconds", 3_600, 0, 30L * 86_400),
        compaction.seconds("vanished-retention-days", 30, 0, 3_650).multipliedBy(86_400));
    compaction.rejectUnknownKeys();
    node.rejectUnknownKeys();
    return store;
  }

  private static PopConfig pop(ConfigNode node) {
    long minPoll = node.number("min-poll-seconds", 10, 1, 86_400);
    long poll = node.number("poll-seconds", 60, 1, 86_400);
    if (poll < minPoll) {
      throw new ConfigException(node.keyPath("poll-seconds"),
          "must be at least pop.min-poll-seconds (" + minPoll + "), got " + poll);
    }
    int connectTimeout = node.integer("connect-timeout-seconds", 15, 1, 600);
    int commandTimeout = node.integer("command-timeout-seconds", 60, 1, 3_600);
    long maxMessage = node.number("max-message-bytes", 64L * 1024 * 1024, 1_024, 1L << 31);
    BackendDefaults shared = new BackendDefaults(connectTimeout, commandTimeout, maxMessage);

    BackendConfig defaultBackend = backend(node.section("default"), shared);
    Map<String, BackendConfig> domains = new LinkedHashMap<>();
    node.namedSections("domains").forEach((domain, section) ->
        domains.put(domain.toLowerCase(Locale.ROOT), backend(section, shared)));
    PopConfig pop = new PopConfig(
        java.time.Duration.ofSeconds(poll),
        java.time.Duration.ofSeconds(minPoll),
        node.seconds("login-cache-seconds", 300, 0, 86_400),
        node.number("download-memory-mb", 128, 1, 1L << 20) * 1024 * 1024,
        defaultBackend,
        Map.copyOf(domains));
    node.rejectUnknownKeys();
    return pop;
  }

  private static ImapConfig imap(ConfigNode node) {
    ConfigNode limitsNode = node.section("limits");
    ImapLimits defaults = ImapLimits.defaults();
    long literalSize = limitsNode.number("literal-bytes", defaults.literalSize(), 1_024, 1L << 31);
    ImapLimits limits = new ImapLimits(
        limitsNode.integer("line-bytes", defaults.lineLength(), 1_024, 16 * 1024 * 1024),
        literalSize,
        limitsNode.number("command-bytes", defaults.commandSize(), 4_096, 1L << 31),
        limitsNode.integer("nesting-depth", defaults.nestingDepth(), 4, 1_000),
        limitsNode.integer("line-bytes-before-login", defaults.preAuthLineLength(), 256, 65_536),
        limitsNode.integer("literal-bytes-before-login", defaults.preAuthLiteralSize(), 256, 65_536),
        ImapLimits.LITERAL_MINUS_SIZE);
    limitsNode.rejectUnknownKeys();
    Path certificate = node.existingFile("certificate");
    Path key = node.existingFile("key");
    if ((certificate == null) != (key == null)) {
      throw new ConfigException(node.keyPath(certificate == null ? "certificate" : "key"),
          "certificate and key go together: set both or neither");
    }
    ImapConfig imap = new ImapConfig(
        node.address("listen", "127.0.0.1:1143"),
        node.address("tls-listen", "127.0.0.1:1993"),
        certificate,
        key,
        node.bool("allow-cleartext", false),
        limits,
        node.integer("max-sessions", 20_000, 1, 1_000_000),
        node.integer("max-sessions-per-user", 50, 1, 10_000),
        node.seconds("login-timeout-seconds", 60, 5, 3_600),
        node.seconds("idle-timeout-minutes", 30, 30, 24 * 60).multipliedBy(60),
        node.seconds("idle-keepalive-seconds", 120, 10, 3_600),
        node.integer("bad-commands-before-login", 3, 1, 1_000),
        node.integer("bad-commands-after-login", 50, 1, 100_000));
    node.rejectUnknownKeys();
    return imap;
  }

  private record BackendDefaults(int connectTimeout, int commandTimeout, long maxMessageBytes) {
  }

  private static BackendConfig backend(ConfigNode node, BackendDefaults shared) {
    TlsMode tls = node.choice("tls", TlsMode.class, TlsMode.STARTTLS);
    int defaultPort = tls == TlsMode.IMPLICIT ? 995 : 110;
    BackendConfig backend = new BackendConfig(
        node.string("host", "127.0.0.1"),
        node.integer("port", defaultPort, 1, 65_535),
        tls,
        node.bool("verify-certificates", true),
        node.existingFile("trust"),
        node.choice("auth", PopAuthMode.class, PopAuthMode.AUTO),
        java.time.Duration.ofSeconds(shared.connectTimeout()),
        java.time.Duration.ofSeconds(shared.commandTimeout()),
        shared.maxMessageBytes());
    node.rejectUnknownKeys();
    return backend;
  }
}
