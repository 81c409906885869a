package dev.jdbcjwt.benchmarks.report;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for maps, lists, records, strings, numbers, booleans and null (no dependency for so little).
 */
public final class Json {

  private Json() {
  }

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, int indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? String.valueOf(Math.round(d * 10_000) / 10_000.0) : "null");
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      object(map, out, indent);
    } else if (value instanceof Record record) {
      write(fields(record), out, indent);
    } else if (value instanceof Collection<?> list) {
      array(list, out, indent);
    } else {
      string(value.toString(), out);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out, int indent) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(first ? "\n" : ",\n");
      first = false;
      pad(out, indent + 1);
      string(String.valueOf(e.getKey()), out);
      out.append(": ");
      write(e.getValue(), out, indent + 1);
    }
    close(out, indent, first, '}');
  }

  private static void array(Collection<?> list, StringBuilder out, int indent) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      out.append(first ? "\n" : ",\n");
      first = false;
      pad(out, indent + 1);
      write(item, out, indent + 1);
    }
    close(out, indent, first, ']');
  }

  /** The closing bracket: on a line of its own unless the object or array was empty. */
  private static void close(StringBuilder out, int indent, boolean empty, char bracket) {
    if (!empty) {
      out.append('\n');
      pad(out, indent);
    }
    out.append(bracket);
  }

  /** A record's components by name, in declaration order. */
  private static Map<String, Object> fields(Record record) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        fields.put(c.getName(), c.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return fields;
  }

  private static void pad(StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
