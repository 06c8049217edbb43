package io.hotswap.internal.endpoint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The members of one group (or of a whole endpoint) at one instant: an immutable snapshot with the
 * members split by the lane that owns their socket, so a broadcast writes each lane's members in
 * one task on that lane, and with the member ids as an immutable set. Replaced, never changed, on
 * each join and leave (copy on write), so sending never copies the membership.
 *
 * <p>Immutable, so thread-safe.
 */
final class Group {
  private static final HostConnection[] NO_MEMBERS = new HostConnection[0];

  private final HostConnection[][] byLane;
  private final Set<String> ids;

  private Group(HostConnection[][] byLane, Set<String> ids) {
    this.byLane = byLane;
    this.ids = ids;
  }

  /** An empty group over {@code lanes} lanes. */
  static Group empty(int lanes) {
    HostConnection[][] byLane = new HostConnection[lanes][];
    Arrays.fill(byLane, NO_MEMBERS);
    return new Group(byLane, Set.of());
  }

  /** This group with {@code member} (unchanged when it is one already). */
  Group with(HostConnection member) {
    if (ids.contains(member.id())) {
      return this;
    }
    HostConnection[][] next = byLane.clone();
    HostConnection[] lane = byLane[member.lane()];
    next[member.lane()] = Arrays.copyOf(lane, lane.length + 1);
    next[member.lane()][lane.length] = member;
    Set<String> nextIds = new HashSet<>(ids);
    nextIds.add(member.id());
    return new Group(next, Set.copyOf(nextIds));
  }

  /** This group without the member {@code id} (unchanged when it is not one). */
  Group without(String id) {
    if (!ids.contains(id)) {
      return this;
    }
    HostConnection[][] next = byLane.clone();
    for (int lane = 0; lane < byLane.length; lane++) {
      HostConnection[] members = byLane[lane];
      for (int i = 0; i < members.length; i++) {
        if (members[i].id().equals(id)) {
          HostConnection[] shorter = new HostConnection[members.length - 1];
          System.arraycopy(members, 0, shorter, 0, i);
          System.arraycopy(members, i + 1, shorter, i, members.length - i - 1);
          next[lane] = shorter;
        }
      }
    }
    Set<String> nextIds = new HashSet<>(ids);
    nextIds.remove(id);
    return new Group(next, Set.copyOf(nextIds));
  }

  /** The members whose socket lane {@code lane} owns; do not modify. */
  HostConnection[] lane(int lane) {
    return byLane[lane];
  }

  /** The number of lanes. */
  int lanes() {
    return byLane.length;
  }

  /** The member ids. */
  Set<String> ids() {
    return ids;
  }

  boolean isEmpty() {
    return ids.isEmpty();
  }
}
