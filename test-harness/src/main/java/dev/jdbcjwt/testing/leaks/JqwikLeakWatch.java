package dev.jdbcjwt.testing.leaks;

import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LeakWatch} for jqwik property classes (jqwik runs its own engine, without JUnit Jupiter's extensions):
 * registered globally in {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}, read only where jqwik is on
 * the class path (jqwik is a provided dependency of the harness).
 */
public final class JqwikLeakWatch implements AroundContainerHook {

  private static final Map<Class<?>, Integer> STARTS = new ConcurrentHashMap<>();

  /** Registered on the engine, so it must reach the classes below it. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  /** Classes only (not the engine, not single properties). */
  @Override
  public boolean appliesTo(Optional<AnnotatedElement> element) {
    return element.map(e -> e instanceof Class<?>).orElse(false);
  }

  @Override
  public void beforeContainer(ContainerLifecycleContext context) {
    context.optionalContainerClass().ifPresent(c -> STARTS.put(c, LeakWatch.begin()));
  }

  @Override
  public void afterContainer(ContainerLifecycleContext context) {
    Optional<Class<?>> container = context.optionalContainerClass();
    if (container.isPresent()) {
      Integer start = STARTS.remove(container.get());
      LeakWatch.endAndCheck(start == null ? 0 : start, context.label());
    }
  }
}
