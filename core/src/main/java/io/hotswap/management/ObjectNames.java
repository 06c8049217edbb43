package io.hotswap.management;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JMX object names hotswap registers: {@code io.hotswap:type=<type>,name=<instance>}, the
 * instance name quoted when it holds characters an object name cannot carry bare. Stateless;
 * thread-safe.
 */
public final class ObjectNames {
  private ObjectNames() {}

  /**
   * The object name of the bean of kind {@code type} for the instance named {@code name}.
   *
   * @throws IllegalArgumentException when {@code name} cannot be part of an object name
   */
  public static ObjectName of(String type, String name) {
    String value = name.matches("[A-Za-z0-9._-]+") ? name : ObjectName.quote(name);
    try {
      return new ObjectName("io.hotswap:type=" + type + ",name=" + value);
    } catch (JMException e) {
      throw new IllegalArgumentException("not a usable instance name for JMX: " + name, e);
    }
  }
}
