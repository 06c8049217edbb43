package io.hotswap.cluster.internal;

import io.hotswap.cluster.RollOptions;
import java.util.Locale;

/**
 * The words JMX clients and the command line use for roll modes and node loss policies ({@code
 * rolling}, {@code two-phase}; {@code continue}, {@code abort}). Stateless; thread-safe.
 */
final class RollModes {
  private RollModes() {}

  static RollOptions.Mode mode(String word) {
    return switch (normal(word)) {
      case "rolling" -> RollOptions.Mode.ROLLING;
      case "two-phase" -> RollOptions.Mode.TWO_PHASE;
      default ->
          throw new IllegalArgumentException(
              "unknown roll mode '" + word + "'; use rolling or two-phase");
    };
  }

  static RollOptions.NodeLossPolicy nodeLoss(String word) {
    return switch (normal(word)) {
      case "continue" -> RollOptions.NodeLossPolicy.CONTINUE;
      case "abort" -> RollOptions.NodeLossPolicy.ABORT;
      default ->
          throw new IllegalArgumentException(
              "unknown node loss policy '" + word + "'; use continue or abort");
    };
  }

  private static String normal(String word) {
    return word == null ? "" : word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
