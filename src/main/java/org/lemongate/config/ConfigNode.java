package org.lemongate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One section of the configuration, read key by key with a default, bounds and a clear error.
 *
 * <p>A value comes from, in order: a command-line override, the environment variable named after
 * the key path ({@code pop.default.host} is {@code LEMONGATE_POP_DEFAULT_HOST}), the YAML file,
 * the default. Keys the file holds but nobody reads are reported by {@link #rejectUnknownKeys()},
 * so a misspelt key stops start-up instead of being silently ignored.
 */
final class ConfigNode {
  private final String path;
  private final Map<String, Object> values;
  private final Map<String, String> overrides;
  private final Map<String, String> env;
  private final Set<String> readKeys = new HashSet<>();

  ConfigNode(String path, Map<String, Object> values, Map<String, String> overrides,
      Map<String, String> env) {
    this.path = path;
    this.values = values;
    this.overrides = overrides;
    this.env = env;
  }

  String string(String key, String defaultValue) {
    Object raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    if (raw instanceof Map || raw instanceof Iterable) {
      throw new ConfigException(keyPath(key), "expected a single value, got a section or list");
    }
    return raw.toString();
  }

  long number(String key, long defaultValue, long min, long max) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(keyPath(key), "expected a whole number, got \"" + text + "\"");
    }
    if (value < min || value > max) {
      throw new ConfigException(keyPath(key),
          "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  int integer(String key, int defaultValue, int min, int max) {
    return (int) number(key, defaultValue, min, max);
  }

  Duration seconds(String key, long defaultSeconds, long minSeconds, long maxSeconds) {
    return Duration.ofSeconds(number(key, defaultSeconds, minSeconds, maxSeconds));
  }

  boolean bool(String key, boolean defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "on": return true;
      case "false": case "no": case "off": return false;
      default: throw new ConfigException(keyPath(key), "expected true or false, got \"" + text + "\"");
    }
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.trim())) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : " | ").append(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new ConfigException(keyPath(key), "expected " + allowed + ", got \"" + text + "\"");
  }

  /** A file path; {@code null} when unset. Existence is checked by {@link #existingFile}. */
  Path path(String key, Path defaultValue) {
    String text = string(key, null);
    return text == null || text.isBlank() ? defaultValue : Path.of(text.trim());
  }

  Path existingFile(String key) {
    Path file = path(key, null);
    if (file != null && !java.nio.file.Files.isReadable(file)) {
      throw new ConfigException(keyPath(key), "file " + file + " does not exist or is not readable");
    }
    return file;
  }

  /** An address, or {@code null} when unset or written as {@code off}. */
  HostPort address(String key, String defaultValue) {
    String text = string(key, defaultValue);
    if (text == null || text.isBlank() || text.equalsIgnoreCase("off")) {
      return null;
    }
    try {
      return HostPort.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(keyPath(key), e.getMessage());
    }
  }

  ConfigNode section(String key) {
    Object raw = raw(key);
    if (raw != null && !(raw instanceof Map)) {
      throw new ConfigException(keyPath(key), "expected a section of keys, got \"" + raw + "\"");
    }
    return new ConfigNode(keyPath(key), raw == null ? Map.of() : asStringMap(key, raw), overrides, env);
  }

  /** The sub-sections of a section whose keys are names chosen by the operator (e.g. domains). */
  Map<String, ConfigNode> namedSections(String key) {
    ConfigNode parent = section(key);
    Map<String, ConfigNode> result = new LinkedHashMap<>();
    for (String name : parent.values.keySet()) {
      result.put(name, parent.section(name));
    }
    return result;
  }

  /** Fails on the first key of this section that no reader asked for. */
  void rejectUnknownKeys() {
    for (String key : values.keySet()) {
      if (!readKeys.contains(key)) {
        throw new ConfigException(keyPath(key), "unknown key");
      }
    }
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Object raw(String key) {
    readKeys.add(key);
    String full = keyPath(key);
    if (overrides.containsKey(full)) {
      return overrides.get(full);
    }
    String fromEnv = env.get(envName(full));
    if (fromEnv != null) {
      return fromEnv;
    }
    return values.get(key);
  }

  static String envName(String keyPath) {
    return "LEMONGATE_" + keyPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asStringMap(String key, Object raw) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : ((Map<Object, Object>) raw).entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new ConfigException(keyPath(key), "key " + e.getKey() + " is not a name");
      }
      map.put((String) e.getKey(), e.getValue());
    }
    return map;
  }
}
