package io.stocksync.gateway.masterdata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 split into lines of values, shared by every import of master data. Pure and
 * blocking: callers run it off the event loop.
 */
public final class CsvLines {

  private CsvLines() {
  }

  /** The text of a file, without a leading byte order mark; empty when it is not valid UTF-8. */
  public static java.util.Optional<String> decode(byte[] body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
        .toString();
      // spreadsheets like to start UTF-8 with a byte order mark
      return java.util.Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return java.util.Optional.empty();
    }
  }

  /** The non-blank lines of the text; a {@link SplitError} when it is not valid CSV. */
  public static List<Line> split(String text) {
    return new Splitter(text).lines();
  }

  /** One line of values and the 1-based number of the line it starts on. */
  public record Line(int number, List<String> values) {
  }

  /** The text is not valid CSV, at this line. */
  public static final class SplitError extends RuntimeException {
    public final int line;

    SplitError(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  /**
   * Splits RFC 4180 text into lines of values: quoted values may hold commas, doubled quotes and
   * line breaks; unquoted values lose surrounding blanks; blank lines are skipped.
   */
  private static final class Splitter {
    private final String text;
    private int at;
    private int line = 1;

    Splitter(String text) {
      this.text = text;
    }

    List<Line> lines() {
      List<Line> lines = new ArrayList<>();
      while (at < text.length()) {
        int start = line;
        List<String> values = new ArrayList<>();
        boolean quoted = false;
        do {
          skipBlanks();
          if (at < text.length() && text.charAt(at) == '"') {
            values.add(quoted(start));
            quoted = true;
          } else {
            values.add(unquoted());
          }
        } while (comma());
        endOfLine();
        if (quoted || values.size() > 1 || !values.get(0).isEmpty()) {
          lines.add(new Line(start, values));
        }
      }
      return lines;
    }

    private String quoted(int start) {
      StringBuilder value = new StringBuilder();
      at++;
      while (true) {
        if (at >= text.length()) {
          throw new SplitError(start, "a quoted value is not closed");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          if (at < text.length() && text.charAt(at) == '"') {
            value.append('"');
            at++;
            continue;
          }
          break;
        }
        if (c == '\n') {
          line++;
        }
        value.append(c);
      }
      skipBlanks();
      if (at < text.length() && !isDelimiter(text.charAt(at))) {
        throw new SplitError(line, "a quoted value must end at its closing quote; write a quote inside it as \"\"");
      }
      return value.toString();
    }

    private String unquoted() {
      int from = at;
      while (at < text.length() && !isDelimiter(text.charAt(at))) {
        at++;
      }
      return text.substring(from, at).strip();
    }

    private boolean comma() {
      if (at < text.length() && text.charAt(at) == ',') {
        at++;
        return true;
      }
      return false;
    }

    private void endOfLine() {
      if (at < text.length() && text.charAt(at) == '\r') {
        at++;
      }
      if (at < text.length() && text.charAt(at) == '\n') {
        at++;
      }
      line++;
    }

    private void skipBlanks() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
    }

    private static boolean isDelimiter(char c) {
      return c == ',' || c == '\n' || c == '\r';
    }
  }
}
