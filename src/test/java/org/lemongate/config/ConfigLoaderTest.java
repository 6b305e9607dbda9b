package org.lemongate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private Path file(String yaml) throws IOException {
    Path file = dir.resolve("lemongate.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void theShippedFileHoldsExactlyTheBuiltInDefaults() {
    GatewayConfig shipped = new ConfigLoader(Map.of(), Map.of()).load(Path.of("conf/lemongate.yaml"));
    GatewayConfig builtIn = new ConfigLoader(Map.of(), Map.of()).load(null);
    assertThat(shipped).isEqualTo(builtIn);
  }

  @Test
  void domainsPickTheBackEndAndTheRestGoesToTheDefault() throws IOException {
    GatewayConfig config = new ConfigLoader(Map.of(), Map.of()).load(file("""
        pop:
          default:
            host: pop.isp.example
            tls: implicit
          domains:
            Example.ORG:
              host: mail.example.org
              tls: none
              port: 1110
        """));
    assertThat(config.pop().backendFor("alice@example.org").host()).isEqualTo("mail.example.org");
    assertThat(config.pop().backendFor("alice@example.org").port()).isEqualTo(1110);
    assertThat(config.pop().backendFor("bob@other.example").host()).isEqualTo("pop.isp.example");
    assertThat(config.pop().backendFor("bob").port()).isEqualTo(995);
  }

  @Test
  void overridesBeatTheEnvironmentWhichBeatsTheFile() throws IOException {
    Path yaml = file("pop:\n  poll-seconds: 300\n  default:\n    host: from-file\n");
    GatewayConfig config = new ConfigLoader(Map.of("pop.poll-seconds", "30"),
        Map.of("LEMONGATE_POP_POLL_SECONDS", "120", "LEMONGATE_POP_DEFAULT_HOST", "from-env")).load(yaml);
    assertThat(config.pop().pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.pop().defaultBackend().host()).isEqualTo("from-env");
  }

  @Test
  void theDownloadMemoryIsGivenInMebibytes() throws IOException {
    GatewayConfig config = new ConfigLoader(Map.of(), Map.of()).load(file("pop:\n  download-memory-mb: 32\n"));
    assertThat(config.pop().downloadMemoryBytes()).isEqualTo(32L * 1024 * 1024);
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), Map.of()).load(file("pop:\n  download-memory-mb: 0\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pop.download-memory-mb:");
  }

  @Test
  void anInvalidValueNamesTheKeyAndTheProblem() throws IOException {
    Path yaml = file("pop:\n  default:\n    tls: sometimes\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), Map.of()).load(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pop.default.tls: expected implicit | starttls | none, got \"sometimes\"");
  }

  @Test
  void aMisspeltKeyStopsStartUp() throws IOException {
    Path yaml = file("pop:\n  pol-seconds: 30\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), Map.of()).load(yaml))
        .hasMessage("pop.pol-seconds: unknown key");
  }

  @Test
  void thePollIntervalCannotGoBelowTheFloor() throws IOException {
    Path yaml = file("pop:\n  poll-seconds: 5\n  min-poll-seconds: 10\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), Map.of()).load(yaml))
        .hasMessageContaining("pop.poll-seconds: must be at least pop.min-poll-seconds (10), got 5");
  }

  @Test
  void aTrustFileThatDoesNotExistIsReported() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("pop.default.trust", "/nonexistent/ca.pem"), Map.of())
        .load(null))
        .hasMessageContaining("pop.default.trust: file /nonexistent/ca.pem does not exist");
  }

  @Test
  void brokenYamlIsReportedWithTheFileName() throws IOException {
    Path yaml = file("pop: [unclosed\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), Map.of()).load(yaml))
        .hasMessageContaining("lemongate.yaml: is not valid YAML");
  }
}
