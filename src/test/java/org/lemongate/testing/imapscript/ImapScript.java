package org.lemongate.testing.imapscript;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A protocol transcript: what the client sends and what the server must answer, in the style of the
 * RFC examples and Apache James MPT. The format is described in
 * {@code src/test/resources/imap-scripts/README.md}; {@link #parse} checks a script completely, so a
 * mistake in it is reported with its line number before anything is sent.
 *
 * @param name the file name, for messages
 * @param setupMessages the {@code SETUP:} message files, in the order they are delivered
 * @param steps the dialogue
 */
public record ImapScript(String name, List<String> setupMessages, List<Step> steps) {
  /** {@code ${name}}: the account ({@code user}, {@code password}) or a captured value, filled in by the run. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)\\}");
  private static final Pattern REPEAT = Pattern.compile("repeat:(\\d{1,7}):(.+)");
  private static final Pattern DIRECTIVE = Pattern.compile("([A-Z][A-Z-]*): ?(.*)");
  /** A named group {@code (?<name>...)} of a server line, whose match later lines use as {@code ${name}}. */
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  /** Regex helpers for the parts of server lines that vary between runs or servers. */
  private static final Map<String, String> PATTERN_HELPERS = Map.of(
      "number", "\\d+",
      "quoted", "\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"",
      "date-time", "\"[ \\d]\\d-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\"");

  public ImapScript {
    setupMessages = List.copyOf(setupMessages);
    steps = List.copyOf(steps);
  }

  /** The names of the groups {@code (?<name>...)} of a server line's regex, whose matches are remembered. */
  static List<String> groupNames(String regex) {
    List<String> names = new ArrayList<>();
    Matcher group = NAMED_GROUP.matcher(regex);
    while (group.find()) {
      names.add(group.group(1));
    }
    return names;
  }

  /** Parses a script; a mistake in it is an {@link IllegalArgumentException} naming the script and line. */
  public static ImapScript parse(String name, String text) {
    return new Parser(name, text).parse();
  }

  private static final class Parser {
    private final String name;
    private final String[] lines;
    private final List<String> setupMessages = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    /** Names captured by the server lines so far: later lines may use them. */
    private final Set<String> captures = new HashSet<>();
    /** Names captured inside the UNORDERED block being read, usable only after it. */
    private Set<String> blockCaptures;
    private int index;

    Parser(String name, String text) {
      this.name = name;
      this.lines = text.split("\r?\n", -1);
    }

    ImapScript parse() {
      for (index = 0; index < lines.length; index++) {
        String line = lines[index];
        if (isBlankOrComment(line)) {
          continue;
        }
        if (line.equals("UNORDERED {")) {
          steps.add(unorderedBlock());
        } else if (line.equals("CLOSED")) {
          steps.add(new Step.Closed(lineNumber(), line));
        } else {
          directive(line);
        }
      }
      return new ImapScript(name, setupMessages, steps);
    }

    private void directive(String line) {
      Matcher directive = DIRECTIVE.matcher(line);
      if (!directive.matches()) {
        throw error("not a script line (C:, C-RAW:, S:, UNORDERED {, UNTIL:, CLOSED, SESSION:, WAIT:, DELIVER:,"
            + " LOG:, SETUP: or a # comment): " + line);
      }
      String value = directive.group(2);
      int number = lineNumber();
      switch (directive.group(1)) {
        case "SETUP" -> {
          if (!steps.isEmpty()) {
            throw error("SETUP: must come before the dialogue");
          }
          setupMessages.addAll(List.of(requireValue(value).trim().split("\\s+")));
        }
        case "C" -> steps.add(new Step.Send(number, line, binary(sendTemplate(value) + "\r\n")));
        case "C-RAW" -> steps.add(new Step.Send(number, line, unescape(sendTemplate(requireValue(value)))));
        case "S" -> steps.add(expectation(line, value));
        case "UNTIL" -> steps.add(new Step.Until(number, line, pattern(requireValue(value))));
        case "SESSION" -> steps.add(new Step.SwitchSession(number, line, positive(value)));
        case "WAIT" -> steps.add(new Step.Wait(number, line, positive(value)));
        case "DELIVER" -> steps.add(new Step.Deliver(number, line, requireValue(value).trim()));
        case "LOG" -> steps.add(new Step.Log(number, line, value));
        default -> throw error("unknown directive " + directive.group(1) + ":");
      }
    }

    /** An UNORDERED block: its S: lines (comments allowed) up to a line holding only a closing brace. */
    private Step unorderedBlock() {
      int start = lineNumber();
      List<Step.Expect> expectations = new ArrayList<>();
      blockCaptures = new HashSet<>();
      for (index++; index < lines.length; index++) {
        String line = lines[index];
        if (line.equals("}")) {
          if (expectations.isEmpty()) {
            throw error("an UNORDERED block needs at least one S: line");
          }
          captures.addAll(blockCaptures);
          blockCaptures = null;
          return new Step.ExpectUnordered(start, "UNORDERED { (" + expectations.size() + " lines)", expectations);
        }
        if (!isBlankOrComment(line)) {
          if (!line.startsWith("S:")) {
            throw error("only S: lines may stand in an UNORDERED block: " + line);
          }
          expectations.add(expectation(line, line.substring(2).replaceFirst("^ ", "")));
        }
      }
      index = start - 1;
      throw error("UNORDERED { is never closed by a line }");
    }

    private Step.Expect expectation(String line, String regex) {
      return new Step.Expect(lineNumber(), line, pattern(regex));
    }

    /**
     * Expands the regex helpers; {@code ${user}}, {@code ${password}} and captured names stay until the
     * run knows them. The line's own named groups are captured for the lines after it.
     */
    private String pattern(String regex) {
      String expanded = expand(regex, helper -> {
        String helperRegex = PATTERN_HELPERS.get(helper);
        if (helperRegex == null) {
          throw error("unknown ${" + helper + "} in a server line; known: ${user}, ${password}, ${"
              + String.join("}, ${", PATTERN_HELPERS.keySet()) + "} and the named groups of earlier server lines");
        }
        return helperRegex;
      });
      try {
        Pattern.compile(PLACEHOLDER.matcher(expanded).replaceAll("x"));
      } catch (PatternSyntaxException e) {
        throw error("not a valid regular expression: " + e.getMessage());
      }
      for (String name : groupNames(expanded)) {
        if (name.equals("user") || name.equals("password") || PATTERN_HELPERS.containsKey(name)) {
          throw error("the group name " + name + " is taken by ${" + name + "}");
        }
        (blockCaptures != null ? blockCaptures : captures).add(name);
      }
      return expanded;
    }

    /** Expands {@code ${repeat:N:text}}; {@code ${user}} and {@code ${password}} stay until the run knows them. */
    private String sendTemplate(String text) {
      return expand(text, generator -> {
        Matcher repeat = REPEAT.matcher(generator);
        if (!repeat.matches()) {
          throw error("unknown ${" + generator + "} in a client line; known: ${user}, ${password}, ${repeat:N:text}"
              + " and the named groups of earlier server lines");
        }
        return repeat.group(2).repeat(Integer.parseInt(repeat.group(1)));
      });
    }

    private String expand(String text, Function<String, String> expansion) {
      StringBuilder expanded = new StringBuilder();
      Matcher placeholder = PLACEHOLDER.matcher(text);
      while (placeholder.find()) {
        String name = placeholder.group(1);
        String value = name.equals("user") || name.equals("password") || captures.contains(name)
            ? placeholder.group() : expansion.apply(name);
        placeholder.appendReplacement(expanded, Matcher.quoteReplacement(value));
      }
      return placeholder.appendTail(expanded).toString();
    }

    /** C-RAW: escapes {@code \r \n \t \0 \\ \xHH} become those bytes; the rest is UTF-8. */
    private String unescape(String text) {
      StringBuilder bytes = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\\') {
          int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
          bytes.append(binary(text.substring(i, end)));
          i = end - 1;
          continue;
        }
        if (i + 1 == text.length()) {
          throw error("a C-RAW: line ends with a lone backslash; write \\\\ for one backslash");
        }
        char escaped = text.charAt(++i);
        switch (escaped) {
          case 'r' -> bytes.append('\r');
          case 'n' -> bytes.append('\n');
          case 't' -> bytes.append('\t');
          case '0' -> bytes.append('\0');
          case '\\' -> bytes.append('\\');
          case 'x' -> {
            if (i + 2 >= text.length() || !text.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
              throw error("\\x needs two hex digits in a C-RAW: line");
            }
            bytes.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
            i += 2;
          }
          default -> throw error("unknown escape \\" + escaped + " in a C-RAW: line; known: \\r \\n \\t \\0 \\\\ \\xHH");
        }
      }
      return bytes.toString();
    }

    private String requireValue(String value) {
      if (value.isBlank()) {
        throw error("this line needs a value");
      }
      return value;
    }

    private int positive(String value) {
      if (!value.trim().matches("\\d{1,9}") || Integer.parseInt(value.trim()) < 1) {
        throw error("expected a positive number, got: " + value);
      }
      return Integer.parseInt(value.trim());
    }

    private int lineNumber() {
      return index + 1;
    }

    private IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(name + " line " + lineNumber() + ": " + problem);
    }

    private static boolean isBlankOrComment(String line) {
      return line.isBlank() || line.startsWith("#");
    }
  }

  /** Text as a "binary string": one char per byte of its UTF-8 form, so raw bytes and text mix. */
  static String binary(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
