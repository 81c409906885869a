package dev.jdbcjwt.spring.boot.autoconfigure.metrics;

import dev.jdbcjwt.testing.leaks.LeakSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Micrometer meter ids (name, tags, description, base unit) for the leak watch, found by ServiceLoader
 * ({@code META-INF/services/dev.jdbcjwt.testing.leaks.LeakSource} in this module's test resources): every meter of the
 * global registry and of the registries added to it (Spring Boot adds its registries there), and every meter ever
 * added to a registry a test {@link #watch}es (checked when added: an id never changes, and a registry may be gone
 * by the end of the class).
 */
public final class MeterLeakSource implements LeakSource {

  private static final ConcurrentLinkedQueue<String> ADDED = new ConcurrentLinkedQueue<>();
  private static final Set<MeterRegistry> WATCHED = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  /** Has the leak watch check every meter {@code registry} has and will get; returns {@code registry}. */
  public static <R extends MeterRegistry> R watch(R registry) {
    if (!WATCHED.add(registry)) {
      return registry;
    }
    registry.config().onMeterAdded(meter -> ADDED.add(describe(meter)));
    registry.getMeters().forEach(meter -> ADDED.add(describe(meter)));
    return registry;
  }

  static String describe(Meter meter) {
    Meter.Id id = meter.getId();
    return id.getName() + " " + id.getTags() + " " + id.getDescription() + " " + id.getBaseUnit();
  }

  @Override
  public String name() {
    return "a Micrometer meter id (name, tags, description)";
  }

  @Override
  public Iterable<String> texts() {
    List<String> texts = new ArrayList<>();
    for (String added = ADDED.poll(); added != null; added = ADDED.poll()) {
      texts.add(added);
    }
    Metrics.globalRegistry.getMeters().forEach(meter -> texts.add(describe(meter)));
    for (MeterRegistry registry : Metrics.globalRegistry.getRegistries()) {
      registry.getMeters().forEach(meter -> texts.add(describe(meter)));
    }
    return texts;
  }
}
