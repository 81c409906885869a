package dev.jdbcjwt.testing.leaks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads every readable attribute of every MBean outside the JDK's own domains (HikariCP's {@code com.zaxxer.hikari}
 * pools with {@code registerMbeans}, anything Spring or a driver registers) and checks the object name and each value
 * as text ({@code String.valueOf}, arrays element by element, open data through its {@code toString()}).
 */
final class MBeanScan {

  /** The JDK's domains: their attributes are the JVM's own state (system properties are not ours to police). */
  static final Set<String> JDK_DOMAINS = Set.of("java.lang", "java.nio", "java.util.logging", "jdk.management.jfr",
      "com.sun.management", "JMImplementation");

  private MBeanScan() {
  }

  static List<String> leaks(MBeanServer server, LeakDetector detector) {
    List<String> found = new ArrayList<>();
    for (ObjectName name : server.queryNames(null, null)) {
      if (JDK_DOMAINS.contains(name.getDomain())) {
        continue;
      }
      found.addAll(detector.leaksIn(name.toString(), "in the name of an MBean in domain " + name.getDomain()));
      MBeanAttributeInfo[] attributes;
      try {
        attributes = server.getMBeanInfo(name).getAttributes();
      } catch (Exception gone) { // unregistered meanwhile, or its info cannot be read: nothing to read either
        continue;
      }
      for (MBeanAttributeInfo attribute : attributes) {
        if (!attribute.isReadable()) {
          continue;
        }
        String text;
        try {
          text = asText(server.getAttribute(name, attribute.getName()));
        } catch (Exception | LinkageError unreadable) { // unsupported, or the MBean closed meanwhile
          continue;
        }
        found.addAll(detector.leaksIn(text, "in attribute " + attribute.getName() + " of an MBean in domain "
            + name.getDomain()));
      }
    }
    return found;
  }

  private static String asText(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    if (value instanceof char[] chars) {
      return new String(chars);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(value);
  }
}
