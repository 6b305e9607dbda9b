package org.lemongate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lemongate.config.ConfigException;
import org.lemongate.config.ConfigLoader;
import org.lemongate.config.GatewayConfig;
import org.lemongate.config.HostPort;
import org.lemongate.demo.DemoMode;
import org.lemongate.store.StoreInUseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code lemongate} command: reads the configuration and runs the gateway until stopped. */
@Command(name = "lemongate", mixinStandardHelpOptions = true, version = "Lemongate 0.1",
    description = "A POP3-to-IMAP gateway: any IMAP client on a POP3 mailbox.",
    sortOptions = false)
public final class Main implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see conf/lemongate.yaml)")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "folder of the message store")
  String data;

  @Option(names = "--pop", paramLabel = "HOST:PORT", description = "the default POP3 server")
  String pop;

  @Option(names = "--pop-tls", paramLabel = "MODE", description = "implicit | starttls | none")
  String popTls;

  @Option(names = "--pop-trust", paramLabel = "PEM-FILE", description = "certificates to trust for the POP3 server")
  String popTrust;

  @Option(names = "--poll", paramLabel = "SECONDS", description = "how often a user's maildrop is polled")
  String poll;

  @Option(names = "--imap", paramLabel = "HOST:PORT", description = "plain IMAP port with STARTTLS (or \"off\")")
  String imap;

  @Option(names = "--imaps", paramLabel = "HOST:PORT", description = "implicit-TLS IMAP port (or \"off\")")
  String imaps;

  @Option(names = "--allow-cleartext", description = "accept passwords without TLS (loopback only!)")
  boolean allowCleartext;

  @Option(names = "--demo", description = "run with a built-in POP3 server and a sample mailbox (user demo, password demo)")
  boolean demo;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    DemoMode demoMode = demo ? new DemoMode() : null;
    GatewayConfig gatewayConfig;
    try {
      Map<String, String> settings = new LinkedHashMap<>(demoMode == null ? Map.of() : demoMode.settings());
      settings.putAll(overrides());
      gatewayConfig = new ConfigLoader(settings, System.getenv()).load(config);
    } catch (ConfigException e) {
      System.err.println("lemongate: configuration error: " + e.getMessage());
      return 2;
    }
    try {
      Gateway gateway = Gateway.start(gatewayConfig);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        gateway.stop();
        if (demoMode != null) {
          demoMode.close();
        }
      }, "lemongate-shutdown"));
      if (demoMode != null) {
        System.out.println(DemoMode.banner(gatewayConfig));
      }
      gateway.awaitStop();
      return 0;
    } catch (StoreInUseException e) {
      System.err.println("lemongate: " + e.getMessage());
      return 1;
    } catch (IllegalStateException e) {
      System.err.println("lemongate: " + e.getMessage());
      return 1;
    }
  }

  /** Command-line options as configuration key paths; they win over the file and the environment. */
  private Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (data != null) {
      overrides.put("store.path", data);
    }
    if (pop != null) {
      try {
        HostPort address = HostPort.parse(pop);
        overrides.put("pop.default.host", address.host());
        overrides.put("pop.default.port", Integer.toString(address.port()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--pop", e.getMessage());
      }
    }
    if (popTls != null) {
      overrides.put("pop.default.tls", popTls);
    }
    if (popTrust != null) {
      overrides.put("pop.default.trust", popTrust);
    }
    if (poll != null) {
      overrides.put("pop.poll-seconds", poll);
    }
    if (imap != null) {
      overrides.put("imap.listen", imap);
    }
    if (imaps != null) {
      overrides.put("imap.tls-listen", imaps);
    }
    if (allowCleartext) {
      overrides.put("imap.allow-cleartext", "true");
    }
    return overrides;
  }
}
