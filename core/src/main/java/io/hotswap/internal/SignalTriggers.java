package io.hotswap.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSIX signals as triggers: USR2 and HUP reload, TERM and INT stop gracefully. Uses {@code
 * sun.misc.Signal} from the {@code jdk.unsupported} module, reached by reflection because javac
 * reports any direct use as a warning that cannot be suppressed (the build runs with -Werror).
 * Where the OS or the VM refuses a signal (HUP under {@code nohup}, any signal on Windows), that
 * signal is skipped with a log line and the other triggers still work.
 *
 * <p>Thread-safe: the JVM runs handlers on its signal dispatcher thread; actions must hand off.
 */
final class SignalTriggers {
  private static final Logger LOG = LoggerFactory.getLogger(SignalTriggers.class);

  private SignalTriggers() {}

  /**
   * Installs the handlers.
   *
   * @return the names of the signals now handled
   */
  static List<String> install(String name, Runnable reload, Runnable stop) {
    List<String> installed = new ArrayList<>();
    for (String signal : List.of("USR2", "HUP")) {
      if (handle(signal, reload)) {
        installed.add(signal);
      }
    }
    for (String signal : List.of("TERM", "INT")) {
      if (handle(signal, stop)) {
        installed.add(signal);
      }
    }
    LOG.info("{}: signals {} installed (USR2/HUP reload, TERM/INT stop)", name, installed);
    return installed;
  }

  private static boolean handle(String signalName, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(signalName);
      InvocationHandler onSignal =
          (proxy, method, args) -> dispatch(proxy, method, args, signalName, action);
      Object handler =
          Proxy.newProxyInstance(
              SignalTriggers.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.info("signal {} not available here: {}", signalName, cause.toString());
      return false;
    }
  }

  private static Object dispatch(
      Object proxy, Method method, Object[] args, String signalName, Runnable action) {
    switch (method.getName()) {
      case "handle" -> {
        LOG.info("received SIG{}", signalName);
        action.run();
        return null;
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "equals" -> {
        return proxy == args[0];
      }
      case "toString" -> {
        return "hotswap handler of SIG" + signalName;
      }
      default -> throw new UnsupportedOperationException(method.getName());
    }
  }
}
