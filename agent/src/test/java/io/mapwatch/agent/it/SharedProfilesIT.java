package io.mapwatch.agent.it;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's own code, in the jar as shipped, reads and writes no number through the JDK code an
 * application's memory reads are compiled from: no typed accessor of a {@code ByteBuffer}
 * ({@code getLong}, {@code putInt}, single-byte {@code get} and {@code put}, ...), no access of a
 * {@code MemorySegment}, no view {@code VarHandle} over an array, a buffer or a segment. The JIT
 * compiles an application's hot read with the profile every caller left in that code; the agent's
 * residency sampler decoding pagemap entries with {@code getLong} of a native-order direct buffer
 * left both byte orders in the profile of the method a big-endian mapped buffer's reads go
 * through, and a JVM reading such a buffer at random ran with both orders' paths, a safepoint poll
 * and spills in its inner loop (JDK 25, docs/benchmarks.md). Reading the bytecode is exact where a
 * benchmark is not: a new call of that kind fails here, with where it is.
 */
class SharedProfilesIT {
    private static final Set<String> BUFFERS = Set.of("java/nio/ByteBuffer", "java/nio/MappedByteBuffer");
    private static final Pattern TYPED = Pattern.compile("(get|put)(Char|Short|Int|Long|Float|Double)");
    private static final Set<String> SEGMENT_ACCESS = Set.of("get", "set", "getAtIndex", "setAtIndex", "copy",
            "getString", "setString", "toArray", "copyFrom", "fill");
    private static final Set<String> VIEWED = Set.of("[B", "Ljava/nio/ByteBuffer;", "Ljava/lang/foreign/MemorySegment;");

    @Test
    void theAgentsClassesReadNoNumberThroughTheJdkCodeOfTheApplicationsReads() throws IOException {
        List<String> found = new ArrayList<>();
        int classes = 0;
        try (ZipFile jar = new ZipFile(ForkedJvm.AGENT_JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                boolean ours = name.contains("io/mapwatch/") && !name.contains("io/mapwatch/shaded/");
                if (ours && (name.endsWith(".class") || name.endsWith(".classdata"))) {
                    classes++;
                    try (InputStream in = jar.getInputStream(entry)) {
                        scan(in.readAllBytes(), found);
                    }
                }
            }
        }
        assertTrue(classes > 100, "the agent's classes in " + ForkedJvm.AGENT_JAR + ": " + classes);
        assertEquals(List.of(), found, "calls into the JDK code of the application's memory reads");
    }

    private static void scan(byte[] bytes, List<String> found) {
        ClassReader reader = new ClassReader(bytes);
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String calledOwner, String called, String calledDescriptor, boolean itf) {
                        if (shared(calledOwner, called, calledDescriptor)) {
                            found.add(owner + "." + method + " calls " + calledOwner + "." + called + calledDescriptor);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    private static boolean shared(String owner, String name, String descriptor) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        if (BUFFERS.contains(owner)) {
            boolean oneByte = (name.equals("get") && Type.getReturnType(descriptor).equals(Type.BYTE_TYPE))
                    || (name.equals("put") && arguments.length > 0 && arguments[arguments.length - 1].equals(Type.BYTE_TYPE));
            return TYPED.matcher(name).matches() || oneByte;
        }
        if (owner.equals("java/lang/foreign/MemorySegment")) {
            return SEGMENT_ACCESS.contains(name);
        }
        if (owner.equals("java/lang/invoke/VarHandle")) {
            return arguments.length > 0 && VIEWED.contains(arguments[0].getDescriptor());
        }
        return false;
    }
}
