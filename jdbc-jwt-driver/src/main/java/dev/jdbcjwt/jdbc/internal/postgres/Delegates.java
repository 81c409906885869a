package dev.jdbcjwt.jdbc.internal.postgres;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Properties;

/**
 * Instantiates the user's own pgjdbc factory the way pgjdbc would: a constructor taking the connection's
 * {@code Properties}, else one taking the {@code …arg} string (when set), else the no-argument one.
 */
final class Delegates {

  private Delegates() {
  }

  static <T> T instantiate(Class<T> type, String className, Properties info, String argProperty) {
    try {
      Class<? extends T> cls = load(className).asSubclass(type);
      try {
        return construct(cls.getConstructor(Properties.class), info);
      } catch (NoSuchMethodException noProperties) {
        String arg = info.getProperty(argProperty);
        if (arg != null) {
          try {
            return construct(cls.getConstructor(String.class), arg);
          } catch (NoSuchMethodException noString) {
            // fall through to the no-argument constructor
          }
        }
        return construct(cls.getConstructor());
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("jdbc-jwt: cannot instantiate " + className + " as a " + type.getName()
          + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * Loads without initializing: a class named in a URL must be a factory of the expected type before any of its code
   * (a static initializer) runs, the lesson of pgjdbc's socketFactory advisory (CVE-2022-21724).
   */
  private static Class<?> load(String className) throws ClassNotFoundException {
    try {
      return Class.forName(className, false, Delegates.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context == null) {
        throw e;
      }
      return Class.forName(className, false, context);
    }
  }

  private static <T> T construct(Constructor<? extends T> constructor, Object... args)
      throws ReflectiveOperationException {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}
