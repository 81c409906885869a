package dev.jdbcjwt.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start: a fresh JVM ({@link ColdStartMain} in a child {@code java} process with this benchmark's class path)
 * from its first {@code getConnection()} to a usable connection, through {@code jdbc:jwt:} (OpenID discovery, the token
 * request, the connect with the token checked by PostgreSQL) and through raw pgjdbc with a static password
 * (scram-sha-256). The two alternate, {@code runs} times each; medians. The token's part is split at the identity
 * provider's request log (millisecond resolution): discovery until the token request arrived, then the rest.
 */
final class ColdStart {

  private static final Pattern LINE = Pattern.compile("COLD-START total=(\\d+) token=(\\d+) mainMillis=(\\d+)");

  private ColdStart() {
  }

  static Map<String, Object> run(int runs, PostgresSetup pg, Idp idp) throws Exception {
    String issuer = idp.issuer("cold-start", PostgresSetup.TOKEN_USER, EndToEnd.LONG_TTL);
    String jwtUrl = pg.url("jwt") + "&jwt.provider=client-credentials&jwt.issuer=" + issuer + "&jwt.clientId="
        + MintingIdp.CLIENT_ID;
    List<long[]> jwt = new ArrayList<>();
    List<long[]> raw = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      raw.add(child(pg.jdbcUrl(), PostgresSetup.SCRAM_USER, Map.of("COLD_START_PASSWORD",
          PostgresSetup.SCRAM_PASSWORD)));
      long[] j = child(jwtUrl, PostgresSetup.TOKEN_USER, Map.of("COLD_START_SECRET", MintingIdp.CLIENT_SECRET));
      long[] at = idp.lastDiscoveryAndTokenMillis("cold-start");
      jwt.add(new long[] {j[0], j[1], j[2], (at[1] - at[0]) * 1_000_000L});
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runs", runs);
    double jwtTotal = medianMillis(jwt, 0);
    double rawTotal = medianMillis(raw, 0);
    double token = medianMillis(jwt, 1);
    m.put("jwtMillis", jwtTotal);
    m.put("jwtTokenMillis", token);
    double discovery = medianMillis(jwt, 3);
    m.put("jwtDiscoveryMillis", discovery);
    m.put("jwtTokenRequestMillis", Math.round((token - discovery) * 10) / 10.0);
    m.put("jwtRestMillis", Math.round((jwtTotal - token) * 10) / 10.0);
    m.put("rawMillis", rawTotal);
    m.put("ratio", Math.round(jwtTotal / rawTotal * 1000) / 1000.0);
    m.put("jvmUptimeAtMainMillis", medianMillis(raw, 2));
    m.put("jwtJvmUptimeAtMainMillis", medianMillis(jwt, 2));
    return m;
  }

  /** Runs one child JVM; returns total, token and main-uptime figures (ns, ns, ms). */
  private static long[] child(String url, String user, Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        ColdStartMain.class.getName(), url, user).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
      }
    }
    if (!p.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the cold-start JVM did not end within a minute");
    }
    Matcher m = LINE.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("the cold-start JVM printed no figures (exit " + p.exitValue() + "): "
          + out.substring(0, Math.min(out.length(), 2_000)));
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
  }

  private static double medianMillis(List<long[]> runs, int index) {
    long[] values = runs.stream().mapToLong(r -> r[index]).sorted().toArray();
    double median = Stats.median(values);
    return index == 2 ? median : Math.round(median / 100_000.0) / 10.0;
  }
}
