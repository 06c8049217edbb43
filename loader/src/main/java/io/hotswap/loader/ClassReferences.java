package io.hotswap.loader;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The classes one class file names in its constant pool: every {@code CONSTANT_Class} entry
 * (superclass, interfaces, classes it instantiates, casts to, calls or reads fields of) and every
 * class inside a descriptor or signature ({@code Lcom/acme/Foo;} in any UTF-8 entry: field and
 * method types, generic signatures, annotation types). An over-approximation of what the JVM may
 * load for the class, never an under-approximation for classes named in byte code; classes named
 * only by string ({@code Class.forName("...")}) are not seen, and are loaded lazily, as on any
 * classpath.
 *
 * <p>Stateless and thread-safe.
 */
final class ClassReferences {
  private static final int MAGIC = 0xCAFEBABE;

  private ClassReferences() {}

  /**
   * The binary names ({@code com.acme.Foo$Bar}) a class file refers to.
   *
   * @throws IllegalArgumentException when the bytes are not a class file
   */
  static Set<String> of(ByteBuffer classFile) {
    ByteBuffer in = classFile.duplicate();
    Set<String> names = new HashSet<>();
    try {
      if (in.getInt() != MAGIC) {
        throw new IllegalArgumentException("not a class file (bad magic)");
      }
      in.getShort(); // minor
      in.getShort(); // major
      int count = Short.toUnsignedInt(in.getShort());
      String[] utf8 = new String[count];
      int[] classNameIndexes = new int[count];
      int classes = 0;
      for (int i = 1; i < count; i++) {
        int tag = Byte.toUnsignedInt(in.get());
        switch (tag) {
          case 1 -> utf8[i] = readUtf8(in);
          case 7 -> classNameIndexes[classes++] = Short.toUnsignedInt(in.getShort());
          case 8, 16, 19, 20 -> in.getShort(); // String, MethodType, Module, Package
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.getInt();
          case 15 -> {
            in.get();
            in.getShort();
          }
          case 5, 6 -> {
            in.getLong();
            i++; // long and double take two slots
          }
          default ->
              throw new IllegalArgumentException("bad constant pool tag " + tag + " at " + i);
        }
      }
      for (int c = 0; c < classes; c++) {
        addInternalName(names, utf8[classNameIndexes[c]]);
      }
      for (String text : utf8) {
        if (text != null) {
          addDescriptorNames(names, text);
        }
      }
    } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated class file", e);
    }
    return names;
  }

  /** A class entry: an internal name ({@code com/acme/Foo}) or an array descriptor. */
  private static void addInternalName(Set<String> names, String internal) {
    if (internal == null) {
      return;
    }
    if (internal.startsWith("[")) {
      addDescriptorNames(names, internal);
    } else {
      names.add(internal.replace('/', '.'));
    }
  }

  /** Every {@code L<internal name>;} (or {@code L<name><} in a generic signature) in the text. */
  private static void addDescriptorNames(Set<String> names, String text) {
    int from = text.indexOf('L');
    while (from >= 0 && from < text.length() - 1) {
      int end = from + 1;
      while (end < text.length() && isNameChar(text.charAt(end))) {
        end++;
      }
      if (end < text.length()
          && end > from + 1
          && (text.charAt(end) == ';' || text.charAt(end) == '<')) {
        names.add(text.substring(from + 1, end).replace('/', '.'));
      }
      from = text.indexOf('L', from + 1);
    }
  }

  private static boolean isNameChar(char c) {
    return c != ';'
        && c != '<'
        && c != '>'
        && c != '('
        && c != ')'
        && c != '['
        && c != ':'
        && c != '.'
        && !Character.isWhitespace(c);
  }

  /** Reads modified UTF-8 (as written by {@code DataOutput#writeUTF}); lenient on odd bytes. */
  private static String readUtf8(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
